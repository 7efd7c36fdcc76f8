import AccordJSON

/// A subschema as written at some location, before its `$ref` is followed.
struct SchemaSource {
    var value: JSONValue
    /// Names the location in its document, for recognising a recursion and sharing work:
    /// `#` for the root, `#/$defs/node` after a `$ref`, a parent's identity plus a token below it.
    var identity: String

    func child(_ tokens: String...) -> SchemaSource {
        SchemaSource(value: value[pointer: JSONPointer(tokens: tokens)] ?? .null, identity: identity + tokens.map(Self.escaped).joined())
    }

    func child(_ value: JSONValue, _ tokens: String...) -> SchemaSource {
        SchemaSource(value: value, identity: identity + tokens.map(Self.escaped).joined())
    }

    /// A pointer token written so that distinct paths never give the same identity.
    static func escaped(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return "/" + token }
        var escaped = "/"
        for character in token {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// One side of a comparison after `$ref` resolution and normalization: what the keyword
/// comparisons read.
struct SchemaNode {
    /// The value as written at this location (before resolution), for messages and old/new.
    var written: JSONValue
    /// `true`/`false` for boolean schemas, else `nil`.
    var boolean: Bool?
    /// The keywords of an object schema (empty for boolean schemas).
    var members: [String: JSONValue]
    var identity: String
    /// A `$ref` was followed to get here: the node may be shared or recursive.
    var reachedByReference: Bool
    /// A `$ref` that could not be followed, and why.
    var unresolved: (reference: String, reason: String)?
    /// Combinators synthesized from the other side's shape (see ``SchemaNormalization``): their
    /// branch pointers do not exist in this side's document.
    var virtualCombinators: Set<SchemaCombinator> = []

    /// Whether this schema accepts nothing (`false`).
    var rejectsEverything: Bool { boolean == false }

    func source(_ keyword: String) -> SchemaSource? {
        members[keyword].map { SchemaSource(value: $0, identity: identity + SchemaSource.escaped(keyword)) }
    }
}

/// Where the comparison stands: the reporting path below the schema root, the readable label,
/// whether an odd number of `not`s encloses it, and how deep it is.
struct SchemaSite {
    var path: [String]
    var label: [SchemaLabelSegment]
    var flipped: Bool
    var depth: Int

    static let root = SchemaSite(path: [], label: [], flipped: false, depth: 0)

    /// The site of a subschema below this one.
    func descending(_ tokens: [String], _ segment: SchemaLabelSegment?) -> SchemaSite {
        SchemaSite(path: path + tokens, label: segment.map { label + [$0] } ?? label, flipped: flipped, depth: depth + 1)
    }

    /// The site below a `not`, where a change's effect on accepted values is reversed.
    func negated() -> SchemaSite {
        var copy = self
        copy.flipped.toggle()
        return copy
    }

    func pointer(_ tokens: String...) -> [String] { path + tokens }
}
