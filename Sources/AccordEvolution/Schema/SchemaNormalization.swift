import AccordJSON

/// Rewrites that bridge two spellings of the same schema, applied only where the two sides are
/// written differently (where both use the same shape, its real pointers are kept):
///
/// - `allOf` on one side only is flattened into its parent when the parts cannot interact
///   (`{"allOf": [{"$ref": "#/$defs/A"}], "description": …}` is `A` with a description);
/// - an `anyOf` on one side and a `oneOf` on the other are compared as the new side's
///   combinator where the old side's branches exclude each other;
/// - `anyOf`/`oneOf` of a schema and `{"type": "null"}` on one side only becomes the schema
///   with `"null"` added to its type (the nullable pattern of Pydantic and zod);
/// - `anyOf`/`oneOf` on one side only, against a type list on the other, whose branches each
///   name one type, pairwise disjoint, with only keywords of that type, becomes a type list
///   with the branches' keywords
///   (`anyOf: [{type: string, maxLength: 5}, {type: integer}]` is
///   `type: [string, integer], maxLength: 5`: zod 4 versus zod-to-json-schema);
/// - a remaining `anyOf`/`oneOf` on one side only is matched by lifting the other side into a
///   one-branch combinator, so `string` → `anyOf[string, integer]` reads as a branch added.
extension SchemaComparisonSession {
    func normalize(_ old: inout SchemaNode, _ new: inout SchemaNode) {
        if Self.has(.allOf, old) != Self.has(.allOf, new) {
            if Self.has(.allOf, old) {
                old = flattenedAllOf(old, side: .old) ?? old
            } else {
                new = flattenedAllOf(new, side: .new) ?? new
            }
        }
        if Self.has(.anyOf, old) != Self.has(.oneOf, old), Self.has(.anyOf, old) == Self.has(.oneOf, new), Self.has(.anyOf, new) != Self.has(.oneOf, new) {
            old = exclusiveUnionRenamed(old, to: Self.has(.anyOf, new) ? .anyOf : .oneOf) ?? old
        }
        for combinator in [SchemaCombinator.anyOf, .oneOf] where Self.has(combinator, old) != Self.has(combinator, new) {
            if Self.has(combinator, old) {
                old = mergedNullable(old, combinator, side: .old) ?? old
            } else {
                new = mergedNullable(new, combinator, side: .new) ?? new
            }
        }
        for combinator in [SchemaCombinator.anyOf, .oneOf] where Self.has(combinator, old) != Self.has(combinator, new) {
            // Only against a type list: elsewhere branch matching says more (a branch added).
            if Self.has(combinator, old) {
                if Self.hasTypeList(new) { old = mergedTypeUnion(old, combinator, side: .old) ?? old }
            } else if Self.hasTypeList(old) {
                new = mergedTypeUnion(new, combinator, side: .new) ?? new
            }
        }
        for combinator in [SchemaCombinator.anyOf, .oneOf] where Self.has(combinator, old) != Self.has(combinator, new) {
            if Self.has(combinator, old) {
                new = Self.lifted(new, into: combinator, besides: old.members) ?? new
            } else {
                old = Self.lifted(old, into: combinator, besides: new.members) ?? old
            }
        }
    }

    static func has(_ combinator: SchemaCombinator, _ node: SchemaNode) -> Bool {
        node.members[combinator.rawValue] != nil
    }

    private static func hasTypeList(_ node: SchemaNode) -> Bool {
        (node.members["type"]?.arrayValue?.count ?? 0) > 1
    }

    // MARK: - allOf

    /// Nested one-sided allOfs flattened at once (`{"allOf": [{"allOf": [S]}]}` is S); deeper
    /// nesting, as a recursive reference would give, is left to branch matching.
    static let allOfNestingLimit = 8

    private func flattenedAllOf(_ node: SchemaNode, side: Side, nesting: Int = 0) -> SchemaNode? {
        guard case .array(let branches)? = node.members["allOf"], !branches.isEmpty else { return nil }
        var parts = [node.members.filter { $0.key != "allOf" }]
        var identities: [String] = []
        var followed = node.reachedByReference
        for (offset, branch) in branches.enumerated() {
            let resolved = resolvedBranch(SchemaSource(value: branch, identity: node.identity + "/allOf/\(offset)"), side: side, nesting: nesting + 1)
            guard resolved.unresolved == nil, resolved.boolean != false else { return nil }
            followed = followed || resolved.reachedByReference
            // Inline branches are named by the node's identity already; only where a branch was
            // reached through a `$ref` does its target say something more (and stays short).
            if resolved.reachedByReference { identities.append(resolved.identity) }
            if resolved.boolean == true { continue }
            parts.append(resolved.members)
        }
        // A branch with an allOf of its own (a recursive one, say) would be flattened again
        // at every level: leave such an allOf to branch matching.
        guard let members = SchemaConjunction.merge(parts), members["allOf"] == nil else { return nil }
        var flattened = node
        flattened.members = members
        flattened.identity = node.identity + "?allOf(" + identities.joined(separator: ",") + ")"
        flattened.reachedByReference = followed
        return flattened
    }

