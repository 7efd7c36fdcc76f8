import AccordContracts
import AccordJSON

/// Turns one observed result into the matcher tree that states its shape rather than its data:
/// objects become subsets of their members, non-empty arrays `$eachLike` (min 1) of what every
/// element shares (or, for a `type`-discriminated union, `$includes` of one shape per kind), numbers `$integer`/`$number`, strings `$format` where a format is evident and
/// `$like` otherwise. A `$like` example is kept only when it is short, plain and neither
/// generated nor secret; otherwise it is a neutral `"text"`. `_meta` members (progress tokens,
/// trace ids) are not part of a shape.
///
/// ```swift
/// ShapeInference().matcher(for: ["id": "8f14e45f-ea2b-4c2a-9d1b-3b1f4e5a6c7d", "count": 3, "tags": ["a"]])
/// // .object(["id": .format(.uuid), "count": .integer, "tags": .eachLike(.like("a"), min: 1)])
/// ```
public struct ShapeInference: Sendable {
    /// Nesting below this depth is stated only as "an object" / "an array".
    public var maximumDepth: Int
    /// Whether `$like` examples may keep observed text (off when summarising a large result).
    public var keepsExamples: Bool
    public var scrubber: SecretScrubber

    /// The longest observed string kept as a `$like` example.
    static let maximumExampleLength = 40
    static let neutralText = "text"

    public init(maximumDepth: Int = 16, keepsExamples: Bool = true, scrubber: SecretScrubber = SecretScrubber()) {
        self.maximumDepth = maximumDepth
        self.keepsExamples = keepsExamples
        self.scrubber = scrubber
    }

    /// The matcher for `value`; nil only for values with no shape to state (never for a result).
    public func matcher(for value: JSONValue) -> Matcher {
        matcher(for: value, key: nil, depth: 0)
    }

    private func matcher(for value: JSONValue, key: String?, depth: Int) -> Matcher {
        switch value {
        case .null: return .like(.null)
        case .bool(let flag): return .like(.bool(flag))
        case .number(let number): return number.isIntegral ? .integer : .number
        case .string(let text):
            if let key, scrubber.isSecret(text, key: key) { return .like(.string(SecretScrubber.placeholder)) }
            return EvidentFormat.matcher(for: text) ?? .like(.string(example(text)))
        case .array(let elements):
            guard !elements.isEmpty, depth < maximumDepth else { return .like(.array([])) }
            // A union told apart by `type` (content blocks, prompt messages) keeps one shape per
            // kind: the members all kinds share would say too little to answer a client with.
            var kinds: [String] = []
            var byKind: [String: [JSONValue]] = [:]
            for element in elements {
                let kind = Self.kind(of: element)
                if byKind[kind] == nil { kinds.append(kind) }
                byKind[kind, default: []].append(element)
            }
            let shapes = kinds.map { kind in shared(byKind[kind]!, key: key, depth: depth) }
            if kinds.count > 1, kinds.count <= Self.maximumKinds, shapes.allSatisfy({ $0 != nil }) {
                return .includesElements(shapes.compactMap { $0 })
            }
            return shared(elements, key: key, depth: depth).map { .eachLike($0, min: 1) } ?? .like(.array([]))
        case .object(let members):
            guard depth < maximumDepth else { return .like(.object([:])) }
            var shape: [String: Matcher] = [:]
            for (name, member) in members where name != "_meta" && !name.hasPrefix("$") && !scrubber.isSecret(name) {
                shape[name] = matcher(for: member, key: name, depth: depth + 1)
            }
            return .object(shape)
        }
    }

    /// Kinds of a `type`-discriminated array kept apart at most.
    static let maximumKinds = 4

    /// What every element shares, or nil when their JSON types differ.
    private func shared(_ elements: [JSONValue], key: String?, depth: Int) -> Matcher? {
        elements.dropFirst().reduce(Optional(matcher(for: elements[0], key: key, depth: depth + 1))) { merged, element in
            merged.flatMap { ShapeMerging.merge($0, matcher(for: element, key: key, depth: depth + 1)) }
        }
    }

    /// The `type` values of an element and of its direct members (`content.type` of a prompt
    /// message); empty for elements that are not told apart that way.
    static func kind(of element: JSONValue) -> String {
        guard case .object(let members) = element else { return "" }
        var kinds = members["type"]?.stringValue.map { [$0] } ?? []
        for name in members.keys.sorted() {
            if let nested = members[name]?["type"]?.stringValue { kinds.append("\(name).\(nested)") }
        }
        return kinds.joined(separator: ",")
    }

    /// The `$like` example for observed text.
    func example(_ text: String) -> String {
        guard keepsExamples, text.count <= Self.maximumExampleLength, !text.contains(where: \.isNewline),
              !EvidentFormat.looksGenerated(text), !scrubber.isSecret(text) else { return Self.neutralText }
        return text
    }
}
