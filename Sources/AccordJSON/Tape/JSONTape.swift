#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed JSON document as one contiguous array of small plain nodes (a tape), with strings,
/// keys and number text left as ranges into the input until asked for. Reading a 80 MB snapshot
/// costs one validating pass and no per-node allocation; ``value(_:)`` materialises a
/// ``JSONValue`` for just the part a caller needs.
///
/// ```swift
/// let tape = try JSONTape(parsing: JSONInput.mapped(path: "old.json"), maxDepth: 2)
/// if let tools = tape.member(tape.root, "tools") {                 // depth 1
///     for tool in tape.elements(tools) {                            // depth 2: recorded
///         let name = tape.member(tool, "name").flatMap(tape.string)
///         let hash = tape.contentHash(tool)                         // equal bytes ⇒ equal hash
///         let schema = tape.member(tool, "inputSchema")             // depth 3: opaque
///         let lines = schema.map(tape.canonicalLineCount)           // still exact
///         let value = schema.map(tape.value)                        // re-read on demand
///     }
/// }
/// ```
///
/// Depth: the root is at depth 0, its children at depth 1, and so on. A container at a depth
/// greater than `maxDepth` is *opaque*: it is recorded as one node (its kind, byte range, canonical
/// line count and hash are known) but its children are not; it is still fully validated.
/// ``elements(_:)``, ``members(_:)`` and ``member(_:_:)`` on an opaque node are programming
/// errors (a precondition failure); check ``isOpaque(_:)`` first, or use ``value(_:)``, which
/// re-reads the node's bytes.
///
/// Grammar and errors are exactly those of `JSONValue(parsing:)`: both read through the same
/// scanner. Offsets are 32-bit: a document of 4 GiB or more is rejected with a parse error.
public struct JSONTape: Sendable {
    /// A node of this tape (an index into it). Meaningless for another tape.
    public struct Node: Hashable, Sendable {
        let index: Int
    }

    public enum Kind: Sendable, Hashable {
        case null, bool, number, string, array, object
    }

    /// A 128-bit hash of a node's exact bytes: equal bytes give equal hashes. Not cryptographic:
    /// confirm with ``JSONTape/bytesEqual(_:_:_:)`` where a collision would matter.
    public struct ContentHash: Hashable, Sendable {
        public let low: UInt64
        public let high: UInt64
    }

    /// The bytes the tape's ranges point into.
    public let input: JSONInput
    let storage: TapeStorage

    /// The document's value.
    public var root: Node { Node(index: 0) }

    /// True when some object in the document (recorded or opaque) has two members under equal
    /// keys. `JSONValue` keeps the last one, as do ``member(_:_:)`` and ``value(_:)``;
    /// ``canonicalLineCount(_:)`` counts only the kept members, but ``contentHash(_:)`` and
    /// ``byteRange(_:)`` still cover the dropped ones, so equal canonical forms may differ in bytes.
    public var hasDuplicateKeys: Bool { storage.hasDuplicateKeys }

    /// How many nodes are recorded (object keys count as nodes too).
    public var recordedNodeCount: Int { storage.count }

    /// Parses and validates all of `input`, recording containers down to `maxDepth`.
    /// - Parameter releasingPagesBehind: for a mapped input, drop the pages already read from
    ///   resident memory every few MB (they come back from the page cache when touched again).
    /// - Throws: the same ``JSONParseError`` as `JSONValue(parsing:)` for the same bytes.
    public init(parsing input: JSONInput, maxDepth: Int = .max, releasingPagesBehind: Bool = false) throws(JSONParseError) {
        precondition(maxDepth >= 0, "maxDepth counts from the root at depth 0")
        self.input = input
        storage = try input.withUnsafeBytes { (buffer) throws(JSONParseError) in
            try TapeScanner.scan(buffer, maxDepth: maxDepth, releasing: releasingPagesBehind ? input : nil)
        }
    }

    // MARK: - Shape

    public func kind(_ node: Node) -> Kind {
        switch entry(node).kind {
        case .null: .null
        case .false, .true: .bool
        case .number: .number
        case .string, .key: .string
        case .array: .array
        case .object: .object
        }
    }

    /// The value's exact text in the input (for a string, including its quotes).
    public func byteRange(_ node: Node) -> Range<Int> {
        let entry = entry(node)
        return Int(entry.start)..<Int(entry.end)
    }

    /// True for a container beyond `maxDepth`, whose children are not recorded.
    public func isOpaque(_ node: Node) -> Bool { entry(node).flags & TapeEntry.opaque != 0 }

    /// The elements of an array in order; `[]` for a value that is not an array.
    /// - Precondition: `node` is not opaque.
    public func elements(_ node: Node) -> [Node] {
        let entry = expanded(node)
        guard entry.kind == .array else { return [] }
        var result: [Node] = []
        var child = node.index + 1
        while child < Int(entry.next) {
            result.append(Node(index: child))
            child = Int(storage.entries[child].next)
        }
        return result
    }

    /// The members of an object in document order, keys decoded, duplicates included; `[]` for a
    /// value that is not an object.
    /// - Precondition: `node` is not opaque.
    public func members(_ node: Node) -> [(key: String, value: Node)] {
        let entry = expanded(node)
        guard entry.kind == .object else { return [] }
        var result: [(key: String, value: Node)] = []
        var key = node.index + 1
        while key < Int(entry.next) {
            result.append((key: keyText(key), value: Node(index: key + 1)))
            key = Int(storage.entries[key + 1].next)
        }
        return result
    }

