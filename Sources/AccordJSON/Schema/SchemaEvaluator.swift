/// What a successful subschema evaluation tells `unevaluatedProperties`/`unevaluatedItems`:
/// which members and elements some keyword already looked at.
struct SchemaAnnotations {
    var properties: Set<String> = []
    var allItems = false
    var items: Set<Int> = []

    mutating func merge(_ other: SchemaAnnotations?) {
        guard let other else { return }
        properties.formUnion(other.properties)
        allItems = allItems || other.allItems
        items.formUnion(other.items)
    }
}

/// Runs a ``CompiledSchema`` against one instance.
///
/// Two modes: *collecting* records every error with pointers and messages; *quiet* only answers
/// valid or not and stops at the first failure. Subschemas whose failures are not errors in
/// themselves (`anyOf` branches, `not`, `if`, `contains`) run quietly.
///
/// Annotations for `unevaluated*` are only gathered when the schema uses those keywords, and a
/// subschema's annotations count only when it validates, as 2020-12 requires.
struct SchemaEvaluator {
    let schema: CompiledSchema
    let assertFormats: Bool
    private(set) var errors: [SchemaValidationError] = []
    private var collecting: Bool
    /// The instance location being checked, as unescaped tokens; a pointer is built only for errors.
    private var path: [String] = []
    /// `$ref`s being followed, with the instance depth they were entered at: re-entering the same
    /// target at the same depth is a cycle that consumes no input.
    private var activeReferences: [(node: Int, depth: Int)] = []
    /// Inside ``reasons(_:_:)``.
    private var explaining = false
    /// The schema resources entered on the way to the node being evaluated, outermost first:
    /// the dynamic scope a `$dynamicRef` searches.
    private var dynamicScope: [Int] = []

    init(schema: CompiledSchema, assertFormats: Bool, collecting: Bool) {
        self.schema = schema
        self.assertFormats = assertFormats
        self.collecting = collecting
        // Entering the root counts as following a reference to it, so `{"allOf": [{"$ref": "#"}]}`
        // does not check (and report) the root twice.
        activeReferences = [(schema.root, 0)]
    }

    /// Whether `instance` satisfies node `index`; the annotations it produced when it does.
    mutating func evaluate(_ index: Int, _ instance: JSONValue) -> (valid: Bool, annotations: SchemaAnnotations?) {
        let node = schema.nodes[index]
        if let constant = node.constant {
            if !constant {
                report(node.location, "false", "no value is allowed here")
            }
            return (constant, schema.usesUnevaluated ? SchemaAnnotations() : nil)
        }
        var annotations: SchemaAnnotations? = schema.usesUnevaluated ? SchemaAnnotations() : nil
        var valid = true
        let entersResource = dynamicScope.last != node.resource
        if entersResource { dynamicScope.append(node.resource) }
        defer { if entersResource { dynamicScope.removeLast() } }
        for keyword in node.keywords where !check(keyword, instance, &annotations) {
            valid = false
            if !collecting { break }
        }
        // An invalid subschema's annotations do not count. When collecting errors the verdict is
        // already "invalid" all the way up (allOf, $ref, then/else), so keeping them only stops
        // `unevaluatedProperties` from also calling a mistyped property "unexpected".
        return (valid, valid || collecting ? annotations : nil)
    }

    // MARK: - Keywords

