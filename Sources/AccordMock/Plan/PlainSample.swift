import AccordJSON

/// The plainest value a simple subschema allows — its `const` or first `enum` value, a format's
/// sample, the lowest number at or above 0 that the bounds allow, `"mock"`, `false`, `[]` — so a
/// member the contract left out reads like data (`0`, `"EUR"`) rather than like a fuzzer's
/// output. `nil` when the schema asks for more (a pattern, a long minimum length); the caller
/// then generates one, and checks whatever it uses against the schema.
enum PlainSample {
    static func value(_ schema: JSONValue) -> JSONValue? {
        if let constant = schema["const"] { return constant }
        if let first = schema["enum"]?.arrayValue?.first { return first }
        let types = schema["type"].map { $0.arrayValue?.compactMap(\.stringValue) ?? [$0.stringValue].compactMap { $0 } } ?? []
        switch types.first(where: { $0 != "null" }) ?? types.first {
        case "string":
            if let format = schema["format"]?.stringValue { return FormatSample.schemaFormats[format].map { .string($0) } }
            guard schema["pattern"] == nil, (schema["minLength"]?.intValue ?? 0) <= 4 else { return nil }
            return "mock"
        case "integer", "number":
            var lowest = max(0, schema["minimum"]?.doubleValue ?? 0)
            if let exclusive = schema["exclusiveMinimum"]?.doubleValue, lowest <= exclusive { lowest = exclusive + 1 }
            guard lowest.rounded() == lowest, lowest < 1e15 else { return nil }
            return .number(JSONNumber(Int(lowest)))
        case "boolean": return false
        case "array": return (schema["minItems"]?.intValue ?? 0) == 0 ? .array([]) : nil
        case "object": return .object([:])
        case "null": return .null
        default: return nil
        }
    }
}
