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
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return "/" + token }
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
    /// Combinators synthesized from the other side's shape (see ``SchemaNormalization``), with
    /// the identity of their one branch: their branch pointers do not exist in this side's
    /// document, and lifting the same content again must give the same identity, so that a
    /// recursion on the other side is recognised.
    var virtualCombinators: [SchemaCombinator: String] = [:]

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
    /// Inside a oneOf whose branches may overlap (see ``SchemaFindingDraft``).
    var insideOverlappingOneOf = false
    var depth: Int

    static let root = SchemaSite(path: [], label: [], flipped: false, depth: 0)

    /// The site of a subschema below this one.
    func descending(_ tokens: [String], _ segment: SchemaLabelSegment?) -> SchemaSite {
        var site = self
        site.path = path + tokens
        if let segment { site.label = label + [segment] }
        site.depth = depth + 1
        return site
    }

    /// The site of a branch of a oneOf whose branches may overlap.
    func overlapping() -> SchemaSite {
        var copy = self
        copy.insideOverlappingOneOf = true
        return copy
    }

    /// The site below a `not`, where a change's effect on accepted values is reversed.
    func negated() -> SchemaSite {
        var copy = self
        copy.flipped.toggle()
        return copy
    }

    func pointer(_ tokens: String...) -> [String] { path + tokens }
}