    private mutating func check(_ keyword: SchemaKeyword, _ instance: JSONValue, _ annotations: inout SchemaAnnotations?) -> Bool {
        switch keyword.check {
        case .types(let types):
            if types.contains(where: { Self.instance(instance, is: $0) }) { return true }
            let expected = types.map(\.rawValue).joined(separator: " or ")
            return fail(keyword, "expected \(expected.isEmpty ? "a valid type" : expected), got \(Self.describeWithType(instance))")

        case .enumeration(let values):
            if values.contains(where: { $0.isSchemaEqual(to: instance) }) { return true }
            return fail(keyword, "\(Self.describe(instance)) is not one of \(Self.describe(.array(values)))")

        case .constant(let value):
            if value.isSchemaEqual(to: instance) { return true }
            return fail(keyword, "expected \(Self.describe(value)), got \(Self.describe(instance))")

        case .multipleOf(let divisor, let text):
            guard case .number(let number) = instance else { return true }
            let value = SchemaDecimal(number)
            let isMultiple = value.isMultiple(of: divisor) ?? {
                let quotient = value.doubleValue / divisor.doubleValue
                return quotient.isFinite && quotient == quotient.rounded()
            }()
            return isMultiple || fail(keyword, "\(number.text) is not a multiple of \(text)")

        case .maximum(let limit, let text, let exclusive):
            guard case .number(let number) = instance else { return true }
            let value = SchemaDecimal(number)
            if exclusive ? value < limit : value <= limit { return true }
            return fail(keyword, exclusive
                ? "\(number.text) is not less than the exclusive maximum \(text)"
                : "\(number.text) is greater than the maximum \(text)")

        case .minimum(let limit, let text, let exclusive):
            guard case .number(let number) = instance else { return true }
            let value = SchemaDecimal(number)
            if exclusive ? limit < value : limit <= value { return true }
            return fail(keyword, exclusive
                ? "\(number.text) is not greater than the exclusive minimum \(text)"
                : "\(number.text) is less than the minimum \(text)")

        case .maxLength(let limit):
            guard case .string(let string) = instance else { return true }
            let length = string.unicodeScalars.count
            return length <= limit || fail(keyword, "\(Self.describe(instance)) is \(Self.plural(length, "character")) long, at most \(limit) allowed")

        case .minLength(let limit):
            guard case .string(let string) = instance else { return true }
            let length = string.unicodeScalars.count
            return length >= limit || fail(keyword, "\(Self.describe(instance)) is \(Self.plural(length, "character")) long, at least \(limit) required")

        case .pattern(let pattern):
            guard case .string(let string) = instance else { return true }
            return pattern.matches(string) || fail(keyword, "\(Self.describe(instance)) does not match the pattern \(pattern.source)")

        case .format(let format, let asserted):
            guard assertFormats || asserted, case .string(let string) = instance else { return true }
            return FormatCheckers.check(format, string) != false || fail(keyword, "\(Self.describe(instance)) is not a valid \(format)")

        case .properties(let properties):
            guard case .object(let members) = instance else { return true }
            var valid = true
            for (name, node) in properties {
                guard let value = members[name] else { continue }
                let outcome = descend(node, value, token: name)
                valid = valid && outcome
                if !valid, !collecting { return false }
                annotations?.properties.insert(name)
            }
            return valid

        case .patternProperties(let patterns):
            guard case .object(let members) = instance else { return true }
            var valid = true
            for name in keys(of: members) {
                for (pattern, node) in patterns where pattern.matches(name) {
                    valid = descend(node, members[name] ?? .null, token: name) && valid
                    if !valid, !collecting { return false }
                    annotations?.properties.insert(name)
                }
            }
            return valid

        case .additionalProperties(let node, let declared, let patterns):
            guard case .object(let members) = instance else { return true }
            var valid = true
            for name in keys(of: members) where !declared.contains(name) && !patterns.contains(where: { $0.matches(name) }) {
                valid = member(name, members[name] ?? .null, node, keyword) && valid
                if !valid, !collecting { return false }
                annotations?.properties.insert(name)
            }
            return valid

        case .propertyNames(let node):
            guard case .object(let members) = instance else { return true }
            var valid = true
            for name in keys(of: members) {
                let start = errors.count
                let outcome = evaluate(node, .string(name)).valid
                guard !outcome else { continue }
                valid = false
                guard collecting else { return false }
                let reason = errors.count > start ? errors[start].message : "it is not allowed"
                errors.removeSubrange(start...)
                _ = fail(keyword, "property name \(Self.describe(.string(name))) is invalid: \(reason)")
            }
            return valid

        case .required(let names):
            guard case .object(let members) = instance else { return true }
            var valid = true
            for name in names where members[name] == nil {
                valid = false
                guard collecting else { return false }
                _ = fail(keyword, "missing required property \(Self.describe(.string(name)))")
                errors[errors.count - 1].missingProperty = name
            }
            return valid

        case .dependentRequired(let table):
            guard case .object(let members) = instance else { return true }
            var valid = true
            for (property, required) in table where members[property] != nil {
                for name in required where members[name] == nil {
                    valid = false
                    guard collecting else { return false }
                    _ = fail(keyword, "missing property \(Self.describe(.string(name))), required when \(Self.describe(.string(property))) is present")
                }
            }
            return valid

        case .dependentSchemas(let table):
            guard case .object(let members) = instance else { return true }
            var valid = true
            for (property, node) in table where members[property] != nil {
                let outcome = evaluate(node, instance)
                valid = outcome.valid && valid
                if !valid, !collecting { return false }
                annotations?.merge(outcome.annotations)
            }
            return valid

        case .maxProperties(let limit):
            guard case .object(let members) = instance else { return true }
            return members.count <= limit || fail(keyword, "has \(Self.plural(members.count, "property")), at most \(limit) allowed")

        case .minProperties(let limit):
            guard case .object(let members) = instance else { return true }
            return members.count >= limit || fail(keyword, "has \(Self.plural(members.count, "property")), at least \(limit) required")

        case .prefixItems(let nodes):
            guard case .array(let elements) = instance else { return true }
            var valid = true
            for (offset, node) in zip(elements.indices, nodes) {
                valid = descend(node, elements[offset], token: String(offset)) && valid
                if !valid, !collecting { return false }
                annotations?.items.insert(offset)
            }
            return valid

        case .items(let node, let start):
            guard case .array(let elements) = instance, start < elements.count else { return true }
            if schema.nodes[node].constant == false {
                return fail(keyword, "has \(Self.plural(elements.count, "item")), at most \(start) allowed")
            }
            var valid = true
            for offset in start..<elements.count {
                valid = descend(node, elements[offset], token: String(offset)) && valid
                if !valid, !collecting { return false }
            }
            annotations?.allItems = true
            return valid

        case .contains(let node, let minimum, let maximum):
            guard case .array(let elements) = instance else { return true }
            var matches = 0
            let saved = silence()
            for (offset, element) in elements.enumerated() where evaluate(node, element).valid {
                matches += 1
                annotations?.items.insert(offset)
            }
            collecting = saved
            if matches < minimum {
                return fail(keyword, matches == 0
                    ? "no item matches the contains schema"
                    : "\(Self.plural(matches, "item")) match the contains schema, at least \(minimum) required")
            }
            if let maximum, matches > maximum {
                return fail(keyword, "\(Self.plural(matches, "item")) match the contains schema, at most \(maximum) allowed")
            }
            return true

        case .maxItems(let limit):
            guard case .array(let elements) = instance else { return true }
            return elements.count <= limit || fail(keyword, "has \(Self.plural(elements.count, "item")), at most \(limit) allowed")

        case .minItems(let limit):
            guard case .array(let elements) = instance else { return true }
            return elements.count >= limit || fail(keyword, "has \(Self.plural(elements.count, "item")), at least \(limit) required")

        case .uniqueItems:
            guard case .array(let elements) = instance, elements.count > 1 else { return true }
            var seen: [SchemaEqualityKey: Int] = [:]
            for (offset, element) in elements.enumerated() {
                if let first = seen.updateValue(offset, forKey: SchemaEqualityKey(value: element)) {
                    return fail(keyword, "items \(first) and \(offset) are equal, items must be unique")
                }
            }
            return true

        case .allOf(let nodes):
            var valid = true
            for node in nodes {
                let outcome = evaluate(node, instance)
                valid = outcome.valid && valid
                if !valid, !collecting { return false }
                annotations?.merge(outcome.annotations)
            }
            return valid

        case .anyOf(let nodes):
            var matched = false
            let saved = silence()
            for node in nodes {
                let outcome = evaluate(node, instance)
                guard outcome.valid else { continue }
                matched = true
                guard annotations != nil else { break }
                annotations?.merge(outcome.annotations)
            }
            collecting = saved
            if matched { return true }
            let detail = reasons(nodes, instance)
            return fail(keyword, "matches none of the \(nodes.count) alternatives in anyOf\(detail)")

        case .oneOf(let nodes):
            var matching: [Int] = []
            var collected: SchemaAnnotations?
            let saved = silence()
            for (offset, node) in nodes.enumerated() {
                let outcome = evaluate(node, instance)
                guard outcome.valid else { continue }
                matching.append(offset)
                collected = outcome.annotations
                if matching.count > 1 { break }
            }
            collecting = saved
            if matching.count == 1 {
                annotations?.merge(collected)
                return true
            }
            if matching.isEmpty {
                let detail = reasons(nodes, instance)
                return fail(keyword, "matches none of the \(nodes.count) alternatives in oneOf\(detail)")
            }
            return fail(keyword, "matches alternatives \(matching[0]) and \(matching[1]) of oneOf, exactly one allowed")

        case .not(let node):
            let saved = silence()
            let matched = evaluate(node, instance).valid
            collecting = saved
            return !matched || fail(keyword, "\(Self.describe(instance)) must not match the schema in not")

        case .conditional(let condition, let then, let otherwise):
            // A lone `if` matters only for the annotations it contributes.
            if then == nil, otherwise == nil, annotations == nil { return true }
            let saved = silence()
            let outcome = evaluate(condition, instance)
            collecting = saved
            annotations?.merge(outcome.annotations)
            guard let branch = outcome.valid ? then : otherwise else { return true }
            let result = evaluate(branch, instance)
            annotations?.merge(result.annotations)
            return result.valid

        case .dynamicReference(let initial, let anchor):
            let anchors = schema.dynamicAnchors
            let target = dynamicScope.lazy.compactMap { anchors[$0]?[anchor] }.first ?? initial
            return follow(target, instance, &annotations)

        case .reference(let target):
            return follow(target, instance, &annotations)

        case .unresolvedReference(let error):
            switch error {
            case .external(let reference):
                return fail(keyword, "unsupported external reference \(Self.describe(.string(reference))): Accord resolves only references inside the schema", kind: .unsupportedExternalReference)
            case .unresolvable(let reference):
                return fail(keyword, "cannot resolve the reference \(Self.describe(.string(reference))) in the schema", kind: .invalidSchema)
            case .cycle:
                return fail(keyword, "\(error)", kind: .invalidSchema)
            }

        case .invalid(let message):
            return fail(keyword, message, kind: .invalidSchema)

        case .unevaluatedProperties(let node):
            guard case .object(let members) = instance else { return true }
            let evaluated = annotations?.properties ?? []
            var valid = true
            for name in keys(of: members) where !evaluated.contains(name) {
                valid = member(name, members[name] ?? .null, node, keyword) && valid
                if !valid, !collecting { return false }
                annotations?.properties.insert(name)
            }
            return valid

        case .unevaluatedItems(let node):
            guard case .array(let elements) = instance, annotations?.allItems != true else { return true }
            let evaluated = annotations?.items ?? []
            var valid = true
            for offset in elements.indices where !evaluated.contains(offset) {
                if schema.nodes[node].constant == false {
                    return fail(keyword, "unexpected item at index \(offset): no unevaluated items are allowed")
                }
                valid = descend(node, elements[offset], token: String(offset)) && valid
                if !valid, !collecting { return false }
            }
            annotations?.allItems = true
            return valid
        }
    }

