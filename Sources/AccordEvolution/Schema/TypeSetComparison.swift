import AccordJSON

/// The JSON types a schema admits. `integer` is a subset of `number`: a set holding `number`
/// always holds `integer` too, so `["number", "integer"]` equals `"number"`.
struct SchemaTypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let null = SchemaTypeSet(rawValue: 1 << 0)
    static let boolean = SchemaTypeSet(rawValue: 1 << 1)
    static let object = SchemaTypeSet(rawValue: 1 << 2)
    static let array = SchemaTypeSet(rawValue: 1 << 3)
    static let string = SchemaTypeSet(rawValue: 1 << 4)
    static let integer = SchemaTypeSet(rawValue: 1 << 5)
    /// Numbers with a fraction; `number` in a schema is this plus `integer`.
    static let fractional = SchemaTypeSet(rawValue: 1 << 6)
    static let numbers: SchemaTypeSet = [.integer, .fractional]
    static let any: SchemaTypeSet = [.null, .boolean, .object, .array, .string, .integer, .fractional]

    private static let names: [(String, SchemaTypeSet)] = [
        ("array", .array), ("boolean", .boolean), ("integer", .integer), ("null", .null),
        ("number", .numbers), ("object", .object), ("string", .string),
    ]

    /// The set a `type` keyword names; `nil` for a keyword that is not a type name or a list of them.
    init?(keyword: JSONValue) {
        switch keyword {
        case .string(let name):
            guard let set = Self.names.first(where: { $0.0 == name })?.1 else { return nil }
            self = set
        case .array(let elements):
            var set: SchemaTypeSet = []
            for element in elements {
                guard let name = element.stringValue, let member = Self.names.first(where: { $0.0 == name })?.1 else { return nil }
                set.formUnion(member)
            }
            self = set
        default:
            return nil
        }
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The type of one JSON value (`1` and `1.0` are integers).
    init(of value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool: self = .boolean
        case .object: self = .object
        case .array: self = .array
        case .string: self = .string
        case .number(let number): self = number.isIntegral ? .integer : .fractional
        }
    }

    /// The types `members` admit: the `type` keyword (all types without one), further limited
    /// by `enum`/`const`, whose values say the types exactly.
    static func admitted(by members: [String: JSONValue]) -> SchemaTypeSet {
        var set = members["type"].flatMap(SchemaTypeSet.init(keyword:)) ?? .any
        if let constant = members["const"] {
            set.formIntersection(SchemaTypeSet(of: constant))
        } else if case .array(let values)? = members["enum"] {
            set.formIntersection(values.reduce(into: SchemaTypeSet()) { $0.formUnion(SchemaTypeSet(of: $1)) })
        }
        return set
    }

    func intersects(_ other: SchemaTypeSet) -> Bool { !isDisjoint(with: other) }

    /// "string", "[integer, null]", "any".
    var description: String {
        if self == .any { return "any" }
        var names: [String] = []
        for (name, member) in Self.names where isSuperset(of: member) {
            if name == "integer", isSuperset(of: .numbers) { continue }
            names.append(name)
        }
        if contains(.fractional), !contains(.integer) { names.append("number") }
        if names.isEmpty { return "nothing" }
        return names.count == 1 ? names[0] : "[" + names.joined(separator: ", ") + "]"
    }
}

extension SchemaComparisonSession {
    /// Compares the admitted types and returns those both sides admit: keywords that only
    /// constrain other types need no comparison, the type change already says it.
    func compareTypes(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) -> SchemaTypeSet {
        let before = SchemaTypeSet.admitted(by: old.members)
        let after = SchemaTypeSet.admitted(by: new.members)
        let shared = before.intersection(after)
        // Only a changed `type` keyword is a type change; differences that come from enum or
        // const values alone are what their own findings say.
        let declaredBefore = old.members["type"].flatMap(SchemaTypeSet.init(keyword:)) ?? .any
        let declaredAfter = new.members["type"].flatMap(SchemaTypeSet.init(keyword:)) ?? .any
        guard before != after, declaredBefore != declaredAfter else { return shared }

        let change: SchemaChange
        var detail: String
        if before.isSuperset(of: after) {
            change = .typeNarrowed
            detail = "type narrowed from \(before.description) to \(after.description)"
            if before.subtracting(after) == .null { detail += " (null removed)" }
        } else if after.isSuperset(of: before) {
            change = .typeWidened
            detail = "type widened from \(before.description) to \(after.description)"
            if after.subtracting(before) == .null { detail += " (null added)" }
        } else {
            change = .typeChanged
            detail = "type changed from \(before.description) to \(after.description)"
        }
        report(change, at: site, site.pointer("type"),
               old: old.members["type"], new: new.members["type"], detail)
        return shared
    }
}
