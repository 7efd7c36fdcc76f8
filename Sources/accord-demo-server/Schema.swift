import MCP

/// Builders for the JSON Schema fragments the demo's definitions are made of.
///
/// Why builders instead of nested `Value` literals: large heterogeneous dictionary literals are slow
/// for the type checker, and they make it easy to misspell a keyword. Each builder emits only the
/// keywords it was given, so a definition reads like the schema it produces and nothing appears
/// in `tools/list` that the author did not write. Every keyword emitted here is one the
/// `SchemaValidator` enforces (or, for `description`, `title`, `default`, treats as annotation).
enum Schema {
    /// An object schema. `closed` adds `additionalProperties: false`, which matters to the diff
    /// rules (a property removed from a closed input object is breaking, from an open one only
    /// potentially breaking; a property added to a closed output object is potentially breaking).
    static func object(
        _ properties: [(String, Value)],
        required: [String] = [],
        closed: Bool = false,
        description: String? = nil
    ) -> Value {
        var schema: [String: Value] = ["type": "object"]
        var propertyTable: [String: Value] = [:]
        for (name, propertySchema) in properties {
            propertyTable[name] = propertySchema
        }
        schema["properties"] = .object(propertyTable)
        if !required.isEmpty {
            schema["required"] = .array(required.map { .string($0) })
        }
        if closed {
            schema["additionalProperties"] = false
        }
        if let description {
            schema["description"] = .string(description)
        }
        return .object(schema)
    }

    static func string(
        _ description: String? = nil,
        enumValues: [String]? = nil,
        pattern: String? = nil,
        format: String? = nil,
        minLength: Int? = nil,
        maxLength: Int? = nil,
        defaultValue: String? = nil
    ) -> Value {
        var schema: [String: Value] = ["type": "string"]
        if let description { schema["description"] = .string(description) }
        if let enumValues { schema["enum"] = .array(enumValues.map { .string($0) }) }
        if let pattern { schema["pattern"] = .string(pattern) }
        if let format { schema["format"] = .string(format) }
        if let minLength { schema["minLength"] = .int(minLength) }
        if let maxLength { schema["maxLength"] = .int(maxLength) }
        if let defaultValue { schema["default"] = .string(defaultValue) }
        return .object(schema)
    }

    static func integer(
        _ description: String? = nil,
        minimum: Int? = nil,
        maximum: Int? = nil,
        defaultValue: Int? = nil
    ) -> Value {
        var schema: [String: Value] = ["type": "integer"]
        if let description { schema["description"] = .string(description) }
        if let minimum { schema["minimum"] = .int(minimum) }
        if let maximum { schema["maximum"] = .int(maximum) }
        if let defaultValue { schema["default"] = .int(defaultValue) }
        return .object(schema)
    }

    static func boolean(_ description: String? = nil) -> Value {
        var schema: [String: Value] = ["type": "boolean"]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static func array(
        of items: Value,
        description: String? = nil,
        minItems: Int? = nil,
        maxItems: Int? = nil
    ) -> Value {
        var schema: [String: Value] = ["type": "array", "items": items]
        if let description { schema["description"] = .string(description) }
        if let minItems { schema["minItems"] = .int(minItems) }
        if let maxItems { schema["maxItems"] = .int(maxItems) }
        return .object(schema)
    }
}
