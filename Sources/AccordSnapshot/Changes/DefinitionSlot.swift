import AccordJSON

/// One definition as a diff sees it: its identity, and its JSON — either held, or read on demand
/// from the document it was found in, so a diff of two large files materialises only the
/// definitions that changed.
///
/// ```swift
/// let slot = DefinitionSlot(value: tool, kind: .tool)
/// slot.identity          // "search"
/// slot.value["title"]    // the JSON, held or read from its file
/// ```
public struct DefinitionSlot: Sendable {
    /// The definition's identity (`name`, `uri` or `uriTemplate`); `nil` when it has none.
    public let identity: String?
    private let content: Content

    private enum Content: Sendable {
        case value(JSONValue)
        /// A node of a parsed file, with the fingerprint of its bytes.
        case document(JSONTape, JSONTape.Node, ContentFingerprint)
    }

    public init(value: JSONValue, kind: DefinitionKind) {
        identity = kind.identity(of: value)
        content = .value(value)
    }

    /// A definition that stays in `tape` until its value is asked for.
    public init(identity: String, tape: JSONTape, node: JSONTape.Node) {
        self.identity = identity
        content = .document(tape, node, ContentFingerprint(tape: tape, node: node))
    }

    /// The definition's JSON (read from its document each time it is asked for, when it came
    /// from one: callers that hold many keep only what they use).
    public var value: JSONValue {
        switch content {
        case .value(let value):
            return value
        case .document(let tape, let node, _):
            let value = tape.value(node)
            // The file's pages go again: memory stays flat however many definitions a diff reads.
            tape.input.releaseResidentPages(in: tape.byteRange(node))
            return value
        }
    }

    /// Whether both definitions are certainly equal JSON: equal values, or (two definitions read
    /// from files) the same bytes. Different bytes may still be equal JSON; callers then compare,
    /// which finds nothing.
    public func hasSameContent(as other: DefinitionSlot) -> Bool {
        switch (content, other.content) {
        case (.document(_, _, let left), .document(_, _, let right)): left == right
        default: value == other.value
        }
    }
}

/// The length and a 128-bit hash of a definition's bytes in its file: equal fingerprints mean
/// equal text (a false match needs a 128-bit collision).
struct ContentFingerprint: Sendable, Equatable {
    let length: Int
    let hash: JSONTape.ContentHash

    init(tape: JSONTape, node: JSONTape.Node) {
        length = tape.byteRange(node).count
        hash = tape.contentHash(node)
    }
}