    /// A branch as its combinator sees it: references followed, and an allOf wrapper around it
    /// (`{"allOf": [{"type": "null"}]}`) flattened where that is exact.
    func resolvedBranch(_ source: SchemaSource, side: Side, nesting: Int = 0) -> SchemaNode {
        let resolved = resolve(source, side: side)
        guard Self.has(.allOf, resolved), nesting <= Self.allOfNestingLimit else { return resolved }
        return flattenedAllOf(resolved, side: side, nesting: nesting) ?? resolved
    }

    /// Both sides flattened, for comparing two differently nested allOfs (see
    /// ``SchemaComparisonSession``); `nil` unless both flatten.
    func flattenedAllOfs(_ old: SchemaNode, _ new: SchemaNode) -> (SchemaNode, SchemaNode)? {
        guard let old = flattenedAllOf(old, side: .old), let new = flattenedAllOf(new, side: .new) else { return nil }
        return (old, new)
    }

    // MARK: - anyOf and oneOf

    /// The old side's anyOf written as the new side's oneOf, or the other way round, where its
    /// branches exclude each other (no value matches two, so "one of" and "any of" agree): a
    /// plain union that became a discriminated one (zod's and pydantic's spellings) is no change.
    /// The pointers stay the new side's.
    private func exclusiveUnionRenamed(_ node: SchemaNode, to target: SchemaCombinator) -> SchemaNode? {
        let source: SchemaCombinator = target == .anyOf ? .oneOf : .anyOf
        guard case .array(let branches)? = node.members[source.rawValue], branches.count > 1 else { return nil }
        let summaries = branches.enumerated().map { offset, branch in
            SchemaBranchSummary(written: branch, resolved: resolvedBranch(SchemaSource(value: branch, identity: node.identity + "/\(source.rawValue)/\(offset)"), side: .old))
        }
        guard SchemaBranchSummary.arePairwiseDisjoint(summaries) else { return nil }
        var renamed = node
        renamed.members[source.rawValue] = nil
        renamed.members[target.rawValue] = .array(branches)
        renamed.identity = node.identity + "?\(target.rawValue)"
        return renamed
    }

    // MARK: - Nullable