    /// The value of member `key` (the last one when the key is duplicated, as in `JSONValue`);
    /// `nil` when missing or when `node` is not an object.
    /// - Precondition: `node` is not opaque.
    public func member(_ node: Node, _ key: String) -> Node? {
        let entry = expanded(node)
        guard entry.kind == .object else { return nil }
        var wanted = key
        return wanted.withUTF8 { wantedBytes in
            // Plain ASCII keys equal an ASCII key exactly when their bytes do; anything else
            // compares as Strings do (canonical equivalence: "\u{212A}" == "K").
            let wantedIsASCII = wantedBytes.allSatisfy { $0 < 0x80 }
            return input.withUnsafeBytes { buffer in
                var found: Node?
                var position = node.index + 1
                while position < Int(entry.next) {
                    let keyEntry = storage.entries[position]
                    if wantedIsASCII, keyEntry.flags == 0 {
                        let length = Int(keyEntry.end - keyEntry.start) - 2
                        if length == wantedBytes.count,
                           wantedBytes.elementsEqual(UnsafeRawBufferPointer(rebasing: buffer[Int(keyEntry.start) + 1..<Int(keyEntry.end) - 1])) {
                            found = Node(index: position + 1)
                        }
                    } else if keyText(position) == key {
                        found = Node(index: position + 1)
                    }
                    position = Int(storage.entries[position + 1].next)
                }
                return found
            }
        }
    }

    /// The number of elements or members of a recorded container; 0 for other values.
    /// - Precondition: `node` is not opaque.
    public func childCount(_ node: Node) -> Int {
        let entry = expanded(node)
        guard entry.kind == .array || entry.kind == .object else { return 0 }
        let stride = entry.kind == .object ? 1 : 0
        var total = 0
        var child = node.index + 1
        while child < Int(entry.next) {
            total += 1
            child = Int(storage.entries[child + stride].next)
        }
        return total
    }

    // MARK: - Scalars

    /// The decoded text of a string; `nil` for other values.
    public func string(_ node: Node) -> String? {
        let entry = entry(node)
        guard entry.kind == .string else { return nil }
        return text(of: entry)
    }

    public func bool(_ node: Node) -> Bool? {
        switch entry(node).kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// The number exactly as written (`"1.0"`, `"1e21"`); `nil` for other values.
    public func numberText(_ node: Node) -> String? {
        let entry = entry(node)
        guard entry.kind == .number else { return nil }
        return input.withUnsafeBytes { buffer in
            String(decoding: UnsafeRawBufferPointer(rebasing: buffer[Int(entry.start)..<Int(entry.end)]), as: UTF8.self)
        }
    }

    // MARK: - Whole values

    /// How many lines the value takes in `JSONEncoding.canonical`: 1 for a scalar or an empty
    /// container, else the open line, the children's lines and the close line. Exact for every
    /// node, opaque ones included; members a duplicate key replaces are not counted.
    public func canonicalLineCount(_ node: Node) -> Int { Int(entry(node).lines) }

    /// A 128-bit hash of ``byteRange(_:)``'s bytes (read a machine word at a time).
    public func contentHash(_ node: Node) -> ContentHash {
        let range = byteRange(node)
        return input.withUnsafeBytes { buffer in
            let (low, high) = ContentHasher.hash(buffer.baseAddress.map { $0 + range.lowerBound }, count: range.count)
            return ContentHash(low: low, high: high)
        }
    }

    /// True when `node` of this tape and `other` of `otherTape` have exactly the same bytes.
    public func bytesEqual(_ node: Node, _ otherTape: JSONTape, _ other: Node) -> Bool {
        let range = byteRange(node)
        let otherRange = otherTape.byteRange(other)
        guard range.count == otherRange.count else { return false }
        return input.withUnsafeBytes { buffer in
            otherTape.input.withUnsafeBytes { otherBuffer in
                range.isEmpty || memcmp(buffer.baseAddress! + range.lowerBound, otherBuffer.baseAddress! + otherRange.lowerBound, range.count) == 0
            }
        }
    }

    /// Exactly the ``JSONValue`` that `JSONValue(parsing:)` gives for the node's text.
    public func value(_ node: Node) -> JSONValue {
        input.withUnsafeBytes { buffer in
            TapeMaterializer.value(at: node.index, of: storage, bytes: buffer.baseAddress)
        }
    }

    // MARK: - Internals

    @inline(__always)
    private func entry(_ node: Node) -> TapeEntry {
        precondition(node.index >= 0 && node.index < storage.count, "a node of another tape")
        return storage.entries[node.index]
    }

    private func expanded(_ node: Node) -> TapeEntry {
        let entry = entry(node)
        precondition(entry.flags & TapeEntry.opaque == 0, "the children of a node beyond maxDepth are not recorded; use value(_:)")
        return entry
    }

    private func keyText(_ index: Int) -> String { text(of: storage.entries[index]) }

    private func text(of entry: TapeEntry) -> String {
        input.withUnsafeBytes { buffer in
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            return TapeScanner.decodeString(base + Int(entry.start) + 1, count: Int(entry.end - entry.start) - 2,
                                            escaped: entry.flags & TapeEntry.escaped != 0)
        }
    }
}
