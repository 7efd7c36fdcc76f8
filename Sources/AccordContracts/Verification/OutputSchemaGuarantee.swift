import AccordJSON

/// Decides whether an outputSchema guarantees a field: declared along the whole path (through
/// `properties`, and `items` / `prefixItems` for array steps), `required` at every object level,
/// and of a type the matcher accepts. Local `$ref`s (`#/...`) are followed.
///
/// Array steps cannot be guaranteed to exist by `required`; an index (or `$eachLike`) only needs
/// the element schema to guarantee what is read inside it.
struct OutputSchemaGuarantee {
    let root: JSONValue
    /// Where matcher pointers start (`/structuredContent`).
    let base: JSONPointer

    func resolve(_ schema: JSONValue) -> JSONValue {
        var current = schema
        for _ in 0..<16 {
            guard let reference = current["$ref"]?.stringValue, reference.hasPrefix("#"),
                  let pointer = try? JSONPointer(parsing: String(reference.dropFirst())),
                  let target = root[pointer: pointer] else { break }
            current = target
        }
        return current
    }

    /// Declared types; inferred from `const` / `enum` when `type` is absent.
    func types(of schema: JSONValue) -> Set<String> {
        if let single = schema["type"]?.stringValue { return [single] }
        if let list = schema["type"]?.arrayValue { return Set(list.compactMap(\.stringValue)) }
        let values = schema["const"].map { [$0] } ?? schema["enum"]?.arrayValue ?? []
        return Set(values.map { value in
            if let number = value.numberValue, number.isIntegral { return "integer" }
            return value.typeName
        })
    }

    /// The subschema one step down, or why the step is not guaranteed.
    func step(_ schema: JSONValue, _ token: String, at pointer: JSONPointer) -> SchemaStep {
        let schema = resolve(schema)
        let declared = types(of: schema)
        if declared == ["array"] {
            guard let index = Int(token), index >= 0 else {
                return .broken(notGuaranteed(pointer.appending(token), "an array index", "\(Mismatch.location(pointer)) is an array"))
            }
            if let prefix = schema["prefixItems"]?.arrayValue, index < prefix.count { return .schema(prefix[index]) }
            guard let items = schema["items"] else {
                return .broken(notGuaranteed(pointer.appending(token), "declared items", "the outputSchema declares no items for \(Mismatch.location(pointer))"))
            }
            return .schema(items)
        }
        let child = pointer.appending(token)
        guard declared == ["object"] || (declared.isEmpty && schema["properties"] != nil) else {
            let what = declared.isEmpty ? "has no declared type" : "is declared as \(declared.sorted().joined(separator: " or "))"
            return .broken(notGuaranteed(child, "a required property \(token)", "\(Mismatch.location(pointer)) \(what), not an object"))
        }
        guard let property = schema["properties"]?[token] else {
            return .broken(notGuaranteed(child, "a required property \(token)", "the outputSchema does not declare it"))
        }
        guard schema["required"]?.arrayValue?.contains(.string(token)) == true else {
            return .broken(notGuaranteed(child, "a required property \(token)", "it is optional in the outputSchema (not listed in required)"))
        }
        return .schema(property)
    }

    /// The schema at `pointer` (relative to the structuredContent), or the first broken step.
    func schema(at relative: JSONPointer, from schema: JSONValue) -> SchemaStep {
        var current = schema
        var here = base
        for token in relative.tokens {
            switch step(current, token, at: here) {
            case .schema(let next): current = next
            case .broken(let mismatch): return .broken(mismatch)
            }
            here = here.appending(token)
        }
        return .schema(resolve(current))
    }

    /// Every way `matcher` at `pointer` is not guaranteed by `schema`.
    func check(_ matcher: Matcher, _ schema: JSONValue, at pointer: JSONPointer) -> [Mismatch] {
        let schema = resolve(schema)
        let declared = types(of: schema)
        if !matcher.guaranteedBy(schemaTypes: declared) {
            let found = declared.isEmpty ? "no declared type" : "type \(declared.sorted().joined(separator: " or "))"
            return [notGuaranteed(pointer, matcher.description, "the outputSchema declares \(found)")]
        }
        switch matcher {
        case .object(let members):
            return JSONEncoding.sortedKeys(members).flatMap { key -> [Mismatch] in
                switch step(schema, key, at: pointer) {
                case .schema(let property): return check(members[key]!, property, at: pointer.appending(key))
                case .broken(let mismatch): return [mismatch]
                }
            }
        case .array(let elements):
            return elements.enumerated().flatMap { index, element -> [Mismatch] in
                switch step(schema, String(index), at: pointer) {
                case .schema(let item): return check(element, item, at: pointer.appending(index))
                case .broken(let mismatch): return [mismatch]
                }
            }
        case .eachLike(let element, _):
            return elementCheck([element], schema, at: pointer)
        case .includesElements(let elements):
            return elementCheck(elements, schema, at: pointer)
        case .equals(let literal):
            if let allowed = schema["enum"]?.arrayValue, !allowed.contains(where: { Matcher.isEqual($0, literal) }) {
                return [notGuaranteed(pointer, matcher.description, "the outputSchema only allows \(JSONEncoding.compact(.array(allowed)))")]
            }
            if let constant = schema["const"], !Matcher.isEqual(constant, literal) {
                return [notGuaranteed(pointer, matcher.description, "the outputSchema only allows \(JSONEncoding.compact(constant))")]
            }
            return []
        default:
            return []
        }
    }

    private func elementCheck(_ elements: [Matcher], _ schema: JSONValue, at pointer: JSONPointer) -> [Mismatch] {
        guard let items = schema["items"] else {
            return [notGuaranteed(pointer, "declared items", "the outputSchema declares no items for \(Mismatch.location(pointer))")]
        }
        return elements.flatMap { check($0, items, at: pointer.appending(0)) }
    }

    func notGuaranteed(_ pointer: JSONPointer, _ expected: String, _ reason: String) -> Mismatch {
        Mismatch(pointer: pointer, expected: expected, actual: nil,
                 message: "\(Mismatch.location(pointer)): not guaranteed by the outputSchema (expected \(expected)): \(reason)")
    }
}

/// A step down an outputSchema: the subschema, or why it is not guaranteed.
enum SchemaStep {
    case schema(JSONValue)
    case broken(Mismatch)
}