    // MARK: - Helpers

    /// Applies the target of a `$ref`/`$dynamicRef` to the same instance.
    private mutating func follow(_ target: Int, _ instance: JSONValue, _ annotations: inout SchemaAnnotations?) -> Bool {
        let depth = path.count
        if activeReferences.contains(where: { $0.node == target && $0.depth == depth }) {
            // The same schema is already being applied to this same value further up: the
            // loop adds no constraint, and following it would never end.
            return true
        }
        activeReferences.append((target, depth))
        let outcome = evaluate(target, instance)
        activeReferences.removeLast()
        annotations?.merge(outcome.annotations)
        return outcome.valid
    }

    /// Applies `node` to the member or element at `token`, one level down.
    private mutating func descend(_ node: Int, _ value: JSONValue, token: String) -> Bool {
        path.append(token)
        defer { path.removeLast() }
        return evaluate(node, value).valid
    }

    /// Applies `additionalProperties`/`unevaluatedProperties` to one member; a `false` schema is
    /// reported on the object as an unexpected property, which is how users think of it.
    private mutating func member(_ name: String, _ value: JSONValue, _ node: Int, _ keyword: SchemaKeyword) -> Bool {
        if schema.nodes[node].constant == false {
            return fail(keyword, "unexpected property \(Self.describe(.string(name)))")
        }
        return descend(node, value, token: name)
    }

