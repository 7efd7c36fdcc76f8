#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Accord's one JSON grammar: a single validating forward pass over UTF-8 bytes that records
/// nodes into a ``TapeStorage``. Strict RFC 8259 (invalid UTF-8 inside strings is accepted and
/// decoded with U+FFFD, as `String(decoding:)` does); nesting is limited to
/// ``maximumNesting`` levels so a hostile document cannot overflow the stack. Both
/// ``JSONTape`` and `JSONValue(parsing:)` read through it, so they accept the same language
/// and report the same ``JSONParseError``s.
///
/// Valid only during `scan`: the scanner never outlives the bytes it reads.
struct TapeScanner {
    static let maximumNesting = 512
    /// How far the scanner advances between two `releaseResidentPages` calls.
    static let releaseStride = 4 << 20

    private let bytes: UnsafePointer<UInt8>
    private let count: Int
    private var index = 0
    private var depth = 0
    private let maxDepth: Int

    private var entries: UnsafeMutablePointer<TapeEntry>
    private var entryCount = 0
    private var entryCapacity: Int

    /// The keys of the objects being scanned, innermost last, for duplicate detection.
    private var keys: UnsafeMutablePointer<KeySlot>
    private var keyCount = 0
    private var keyCapacity = 64
    private var hasDuplicateKeys = false

    private let releaser: JSONInput?
    private var nextRelease = Int.max

    private struct KeySlot {
        var start: UInt32   // after the opening quote
        var end: UInt32     // at the closing quote
        var lines: UInt32   // the member value's canonical lines
        var flags: UInt8
    }

    /// Scans `buffer` as one JSON document.
    static func scan(
        _ buffer: UnsafeRawBufferPointer, maxDepth: Int = .max, releasing input: JSONInput? = nil
    ) throws(JSONParseError) -> TapeStorage {
        guard buffer.count < Int(UInt32.max) else {
            throw JSONParseError(line: 1, column: 1, reason: "document larger than 4 GiB")
        }
        // A zero-length buffer may have no address; any pointer will do, no byte is read.
        let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        var scanner = TapeScanner(bytes: base, count: buffer.count, maxDepth: maxDepth, releaser: input)
        do {
            try scanner.scanDocument()
        } catch {
            scanner.deallocate(keepingEntries: false)
            throw error
        }
        scanner.deallocate(keepingEntries: true)
        let shrunk = realloc(scanner.entries, max(1, scanner.entryCount) * MemoryLayout<TapeEntry>.stride)
        let entries = shrunk.map { $0.assumingMemoryBound(to: TapeEntry.self) } ?? scanner.entries
        return TapeStorage(entries: entries, count: scanner.entryCount, hasDuplicateKeys: scanner.hasDuplicateKeys)
    }

    private init(bytes: UnsafePointer<UInt8>, count: Int, maxDepth: Int, releaser: JSONInput?) {
        self.bytes = bytes
        self.count = count
        self.maxDepth = maxDepth
        self.releaser = releaser
        if releaser?.isMapped == true { nextRelease = Self.releaseStride }
        // Snapshots average one node per 10–20 bytes; a shallow tape records far fewer.
        entryCapacity = maxDepth == .max ? max(16, count / 16) : 64
        entries = malloc(entryCapacity * MemoryLayout<TapeEntry>.stride)!.bindMemory(to: TapeEntry.self, capacity: entryCapacity)
        Self.adviseHugePages(entries, byteCount: entryCapacity * MemoryLayout<TapeEntry>.stride)
        keys = malloc(keyCapacity * MemoryLayout<KeySlot>.stride)!.bindMemory(to: KeySlot.self, capacity: keyCapacity)
    }

    private func deallocate(keepingEntries: Bool) {
        free(keys)
        if !keepingEntries { free(entries) }
    }