    private func mergedNullable(_ node: SchemaNode, _ combinator: SchemaCombinator, side: Side) -> SchemaNode? {
        guard case .array(let branches)? = node.members[combinator.rawValue], branches.count == 2 else { return nil }
        let resolved = branches.enumerated().map { offset, branch in
            resolvedBranch(SchemaSource(value: branch, identity: node.identity + "/\(combinator.rawValue)/\(offset)"), side: side)
        }
        guard let nullIndex = resolved.firstIndex(where: Self.isNullOnly) else { return nil }
        let schema = resolved[1 - nullIndex]
        guard schema.unresolved == nil, schema.boolean == nil, !Self.isNullOnly(schema) else { return nil }
        // In a oneOf, null must not match the other branch too (it would match twice).
        if combinator == .oneOf, SchemaTypeSet.admitted(by: schema.members).contains(.null) { return nil }

        let outside = node.members.filter { $0.key != combinator.rawValue && !SchemaKeywords.definitions.contains($0.key) }
        // Keywords beside the anyOf that judge null themselves would stop judging it.
        guard outside["type"] == nil, outside["enum"] == nil, outside["const"] == nil,
              var members = SchemaConjunction.merge([outside, schema.members]) else { return nil }
        // Null must get through every keyword of the merged schema: only type, enum and
        // keywords of other types are safe to extend.
        let restricting: Set<String> = ["const", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref", "$dynamicRef", "$recursiveRef"]
        guard !members.keys.contains(where: restricting.contains) else { return nil }
        if let type = members["type"] {
            switch type {
            case .string(let name): members["type"] = name == "null" ? type : .array([type, "null"])
            case .array(let names): members["type"] = names.contains("null") ? type : .array(names + ["null"])
            default: return nil
            }
        }
        if case .array(let values)? = members["enum"], !values.contains(.null) {
            members["enum"] = .array(values + [.null])
        }

        var merged = node
        merged.members = members
        merged.reachedByReference = node.reachedByReference || schema.reachedByReference
        // Built on the branch's identity so that a recursive Optional[Node] meets itself again.
        merged.identity = (schema.reachedByReference ? schema.identity : node.identity) + "?null"
            + (outside.isEmpty || !schema.reachedByReference ? "" : "&" + JSONEncoding.compact(.object(outside)))
        return merged
    }

    // MARK: - Unions of single types

    /// Keywords that constrain only values of one JSON type (and are ignored by the others).
    private static func keywordsOfType(_ name: String) -> Set<String>? {
        switch name {
        case "null", "boolean": []
        case "integer", "number": SchemaKeywords.numberFamily
        case "string": SchemaKeywords.stringFamily.union(["format"])
        case "array": SchemaKeywords.arrayFamily
        case "object": SchemaKeywords.objectFamily
        default: nil
        }
    }

    /// `anyOf`/`oneOf` of branches that each admit one type, no two the same, written as the
    /// type list it is: a value of one branch's type meets no keyword of another branch, so the
    /// branches' keywords can sit side by side. `nil` where any branch says more than that.
    private func mergedTypeUnion(_ node: SchemaNode, _ combinator: SchemaCombinator, side: Side) -> SchemaNode? {
        guard case .array(let branches)? = node.members[combinator.rawValue], branches.count >= 2 else { return nil }
        let outside = node.members.filter { $0.key != combinator.rawValue && !SchemaKeywords.definitions.contains($0.key) }
        // An `enum` or `const` beside the branches holds for all of them, merged or not; a
        // `type` beside them would have to be intersected with the list.
        guard outside["type"] == nil else { return nil }
        var names: [JSONValue] = []
        var admitted: SchemaTypeSet = []
        var parts = [outside]
        var followed = node.reachedByReference
        for (offset, branch) in branches.enumerated() {
            let resolved = resolvedBranch(SchemaSource(value: branch, identity: node.identity + "/\(combinator.rawValue)/\(offset)"), side: side)
            guard resolved.unresolved == nil, resolved.boolean == nil,
                  let name = resolved.members["type"]?.stringValue, let types = SchemaTypeSet(keyword: .string(name)),
                  admitted.isDisjoint(with: types), let own = Self.keywordsOfType(name),
                  resolved.members.keys.allSatisfy({ $0 == "type" || own.contains($0) }) else { return nil }
            admitted.formUnion(types)
            names.append(.string(name))
            parts.append(resolved.members.filter { $0.key != "type" })
            followed = followed || resolved.reachedByReference
        }
        guard var members = SchemaConjunction.merge(parts) else { return nil }
        members["type"] = .array(names)
        var merged = node
        merged.members = members
        merged.reachedByReference = followed
        merged.identity = node.identity + "?types"
        return merged
    }

    private static func isNullOnly(_ node: SchemaNode) -> Bool {
        guard node.unresolved == nil, node.boolean == nil else { return false }
        let type = node.members["type"]
        guard type == "null" || type == .array(["null"]) else { return false }
        return node.members.keys.allSatisfy { $0 == "type" || SchemaKeywords.siblingsOnly.contains($0) }
    }

    // MARK: - Lifting

    /// `node` as a one-branch `combinator`, keeping beside it the keywords the other side keeps
    /// beside its combinator; `nil` when nothing would go into the branch.
    private static func lifted(_ node: SchemaNode, into combinator: SchemaCombinator, besides other: [String: JSONValue]) -> SchemaNode? {
        guard node.boolean == nil, node.unresolved == nil else { return nil }
        let keep = Set(other.keys).union(SchemaKeywords.siblingsOnly).subtracting([combinator.rawValue])
        let branch = node.members.filter { !keep.contains($0.key) && !$0.key.hasPrefix("x-") }
        guard !branch.isEmpty else { return nil }
        var lifted = node
        lifted.members = node.members.filter { keep.contains($0.key) || $0.key.hasPrefix("x-") }
        lifted.members[combinator.rawValue] = .array([.object(branch)])
        lifted.virtualCombinators[combinator] = branch.count == node.members.count ? node.identity : node.identity + "?rest"
        lifted.identity = node.identity + "?lift(\(combinator.rawValue))"
        return lifted
    }
}
