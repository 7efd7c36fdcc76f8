import AccordJSON

/// The JSON Schema keywords the comparison knows (drafts 04 to 2020-12), grouped by what they
/// constrain. A keyword outside these lists is unknown: a change to it is reported as
/// undecidable, except vendor extensions (`x-…`), which are annotations.
enum SchemaKeywords {
    /// Annotations: they describe, they never reject a value. `discriminator` is OpenAPI's
    /// hint beside a oneOf (pydantic writes it for tagged unions); JSON Schema validators
    /// ignore it, and the oneOf says what is valid.
    static let annotations: Set<String> = [
        "title", "description", "examples", "example", "$comment", "readOnly", "writeOnly",
        "contentMediaType", "contentEncoding", "contentSchema",
        "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$vocabulary",
        "discriminator",
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

/// Which groups of keywords a schema uses, found with one lookup per keyword, so comparisons of
/// groups neither side uses are skipped without probing each keyword.
struct SchemaKeywordGroups: OptionSet {
    let rawValue: UInt32

    static let type = SchemaKeywordGroups(rawValue: 1 << 0)
    static let values = SchemaKeywordGroups(rawValue: 1 << 1)
    static let numbers = SchemaKeywordGroups(rawValue: 1 << 2)
    static let strings = SchemaKeywordGroups(rawValue: 1 << 3)
    static let format = SchemaKeywordGroups(rawValue: 1 << 4)
    static let arrays = SchemaKeywordGroups(rawValue: 1 << 5)
    static let objects = SchemaKeywordGroups(rawValue: 1 << 6)
    static let allOf = SchemaKeywordGroups(rawValue: 1 << 7)
    static let anyOf = SchemaKeywordGroups(rawValue: 1 << 8)
    static let oneOf = SchemaKeywordGroups(rawValue: 1 << 9)
    static let not = SchemaKeywordGroups(rawValue: 1 << 10)
    static let conditional = SchemaKeywordGroups(rawValue: 1 << 11)
    /// Annotations, metadata and unknown keywords: everything compared by ``compareAnnotations``.
    static let annotations = SchemaKeywordGroups(rawValue: 1 << 12)

    init(rawValue: UInt32) { self.rawValue = rawValue }

    init(_ members: [String: JSONValue]) {
        var groups: SchemaKeywordGroups = []
        for key in members.keys {
            groups.formUnion(Self.byKeyword[key] ?? .annotations)
        }
        self = groups
    }

    static func combinator(_ combinator: SchemaCombinator) -> SchemaKeywordGroups {
        switch combinator {
        case .allOf: .allOf
        case .anyOf: .anyOf
        case .oneOf: .oneOf
        }
    }

    private static let byKeyword: [String: SchemaKeywordGroups] = {
        var table: [String: SchemaKeywordGroups] = [:]
        for keyword in SchemaKeywords.numberFamily { table[keyword] = .numbers }
        for keyword in SchemaKeywords.stringFamily { table[keyword] = .strings }
        for keyword in SchemaKeywords.arrayFamily { table[keyword] = .arrays }
        for keyword in SchemaKeywords.objectFamily { table[keyword] = .objects }
        for keyword in SchemaKeywords.definitions.union(SchemaKeywords.references) { table[keyword] = [] }
        table["type"] = .type
        table["enum"] = .values
        table["const"] = .values
        table["format"] = .format
        table["allOf"] = .allOf
        table["anyOf"] = .anyOf
        table["oneOf"] = .oneOf
        table["not"] = .not
        for keyword in ["if", "then", "else"] { table[keyword] = .conditional }
        // Draft-04 boolean exclusive bounds sit with the numbers; everything else not listed
        // (annotations, metadata, unknown keywords) falls to `.annotations`.
        return table
    }()
}