    private mutating func scanDocument() throws(JSONParseError) {
        skipWhitespace()
        _ = try scanValue(recorded: true)
        skipWhitespace()
        guard index == count else { throw error("unexpected text after the JSON value") }
    }

    // MARK: - Values

    /// Scans one value starting at `index` (no leading whitespace); returns its canonical lines.
    private mutating func scanValue(recorded: Bool) throws(JSONParseError) -> UInt32 {
        guard index < count else { throw error("unexpected end of input, expected a value") }
        let start = index
        let kind: TapeEntry.RawKind
        var flags: UInt8 = 0
        switch bytes[index] {
        case UInt8(ascii: "\""):
            flags = try scanString()
            kind = .string
        case UInt8(ascii: "{"): return try scanObject(recorded: recorded)
        case UInt8(ascii: "["): return try scanArray(recorded: recorded)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
            kind = .number
        case UInt8(ascii: "t"):
            try expectLiteral(0x6575_7274, length: 4, "true")
            kind = .true
        case UInt8(ascii: "f"):
            try expectLiteral(0x736C_6166, length: 5, "false")
            kind = .false
        case UInt8(ascii: "n"):
            try expectLiteral(0x6c6c_756e, length: 4, "null")
            kind = .null
        default:
            throw error("unexpected character \(Self.describe(bytes[index])), expected a value")
        }
        if recorded { append(kind, flags: flags, start: start, end: index) }
        return 1
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > Self.maximumNesting { throw error("nesting deeper than \(Self.maximumNesting) levels") }
    }

