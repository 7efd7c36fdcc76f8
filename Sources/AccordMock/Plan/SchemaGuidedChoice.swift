import AccordContracts
import AccordJSON

/// When a value reified from a loose matcher (`$regex`, `$like`, `$format`, `$integer` …)
/// breaks the outputSchema — `$regex: "^[A-Z]{3}$"` gave `"OFR"` where the schema allows only
/// `EUR`, `GBP`, `USD` — another value is chosen that both accept: the schema's `enum`/`const`
/// values first, then generated instances of the subschema. A literal the contract wrote is
/// never replaced: that conflict is the contract's, and is reported.
struct SchemaGuidedChoice {
    let schema: JSONValue
    /// The compiled `schema`.
    let validator: JSONSchemaValidator
    let matcher: Matcher?

    /// `value` with each schema violation under a loose matcher replaced, as far as possible.
    func repaired(_ value: JSONValue) -> JSONValue {
        var current = value
        var tried = Set<JSONPointer>()
        while let error = validator.validate(current).first(where: { !tried.contains($0.instancePointer) }) {
            let pointer = error.instancePointer
            tried.insert(pointer)
            guard let loose = matcher.flatMap({ Self.matcher(in: $0, at: pointer.tokens[...]) }), !Self.isLiteral(loose),
                  let subschema = Self.subschema(of: schema, at: pointer.tokens[...], root: schema),
                  let choice = Self.candidate(for: loose, schema: subschema, root: schema) else { continue }
            current = Self.setting(current, at: pointer.tokens[...], to: choice)
        }
        return current
    }

    private static func isLiteral(_ matcher: Matcher) -> Bool {
        switch matcher {
        case .equals, .object, .array: true
        default: false
        }
    }

    private static func candidate(for matcher: Matcher, schema: JSONValue, root: JSONValue) -> JSONValue? {
        let standalone = SchemaCompletion.standalone(schema, root: root)
        let validator = JSONSchemaValidator(schema: standalone)
        func fits(_ value: JSONValue) -> Bool { matcher.mismatches(value, at: .root).isEmpty && validator.isValid(value) }
        let listed = (schema["enum"]?.arrayValue ?? []) + (schema["const"].map { [$0] } ?? [])
        if let value = listed.first(where: fits) { return value }
        var generator = SchemaInstanceGenerator(seed: 7)
        for _ in 0..<60 {
            if let value = generator.validInstance(of: standalone), fits(value) { return value }
        }
        return nil
    }

    /// The matcher that governs `path` inside `matcher` (array indices go to `$eachLike`'s element).
    static func matcher(in matcher: Matcher, at path: ArraySlice<String>) -> Matcher? {
        guard let token = path.first else { return matcher }
        let rest = path.dropFirst()
        switch matcher {
        case .object(let members): return members[token].flatMap { Self.matcher(in: $0, at: rest) }
        case .array(let elements), .includesElements(let elements):
            guard let index = Int(token), elements.indices.contains(index) else { return nil }
            return Self.matcher(in: elements[index], at: rest)
        case .eachLike(let element, _): return Int(token) == nil ? nil : Self.matcher(in: element, at: rest)
        default: return nil
        }
    }

    static func subschema(of schema: JSONValue, at path: ArraySlice<String>, root: JSONValue) -> JSONValue? {
        let current = SchemaCompletion.resolved(schema, root: root)
        guard let token = path.first else { return current }
        if let property = current["properties"]?[token] { return subschema(of: property, at: path.dropFirst(), root: root) }
        if Int(token) != nil, let items = current["items"], items.objectValue != nil { return subschema(of: items, at: path.dropFirst(), root: root) }
        return nil
    }

    static func setting(_ value: JSONValue, at path: ArraySlice<String>, to replacement: JSONValue) -> JSONValue {
        guard let token = path.first else { return replacement }
        switch value {
        case .object(var members):
            guard let member = members[token] else { return value }
            members[token] = setting(member, at: path.dropFirst(), to: replacement)
            return .object(members)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { return value }
            elements[index] = setting(elements[index], at: path.dropFirst(), to: replacement)
            return .array(elements)
        default:
            return value
        }
    }
}
