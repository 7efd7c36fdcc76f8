import AccordJSON

/// The part of JSON Schema that drafts 07, 2019-09 and 2020-12 read alike, so that a schema
/// using nothing else validates the same under any of them: the TypeScript SDK's
/// zod-to-json-schema output says `draft-07`, zod 4 and pydantic say (or imply) 2020-12, and
/// moving between them changes nothing such a schema accepts.
///
/// Outside the core: keywords one of the three does not know or reads differently (`$id`,
/// anchors, `$recursive*`/`$dynamic*`, `dependencies` and its 2019-09 successors, tuples in
/// either spelling, `unevaluated*`, `min/maxContains`), draft-04's boolean exclusive bounds,
/// a `$ref` with constraining siblings (draft-07 ignores them, the later drafts apply them), a
/// `$ref` that is not a fragment of this document, and a `$schema` below the root.
///
/// ```swift
/// SchemaDialectCore.readsAlike(["type": "object", "properties": ["q": ["type": "string"]]])  // true
/// SchemaDialectCore.readsAlike(["type": "array", "items": [["type": "string"]]])             // false: a tuple
/// ```
enum SchemaDialectCore {
    /// The dialects the core means the same in, as ``SchemaComparisonSession`` names them
    /// (scheme and trailing `#` removed).
    static let dialects: Set<String> = [
        "json-schema.org/draft-07/schema",
        "json-schema.org/draft/2019-09/schema",
        "json-schema.org/draft/2020-12/schema",
    ]

    private static let outside: Set<String> = [
        "$id", "id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveAnchor", "$recursiveRef", "$vocabulary",
        "dependencies", "dependentRequired", "dependentSchemas", "prefixItems", "additionalItems",
        "unevaluatedProperties", "unevaluatedItems", "minContains", "maxContains", "contentSchema",
    ]
    private static let schemaMaps: Set<String> = ["properties", "patternProperties", "$defs", "definitions"]
    private static let schemaLists: Set<String> = ["allOf", "anyOf", "oneOf"]
    private static let schemas: Set<String> = ["items", "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else"]

    /// Whether `schema` uses only the core, at every depth.
    static func readsAlike(_ schema: JSONValue) -> Bool {
        readsAlike(schema, root: true, depth: 0)
    }

    private static func readsAlike(_ schema: JSONValue, root: Bool, depth: Int) -> Bool {
        guard case .object(let members) = schema else { return true }
        guard depth <= SchemaComparisonSession.depthLimit else { return false }
        for (key, value) in members {
            if outside.contains(key) { return false }
            switch key {
            case "$schema":
                if !root { return false }
            case "$ref":
                guard value.stringValue?.hasPrefix("#") == true else { return false }
                let constraining = members.keys.contains { $0 != "$ref" && !SchemaKeywords.siblingsOnly.contains($0) && !$0.hasPrefix("x-") }
                if constraining { return false }
            case "exclusiveMaximum", "exclusiveMinimum":
                if case .bool = value { return false }
            case "items":
                if case .array = value { return false }
                if !readsAlike(value, root: false, depth: depth + 1) { return false }
            case _ where schemas.contains(key):
                if !readsAlike(value, root: false, depth: depth + 1) { return false }
            case _ where schemaMaps.contains(key):
                for member in (value.objectValue ?? [:]).values where !readsAlike(member, root: false, depth: depth + 1) { return false }
            case _ where schemaLists.contains(key):
                for member in value.arrayValue ?? [] where !readsAlike(member, root: false, depth: depth + 1) { return false }
            default:
                break
            }
        }
        return true
    }
}
