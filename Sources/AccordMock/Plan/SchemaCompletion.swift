import AccordJSON

/// Completes a reply's `structuredContent` from the tool's outputSchema: members the schema
/// requires but the contract left out are filled in — a plain value (``PlainSample``) when the
/// schema accepts one, else a generated one (seeded, so every run serves the same bytes);
/// everything the contract wrote is kept as written. Contracts state a subset of a
/// result — what the consumer relies on — while a reply must be a whole, valid result.
///
/// ```swift
/// var completion = SchemaCompletion(root: outputSchema)
/// completion.completed(["invoiceId": "INV-1001"], schema: outputSchema)
/// // {"invoiceId":"INV-1001","balanceCents":…,"currency":…, …every required member}
/// ```
struct SchemaCompletion {
    let root: JSONValue
    private var generator = SchemaInstanceGenerator(seed: 20_250_315, options: .init(maxAttempts: 100))

    init(root: JSONValue) { self.root = root }

    /// `value` with every required member it lacks, at every object level the schema
    /// describes through `properties`/`items`; a whole generated instance when `value` is nil.
    mutating func completed(_ value: JSONValue?, schema: JSONValue) -> JSONValue? {
        let schema = resolved(schema)
        guard let value else { return generated(schema) }
        switch value {
        case .object(var members):
            let properties = schema["properties"]?.objectValue ?? [:]
            for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[key] == nil {
                if let generated = generated(resolved(properties[key] ?? .bool(true))) { members[key] = generated }
            }
            for key in JSONEncoding.sortedKeys(members) {
                if let member = properties[key], let completed = completed(members[key], schema: member) { members[key] = completed }
            }
            return .object(members)
        case .array(let elements):
            guard let items = schema["items"], items.objectValue != nil else { return value }
            return .array(elements.map { completed($0, schema: items) ?? $0 })
        default:
            return value
        }
    }

    private func resolved(_ schema: JSONValue) -> JSONValue { Self.resolved(schema, root: root) }

    private mutating func generated(_ schema: JSONValue) -> JSONValue? {
        let standalone = Self.standalone(schema, root: root)
        if let plain = PlainSample.value(schema), let filled = plain.objectValue != nil ? completed(plain, schema: schema) : plain,
           JSONSchemaValidator(schema: standalone).isValid(filled) {
            return filled
        }
        return generator.validInstance(of: standalone)
    }

    /// A local `$ref` (`#/$defs/Line`) followed, a few levels deep at most.
    static func resolved(_ schema: JSONValue, root: JSONValue) -> JSONValue {
        var current = schema
        for _ in 0..<8 {
            guard let reference = current["$ref"]?.stringValue, reference.hasPrefix("#"),
                  let pointer = try? JSONPointer(parsing: String(reference.dropFirst())),
                  let target = root[pointer: pointer] else { return current }
            current = target
        }
        return current
    }

    /// A subschema with the root's definitions beside it, so its own references still resolve
    /// when it is validated or generated from alone.
    static func standalone(_ schema: JSONValue, root: JSONValue) -> JSONValue {
        guard case .object(var members) = schema else { return schema }
        for key in ["$defs", "definitions"] where members[key] == nil { members[key] = root[key] }
        return .object(members)
    }
}