    /// Stops recording errors, for subschemas whose failure is not an error in itself; returns
    /// the mode to restore afterwards.
    private mutating func silence() -> Bool {
        let saved = collecting
        collecting = false
        return saved
    }

    /// For a failed `anyOf`/`oneOf` in collecting mode: the first error of each alternative.
    private mutating func reasons(_ nodes: [Int], _ instance: JSONValue) -> String {
        // One level of explanation: nested alternatives are not re-explained, which keeps a
        // failing stack of `anyOf`s from costing exponential time.
        guard collecting, !explaining else { return "" }
        explaining = true
        defer { explaining = false }
        var parts: [String] = []
        for (offset, node) in nodes.enumerated() {
            let start = errors.count
            _ = evaluate(node, instance)
            if errors.count > start {
                let first = errors[start]
                let here = JSONPointer(tokens: path)
                let location = first.instancePointer == here ? "" : "\(first.instancePointer.displayText): "
                parts.append("[\(offset)] \(location)\(first.message)")
            }
            errors.removeSubrange(start...)
        }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }

    private func keys(of members: [String: JSONValue]) -> [String] {
        collecting ? JSONEncoding.sortedKeys(members) : Array(members.keys)
    }

    private mutating func fail(_ keyword: SchemaKeyword, _ message: @autoclosure () -> String, kind: SchemaValidationError.Kind = .constraint) -> Bool {
        if collecting {
            errors.append(SchemaValidationError(
                instancePointer: JSONPointer(tokens: path), schemaPointer: keyword.location,
                keyword: keyword.name, message: message(), kind: kind))
        }
        return false
    }