    private mutating func scanArray(recorded: Bool) throws(JSONParseError) -> UInt32 {
        try enterContainer()
        let start = index
        let node = recorded ? append(.array, flags: 0, start: start, end: start) : 0
        let recordsChildren = recorded && depth - 1 <= maxDepth
        index += 1
        skipWhitespace()
        var lines: UInt32 = 1
        if index < count, bytes[index] == UInt8(ascii: "]") {
            index += 1
        } else {
            lines = 2
            while true {
                skipWhitespace()
                lines &+= try scanValue(recorded: recordsChildren)
                if index >= nextRelease { releasePages() }
                skipWhitespace()
                if index < count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") { index += 1; continue }
                    if byte == UInt8(ascii: "]") { index += 1; break }
                }
                throw error("expected ',' or ']' in array")
            }
        }
        depth -= 1
        if recorded { finish(node, end: index, lines: lines, opaque: !recordsChildren) }
        return lines
    }

    private mutating func scanObject(recorded: Bool) throws(JSONParseError) -> UInt32 {
        try enterContainer()
        let start = index
        let node = recorded ? append(.object, flags: 0, start: start, end: start) : 0
        let recordsChildren = recorded && depth - 1 <= maxDepth
        let firstKey = keyCount
        index += 1
        skipWhitespace()
        var lines: UInt32 = 1
        var duplicates = false
        if index < count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            lines = 2
            while true {
                skipWhitespace()
                guard index < count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key in object") }
                let keyStart = index
                let keyFlags = try scanString()
                let keyEnd = index
                if recordsChildren { append(.key, flags: keyFlags, start: keyStart, end: keyEnd) }
                skipWhitespace()
                guard index < count, bytes[index] == UInt8(ascii: ":") else {
                    let key = Self.decodeString(bytes + keyStart + 1, count: keyEnd - keyStart - 2, escaped: keyFlags & TapeEntry.escaped != 0)
                    throw error("expected ':' after object key \"\(key)\"")
                }
                index += 1
                skipWhitespace()
                let valueLines = try scanValue(recorded: recordsChildren)
                lines &+= valueLines
                pushKey(KeySlot(start: UInt32(keyStart + 1), end: UInt32(keyEnd - 1), lines: valueLines, flags: keyFlags))
                if index >= nextRelease { releasePages() }
                skipWhitespace()
                if index < count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") { index += 1; continue }
                    if byte == UInt8(ascii: "}") { index += 1; break }
                }
                throw error("expected ',' or '}' in object")
            }
            if keyCount - firstKey > 1 {
                let dropped = droppedDuplicateLines(from: firstKey)
                if let dropped {
                    duplicates = true
                    hasDuplicateKeys = true
                    lines &-= dropped
                }
            }
        }
        keyCount = firstKey
        depth -= 1
        if recorded {
            finish(node, end: index, lines: lines, opaque: !recordsChildren)
            if duplicates { entries[node].flags |= TapeEntry.duplicateKeys }
        }
        return lines
    }

    /// The canonical lines of the members that a later member with an equal key replaces
    /// (`JSONValue` keeps the last), or `nil` when the object's keys are all distinct.
    private func droppedDuplicateLines(from firstKey: Int) -> UInt32? {
        let slots = UnsafeBufferPointer(start: keys + firstKey, count: keyCount - firstKey)
        var plain = true
        for slot in slots where slot.flags != 0 { plain = false; break }
        var dropped: UInt32 = 0
        var found = false
        if plain, slots.count <= 32 {
            // Plain ASCII keys are equal exactly when their bytes are.
            for first in 0..<slots.count - 1 {
                let a = slots[first]
                let length = Int(a.end - a.start)
                for second in first + 1..<slots.count {
                    let b = slots[second]
                    if Int(b.end - b.start) == length, length == 0 || bytes[Int(a.start)] == bytes[Int(b.start)],
                       memcmp(bytes + Int(a.start), bytes + Int(b.start), length) == 0 {
                        dropped &+= a.lines
                        found = true
                        break
                    }
                }
            }
        } else {
            // Escapes, non-ASCII (String equality is canonical equivalence) or many keys.
            var last: [String: Int] = [:]
            last.reserveCapacity(slots.count)
            var names: [String] = []
            names.reserveCapacity(slots.count)
            for (position, slot) in slots.enumerated() {
                let name = Self.decodeString(bytes + Int(slot.start), count: Int(slot.end - slot.start), escaped: slot.flags & TapeEntry.escaped != 0)
                names.append(name)
                last[name] = position
            }
            guard last.count < slots.count else { return nil }
            for (position, name) in names.enumerated() where last[name] != position {
                dropped &+= slots[position].lines
                found = true
            }
        }
        return found ? dropped : nil
    }

    // MARK: - Scalars

    /// Scans a string from its opening quote; returns its `escaped`/`nonASCII` flags.
    @inline(__always)
    private mutating func scanString() throws(JSONParseError) -> UInt8 {
        index += 1
        var flags: UInt8 = 0
        var high: UInt64 = 0
        let raw = UnsafeRawPointer(bytes)
        while true {
            // Eight bytes at a time while none is a quote, a backslash or a control character.
            while index &+ 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let quote = word ^ 0x2222_2222_2222_2222
                let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                let special = ((quote &- 0x0101_0101_0101_0101) & ~quote)
                    | ((backslash &- 0x0101_0101_0101_0101) & ~backslash)
                    | ((word &- 0x2020_2020_2020_2020) & ~word)
                let hits = special & 0x8080_8080_8080_8080
                if hits == 0 {
                    high |= word
                    index &+= 8
                    continue
                }
                // The lowest flagged byte is a true hit (borrows only carry upwards).
                let plainBytes = hits.trailingZeroBitCount >> 3
                if plainBytes > 0 { high |= word & (~0 >> UInt64(64 - plainBytes * 8)) }
                index &+= plainBytes
                break
            }
            guard index < count else { throw error("unterminated string", at: count) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index &+= 1
                if high & 0x8080_8080_8080_8080 != 0 { flags |= TapeEntry.nonASCII }
                return flags
            }
            if byte == UInt8(ascii: "\\") {
                flags |= TapeEntry.escaped
                try scanEscape()
                continue
            }
            if byte < 0x20 { throw error("unescaped control character in string") }
            high |= UInt64(byte)
            index &+= 1
        }
    }

    /// Validates one escape at the backslash under `index`.
    private mutating func scanEscape() throws(JSONParseError) {
        index += 1
        guard index < count else { throw error("unterminated string", at: count) }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            // A surrogate pair is two escapes that each need four hex digits: validating each
            // on its own reports the same first error as decoding the pair would.
            guard index + 4 <= count else { throw error("incomplete \\u escape") }
            for _ in 0..<4 {
                guard Self.hexValue(bytes[index]) != nil else {
                    throw error("invalid hex digit \(Self.describe(bytes[index])) in \\u escape")
                }
                index += 1
            }
        default:
            index -= 1
            throw error("invalid escape \\\(Self.describe(escape)) in string")
        }
    }

    @inline(__always)
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte | 0x20 == UInt8(ascii: "e") || byte == UInt8(ascii: "+")
    }

    /// Scans the longest run of number bytes and checks it is one RFC 8259 number literal.
    @inline(__always)
    private mutating func scanNumber() throws(JSONParseError) {
        let start = index
        var end = index
        while end < count, Self.isNumberByte(bytes[end]) { end &+= 1 }
        guard Self.isValidNumber(bytes + start, count: end - start) else {
            let literal = String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
            throw error("invalid number \(literal)")
        }
        index = end
    }

    @inline(__always)
    private static func isValidNumber(_ text: UnsafePointer<UInt8>, count: Int) -> Bool {
        var position = 0
        @inline(__always) func digits() -> Int {
            let first = position
            while position < count, text[position] &- UInt8(ascii: "0") < 10 { position &+= 1 }
            return position - first
        }
        if position < count, text[position] == UInt8(ascii: "-") { position += 1 }
        guard position < count else { return false }
        if text[position] == UInt8(ascii: "0") {
            position += 1
        } else if digits() == 0 {
            return false
        }
        if position == count { return true }
        if text[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { return false }
        }
        if position < count, text[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < count, text[position] == UInt8(ascii: "+") || text[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { return false }
        }
        return position == count
    }

    /// Checks the literal whose first four bytes, read as a little-endian word (every platform Swift
    /// on Linux and macOS runs on), are `head`; `false` also needs its fifth byte, `e`.
    @inline(__always)
    private mutating func expectLiteral(_ head: UInt32, length: Int, _ literal: StaticString) throws(JSONParseError) {
        guard index + length <= count,
              UnsafeRawPointer(bytes).loadUnaligned(fromByteOffset: index, as: UInt32.self) == head,
              length == 4 || bytes[index + 4] == UInt8(ascii: "e")
        else { throw error("invalid literal, expected \(literal)") }
        index += length
    }

    /// Skips spaces, tabs, carriage returns and newlines. Indentation is skipped a machine word
    /// at a time: snapshots are pretty-printed, and their indentation is most of their bytes.
    @inline(__always)
    private mutating func skipWhitespace() {
        let raw = UnsafeRawPointer(bytes)
        var position = index
        while position &+ 8 <= count {
            let spaces = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self) ^ 0x2020_2020_2020_2020
            if spaces == 0 { position &+= 8; continue }
            position &+= spaces.trailingZeroBitCount >> 3
            let byte = bytes[position]
            guard byte == 0x0A || byte == 0x09 || byte == 0x0D else { index = position; return }
            position &+= 1
        }
        while position < count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D else { break }
            position &+= 1
        }
        index = position
    }

    // MARK: - Recording

    @inline(__always) @discardableResult
    private mutating func append(_ kind: TapeEntry.RawKind, flags: UInt8, start: Int, end: Int) -> Int {
        if entryCount == entryCapacity { growEntries() }
        let position = entryCount
        entries[position] = TapeEntry(
            start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: end),
            next: UInt32(truncatingIfNeeded: position + 1), lines: 1, kind: kind, flags: flags)
        entryCount = position + 1
        return position
    }

    @inline(__always)
    private mutating func finish(_ node: Int, end: Int, lines: UInt32, opaque: Bool) {
        entries[node].end = UInt32(truncatingIfNeeded: end)
        entries[node].next = UInt32(truncatingIfNeeded: entryCount)
        entries[node].lines = lines
        if opaque { entries[node].flags |= TapeEntry.opaque }
    }

    @inline(never)
    private mutating func growEntries() {
        entryCapacity *= 2
        entries = realloc(entries, entryCapacity * MemoryLayout<TapeEntry>.stride)!.assumingMemoryBound(to: TapeEntry.self)
        Self.adviseHugePages(entries, byteCount: entryCapacity * MemoryLayout<TapeEntry>.stride)
    }

    /// Asks for transparent huge pages on a large tape (Linux): a 70 MB tape is otherwise
    /// ~17,000 page faults, a fifth of the scan's time.
    private static func adviseHugePages(_ block: UnsafeMutablePointer<TapeEntry>, byteCount: Int) {
        #if os(Linux)
        let hugePage = 2 << 20
        guard byteCount >= 2 * hugePage else { return }
        let start = (Int(bitPattern: block) + hugePage - 1) / hugePage * hugePage
        let end = (Int(bitPattern: block) + byteCount) / hugePage * hugePage
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, Int32(MADV_HUGEPAGE))
        #endif
    }

    @inline(__always)
    private mutating func pushKey(_ slot: KeySlot) {
        if keyCount == keyCapacity {
            keyCapacity *= 2
            keys = realloc(keys, keyCapacity * MemoryLayout<KeySlot>.stride)!.assumingMemoryBound(to: KeySlot.self)
        }
        keys[keyCount] = slot
        keyCount += 1
    }

    @inline(never)
    private mutating func releasePages() {
        releaser?.releaseResidentPages(below: index)
        nextRelease = index + Self.releaseStride
    }

    // MARK: - Errors

    static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    @inline(never)
    private func error(_ reason: String) -> JSONParseError { error(reason, at: index) }

    /// Builds an error at byte `position`, counting lines only when one is thrown.
    @inline(never)
    private func error(_ reason: String, at position: Int) -> JSONParseError {
        var line = 1
        var lineStart = 0
        let end = min(position, count)
        for offset in 0..<end where bytes[offset] == 0x0A {
            line += 1
            lineStart = offset + 1
        }
        return JSONParseError(line: line, column: end - lineStart + 1, reason: reason)
    }

    // MARK: - Decoding (shared with the tape's accessors)

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The text of a validated string's contents (between the quotes). Escapes are decoded; a
    /// UTF-16 surrogate pair is joined and a lone surrogate becomes U+FFFD; bytes that are not
    /// UTF-8 become U+FFFD.
    static func decodeString(_ text: UnsafePointer<UInt8>, count: Int, escaped: Bool) -> String {
        guard escaped else { return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(count)
        var position = 0
        func hex4() -> UInt32 {
            var value: UInt32 = 0
            for offset in 0..<4 { value = value * 16 + (hexValue(text[position + offset]) ?? 0) }
            position += 4
            return value
        }
        while position < count {
            let byte = text[position]
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                position += 1
                continue
            }
            let escape = text[position + 1]
            position += 2
            switch escape {
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                let high = hex4()
                var scalar = Unicode.Scalar(high) ?? "\u{FFFD}"
                if (0xD800...0xDBFF).contains(high) {
                    scalar = "\u{FFFD}"
                    if position + 6 <= count, text[position] == UInt8(ascii: "\\"), text[position + 1] == UInt8(ascii: "u") {
                        let saved = position
                        position += 2
                        let low = hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
                        } else {
                            position = saved
                        }
                    }
                }
                UTF8.encode(scalar) { decoded.append($0) }
            default: decoded.append(escape)   // `"`, `\` and `/` stand for themselves
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
