/// The JSON Schema keywords the comparison knows (drafts 04 to 2020-12), grouped by what they
/// constrain. A keyword outside these lists is unknown: a change to it is reported as
/// undecidable, except vendor extensions (`x-…`), which are annotations.
enum SchemaKeywords {
    /// Annotations: they describe, they never reject a value.
    static let annotations: Set<String> = [
        "title", "description", "examples", "example", "$comment", "readOnly", "writeOnly",
        "contentMediaType", "contentEncoding", "contentSchema",
        "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$vocabulary",
    ]

    /// Keywords with rules of their own that never reject a value either.
    static let metadata: Set<String> = ["default", "deprecated", "$schema"]

    /// Containers of subschemas that only matter through references, compared where referenced.
    static let definitions: Set<String> = ["$defs", "definitions"]

    static let references: Set<String> = ["$ref", "$dynamicRef", "$recursiveRef"]

    static let numberFamily: Set<String> = ["maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "multipleOf"]
    static let stringFamily: Set<String> = ["maxLength", "minLength", "pattern"]
    static let arrayFamily: Set<String> = [
        "items", "prefixItems", "additionalItems", "maxItems", "minItems", "uniqueItems",
        "contains", "maxContains", "minContains", "unevaluatedItems",
    ]
    static let objectFamily: Set<String> = [
        "properties", "required", "additionalProperties", "patternProperties", "propertyNames",
        "maxProperties", "minProperties", "dependentRequired", "dependentSchemas", "dependencies",
        "unevaluatedProperties",
    ]
    static let general: Set<String> = ["type", "enum", "const", "format", "allOf", "anyOf", "oneOf", "not", "if", "then", "else"]

    /// Keywords that stay beside a combinator when the other side's schema is lifted into one.
    static let siblingsOnly: Set<String> = annotations.union(metadata).union(definitions)

    static let known: Set<String> = annotations.union(metadata).union(definitions).union(references)
        .union(numberFamily).union(stringFamily).union(arrayFamily).union(objectFamily).union(general)

    static func isAnnotation(_ keyword: String) -> Bool {
        annotations.contains(keyword) || keyword.hasPrefix("x-")
    }

    static func isKnown(_ keyword: String) -> Bool {
        known.contains(keyword) || keyword.hasPrefix("x-")
    }
}