    private mutating func report(_ location: JSONPointer, _ keyword: String, _ message: String) {
        guard collecting else { return }
        errors.append(SchemaValidationError(instancePointer: JSONPointer(tokens: path), schemaPointer: location, keyword: keyword, message: message))
    }

    static func instance(_ value: JSONValue, is type: SchemaType) -> Bool {
        switch (type, value) {
        case (.null, .null), (.boolean, .bool), (.object, .object), (.array, .array), (.number, .number), (.string, .string):
            return true
        case (.integer, .number(let number)):
            if !number.text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
                return true
            }
            return SchemaDecimal(number).isIntegral
        default:
            return false
        }
    }

    /// A value as it appears in messages: compact JSON, cut short when long.
    static func describe(_ value: JSONValue) -> String {
        let text = JSONEncoding.compact(value)
        guard text.count > 60 else { return text }
        return String(text.prefix(57)) + "…"
    }

    static func describeWithType(_ value: JSONValue) -> String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .null: "null"
        case .bool: "boolean \(describe(value))"
        case .number(let number): (instance(value, is: .integer) ? "integer " : "number ") + number.text
        case .string: "string \(describe(value))"
        }
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        if count == 1 { return "1 \(noun)" }
        return noun.hasSuffix("y") ? "\(count) \(noun.dropLast())ies" : "\(count) \(noun)s"
    }
}
