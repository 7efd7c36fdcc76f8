/// A schema document turned into a graph of nodes once, so validation never re-reads JSON.
///
/// Every subschema is a ``SchemaNode`` addressed by its index; applicators hold child indices and
/// a resolved `$ref` holds its target's index, so a recursive schema is a cycle in this graph,
/// not an infinite tree.
struct CompiledSchema: Sendable {
    var nodes: [SchemaNode]
    var root: Int
    /// Whether any node uses `unevaluatedProperties`/`unevaluatedItems`; only then does the
    /// evaluator pay for collecting annotations.
    var usesUnevaluated: Bool
    /// For each schema resource (by the number ``SchemaNode/resource`` holds), the nodes of its
    /// `$dynamicAnchor`s by name.
    var dynamicAnchors: [Int: [String: Int]] = [:]
}

/// One subschema: a boolean schema or a list of compiled keywords, in evaluation order.
struct SchemaNode: Sendable {
    /// Where the subschema sits in the document.
    var location: JSONPointer
    /// `true`/`false` for boolean schemas, `nil` for object schemas.
    var constant: Bool?
    var keywords: [SchemaKeyword]
    /// The schema resource (document or embedded `$id`) the subschema belongs to: evaluating
    /// it puts that resource in the dynamic scope `$dynamicRef` searches.
    var resource: Int = 0

    static func placeholder(at location: JSONPointer, resource: Int) -> SchemaNode {
        SchemaNode(location: location, constant: true, keywords: [], resource: resource)
    }
}

/// A keyword ready to run: its name and schema location for error reports, and its check.
struct SchemaKeyword: Sendable {
    var name: String
    var location: JSONPointer
    var check: SchemaCheck
}

/// The JSON types `type` can name.
enum SchemaType: String, Sendable, CaseIterable {
    case null, boolean, object, array, number, string, integer
}

/// What a keyword checks, with its arguments decoded and its subschemas compiled.
enum SchemaCheck: Sendable {
    case types([SchemaType])
    case enumeration([JSONValue])
    case constant(JSONValue)
    case multipleOf(SchemaDecimal, text: String)
    case maximum(SchemaDecimal, text: String, exclusive: Bool)
    case minimum(SchemaDecimal, text: String, exclusive: Bool)
    case maxLength(Int)
    case minLength(Int)
    case pattern(SchemaPattern)
    /// `asserted` when the metaschema declares the format-assertion vocabulary.
    case format(String, asserted: Bool)
    /// Sorted by name, so errors come out in a stable order.
    case properties([(name: String, node: Int)])
    case patternProperties([(pattern: SchemaPattern, node: Int)])
    /// Applies to members matched by neither `properties` nor `patternProperties` of the same schema.
    case additionalProperties(Int, declared: Set<String>, patterns: [SchemaPattern])
    case propertyNames(Int)
    case required([String])
    case dependentRequired([(property: String, required: [String])])
    case dependentSchemas([(property: String, node: Int)])
    case maxProperties(Int)
    case minProperties(Int)
    case prefixItems([Int])
    /// Applies to elements from `start` on (after `prefixItems`, or after a legacy tuple).
    case items(Int, start: Int)
    case contains(Int, minimum: Int, maximum: Int?)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(condition: Int, then: Int?, else: Int?)
    case reference(Int)
    /// A `$dynamicRef` to `#anchor` whose first target (the node) declares that
    /// `$dynamicAnchor`: the outermost resource in the dynamic scope with the anchor wins.
    case dynamicReference(Int, anchor: String)
    case unresolvedReference(SchemaReferenceError)
    case invalid(String)
    case unevaluatedProperties(Int)
    case unevaluatedItems(Int)
}
