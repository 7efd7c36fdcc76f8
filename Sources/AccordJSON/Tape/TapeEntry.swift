#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One node of a ``JSONTape``: plain data, 20 bytes, stored in preorder in one contiguous block.
///
/// An object's recorded children alternate key entry, value entry; `next` is the index just past
/// a node's subtree (its next sibling), so children are walked without any child list.
struct TapeEntry {
    /// The value's first byte (for strings and keys, the opening quote).
    var start: UInt32
    /// Just past the value's last byte.
    var end: UInt32
    /// The index past this node's recorded subtree.
    var next: UInt32
    /// Lines of the value in `JSONEncoding.canonical` (exact, duplicate keys accounted for).
    var lines: UInt32
    var kind: RawKind
    var flags: UInt8

    enum RawKind: UInt8 {
        case null, `false`, `true`, number, string, array, object, key
    }

    /// A string or key holding a backslash escape.
    static let escaped: UInt8 = 1
    /// A string or key holding a byte ≥ 0x80.
    static let nonASCII: UInt8 = 2
    /// A container beyond the tape's `maxDepth`: validated and counted, children not recorded.
    static let opaque: UInt8 = 4
    /// An object with two members under equal keys (the last one wins, as in `JSONValue`).
    static let duplicateKeys: UInt8 = 8
}

/// The tape's entries: one `malloc` block, freed with the last tape that shares it.
final class TapeStorage: @unchecked Sendable {
    // @unchecked: written only by the scanner before the storage is shared, read-only after.
    let entries: UnsafeMutablePointer<TapeEntry>
    let count: Int
    let hasDuplicateKeys: Bool

    init(entries: UnsafeMutablePointer<TapeEntry>, count: Int, hasDuplicateKeys: Bool) {
        self.entries = entries
        self.count = count
        self.hasDuplicateKeys = hasDuplicateKeys
    }

    deinit { free(entries) }
}
