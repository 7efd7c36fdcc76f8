import AccordJSON

/// `enum` and `const`: one finding per value added or removed, with the value as old/new.
/// A `const` on one side and an `enum` on the other are compared as a one-value enum, so
/// `const: "a"` → `enum: ["a", "b"]` reads as a value added rather than a const removed.
extension SchemaComparisonSession {
    func compareEnumAndConst(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        // `const: "a"`, `enum: ["a"]`, both at once, or `type: "null"` against `const: null`:
        // the same values however they are spelled.
        if let before = Self.enumeration(old.members), let after = Self.enumeration(new.members),
           Set(before.map(SchemaValue.key)) == Set(after.map(SchemaValue.key)) {
            return
        }
        var oldValues = old.members["enum"]?.arrayValue
        var newValues = new.members["enum"]?.arrayValue
        var oldConst = old.members["const"], newConst = new.members["const"]
        var oldKeyword = "enum", newKeyword = "enum"
        if oldValues == nil, newValues != nil, newConst == nil, let constant = oldConst {
            oldValues = [constant]
            oldConst = nil
            oldKeyword = "const"
        }
        if newValues == nil, oldValues != nil, oldConst == nil, let constant = newConst {
            newValues = [constant]
            newConst = nil
            newKeyword = "const"
        }

        switch (oldValues, newValues) {
        case (nil, let values?):
            report(.enumIntroduced, at: site, site.pointer("enum"), old: nil, new: .array(values),
                   "enum introduced: \(SchemaValue.brief(.array(values)))")
        case (let values?, nil):
            report(.enumDropped, at: site, site.pointer("enum"), old: .array(values), new: nil,
                   "enum dropped (was \(SchemaValue.brief(.array(values))))")
        case (let before?, let after?):
            let beforeKeys = Set(before.map(SchemaValue.key))
            let afterKeys = Set(after.map(SchemaValue.key))
            for (offset, value) in before.enumerated() where !afterKeys.contains(SchemaValue.key(value)) {
                let path = oldKeyword == "const" ? site.pointer("const") : site.pointer("enum", String(offset))
                report(.enumValueRemoved, at: site, path, old: value, new: nil, "enum value \(SchemaValue.brief(value)) removed")
            }
            for (offset, value) in after.enumerated() where !beforeKeys.contains(SchemaValue.key(value)) {
                let path = newKeyword == "const" ? site.pointer("const") : site.pointer("enum", String(offset))
                report(.enumValueAdded, at: site, path, old: nil, new: value, "enum value \(SchemaValue.brief(value)) added")
            }
        case (nil, nil):
            break
        }

        switch (oldConst, newConst) {
        case (nil, let value?):
            report(.constAdded, at: site, site.pointer("const"), old: nil, new: value, "const \(SchemaValue.brief(value)) added")
        case (let value?, nil):
            report(.constRemoved, at: site, site.pointer("const"), old: value, new: nil, "const \(SchemaValue.brief(value)) removed")
        case (let before?, let after?) where !SchemaValue.equal(before, after):
            report(.constChanged, at: site, site.pointer("const"), old: before, new: after,
                   "const changed from \(SchemaValue.brief(before)) to \(SchemaValue.brief(after))")
        default:
            break
        }
    }

    /// Every value `members` admit when they admit only a few listed ones: `const` (within an
    /// `enum` beside it), `enum` (within the type), or a type with finitely many values (null,
    /// boolean); `nil` when the values are not listed.
    static func enumeration(_ members: [String: JSONValue]) -> [JSONValue]? {
        let types = members["type"].flatMap(SchemaTypeSet.init(keyword:)) ?? .any
        var values: [JSONValue]
        if let constant = members["const"] {
            values = [constant]
            if case .array(let listed)? = members["enum"] {
                let keys = Set(listed.map(SchemaValue.key))
                values = values.filter { keys.contains(SchemaValue.key($0)) }
            }
        } else if case .array(let listed)? = members["enum"] {
            values = listed
        } else if !types.isEmpty, types.isSubset(of: [.null, .boolean]) {
            values = (types.contains(.null) ? [.null] : []) + (types.contains(.boolean) ? [false, true] : [])
        } else {
            return nil
        }
        return values.filter { types.intersects(SchemaTypeSet(of: $0)) }
    }
}
