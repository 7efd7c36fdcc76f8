/// A backtracking matcher for ASCII text over the regex subset the review patterns are written
/// in, giving exactly the matches Swift's `Regex` gives on such text, at a small fraction of its
/// cost: Swift's regex parser spends 4–6 million instructions on one review pattern and its
/// engine ~7 million on one short text, which made a quarter of an `accord diff` of two small
/// snapshots (docs/performance-startup.md). ``ReviewRegex`` uses it for ASCII text without a
/// carriage return and Swift's `Regex` for everything else.
///
/// What it shares with Swift's `Regex` (checked against it by ReviewRegexTests on every review
/// pattern): ordered alternation and greedy or lazy quantifiers tried in the same order, so the
/// first match found is the same; `\b` at Unicode default word boundaries (UAX #29, which
/// ``isWordBoundary(at:)`` implements for ASCII: `don't`, `a.b`, `a:b` and `x_1` are single
/// words), always true at the ends of the text; `\s` as Unicode white space (tab to carriage
/// return, space); successive matches searched from the end of the previous one.
///
///     let regex = try ASCIIRegex(#"\b(ignore|forget)\s(previous|prior)\b"#)
///     regex.firstMatch(in: Array("please ignore prior notes".utf8), from: 0)   // .found(7..<19)
struct ASCIIRegex: Sendable {
    /// One node of the parsed pattern. The pattern is a flat program — nodes refer to their
    /// children by index into ``children`` — so matching touches no reference count. Sets hold
    /// bytes below 0x80; a repeated node never matches empty (the parser refuses one that could).
    struct Node: Sendable {
        enum Kind: UInt8, Sendable {
            case byte, sequence, alternation, repetition, wordBoundary, textStart, negativeLookahead
        }

        var kind: Kind
        /// The bytes a `byte` node matches.
        var set = ASCIISet()
        /// The children (sequence, alternation) or the one child (repetition, look-ahead), as a
        /// range of ``ASCIIRegex/children``.
        var childStart: Int32 = 0, childCount: Int32 = 0
        /// A repetition's bounds (`maximum` -1: unbounded) and whether it is lazy.
        var minimum: Int32 = 0, maximum: Int32 = 0
        var lazy = false
    }

    let nodes: [Node]
    let children: [Int32]
    let root: Int32
    /// The bytes a match can begin with, or `nil` when a match may consume nothing: start
    /// positions holding another byte are skipped without trying the pattern.
    let firstBytes: ASCIISet?

    init(_ source: String, ignoresCase: Bool = false) throws(ASCIIRegexSyntax.Unsupported) {
        (nodes, children, root) = try ASCIIRegexSyntax.parse(source, ignoresCase: ignoresCase)
        let first = Self.first(root, nodes, children)
        firstBytes = first.matchesEmpty ? nil : first.bytes
    }

    /// What a search found: a match (byte offsets into the text), none, or — when backtracking
    /// nested deeper than ``Matcher/depthLimit`` — no answer, for Swift's `Regex` to give.
    enum Search: Equatable {
        case found(Range<Int>)
        case none
        case tooDeep
    }

    /// The first match starting at or after `start`.
    func firstMatch(in text: [UInt8], from start: Int) -> Search {
        text.withUnsafeBufferPointer { bytes in
            nodes.withUnsafeBufferPointer { nodes in
                children.withUnsafeBufferPointer { children in
                    var progress = Matcher.Progress()
                    return withUnsafeMutablePointer(to: &progress) { progress in
                        search(Matcher(text: bytes, nodes: nodes, children: children, progress: progress), from: start)
                    }
                }
            }
        }
    }

    /// Tries each start position from `start` on, skipping those no match can begin at.
    private func search(_ matcher: Matcher, from start: Int) -> Search {
        let bytes = matcher.text
        var position = start
        while position <= bytes.count {
            if let firstBytes {
                while position < bytes.count, !firstBytes.contains(bytes[position]) { position += 1 }
                if position == bytes.count { return .none }
            }
            var end = -1
            let matched = matcher.match(root, at: position) { ending in
                guard !matcher.gaveUp else { return false }
                end = ending
                return true
            }
            if matcher.gaveUp { return .tooDeep }
            if matched { return .found(position..<end) }
            position += 1
        }
        return .none
    }

    /// Every match, each searched from the end of the one before (one byte further after an
    /// empty match), as `String.matches(of:)` lists them; `nil` when a search went too deep.
    func matches(in text: [UInt8]) -> [Range<Int>]? {
        var found: [Range<Int>] = []
        var start = 0
        while start <= text.count {
            switch firstMatch(in: text, from: start) {
            case .found(let match):
                found.append(match)
                start = match.isEmpty ? match.upperBound + 1 : match.upperBound
            case .none:
                return found
            case .tooDeep:
                return nil
            }
        }
        return found
    }

    /// The bytes a match of `index` can begin with, and whether it can match empty (the parser
    /// asks this too, to refuse a quantifier on what may match nothing).
    static func first(_ index: Int32, _ nodes: [Node], _ children: [Int32]) -> (bytes: ASCIISet, matchesEmpty: Bool) {
        let node = nodes[Int(index)]
        let own = children[Int(node.childStart)..<Int(node.childStart + node.childCount)]
        switch node.kind {
        case .byte:
            return (node.set, false)
        case .sequence:
            var bytes = ASCIISet()
            for child in own {
                let first = first(child, nodes, children)
                bytes.formUnion(first.bytes)
                if !first.matchesEmpty { return (bytes, false) }
            }
            return (bytes, true)
        case .alternation:
            var bytes = ASCIISet(), empty = false
            for child in own {
                let first = first(child, nodes, children)
                bytes.formUnion(first.bytes)
                empty = empty || first.matchesEmpty
            }
            return (bytes, empty)
        case .repetition:
            let first = first(own.first!, nodes, children)
            return (first.bytes, first.matchesEmpty || node.minimum == 0)
        case .wordBoundary, .textStart, .negativeLookahead:
            return (ASCIISet(), true)
        }
    }

    /// One search over one text. Backtracking recurses once per node it enters, so a text can
    /// drive it as deep as it is long (`((the|a)\s)*` over "the the the …"); past
    /// ``depthLimit`` nested calls it gives up rather than exhaust the thread's stack. A run of
    /// one byte class (`\S+`, `[a-z0-9-]+`) is matched in a loop, at no depth.
    private struct Matcher {
        /// ~100 levels cover a match of the longest review phrase; a few hundred bytes of stack
        /// each keeps the deepest search far inside a thread's stack.
        static let depthLimit = 2_000

        /// The search's mutable state, behind a pointer so that the matcher stays a plain
        /// value: no reference counting or exclusivity checks on the hot path.
        struct Progress {
            var depth = 0
            var gaveUp = false
        }

        let text: UnsafeBufferPointer<UInt8>
        let nodes: UnsafeBufferPointer<Node>
        let children: UnsafeBufferPointer<Int32>
        let progress: UnsafeMutablePointer<Progress>

        var gaveUp: Bool { progress.pointee.gaveUp }

        /// Whether node `index` matches at `position` with a continuation `then` that accepts
        /// where it ended: the backtracking order is the order in which ends are offered to `then`.
        func match(_ index: Int32, at position: Int, then: (Int) -> Bool) -> Bool {
            guard !progress.pointee.gaveUp else { return false }
            progress.pointee.depth += 1
            defer { progress.pointee.depth -= 1 }
            guard progress.pointee.depth <= Self.depthLimit else {
                progress.pointee.gaveUp = true
                return false
            }
            let node = nodes[Int(index)]
            switch node.kind {
            case .byte:
                return position < text.count && node.set.contains(text[position]) && then(position + 1)
            case .sequence:
                return sequence(node, from: 0, at: position, then: then)
            case .alternation:
                for offset in 0..<node.childCount where match(children[Int(node.childStart + offset)], at: position, then: then) { return true }
                return false
            case .repetition:
                let child = nodes[Int(children[Int(node.childStart)])]
                if child.kind == .byte { return run(of: child.set, node, at: position, then: then) }
                return repetition(node, count: 0, at: position, then: then)
            case .wordBoundary:
                return isWordBoundary(at: position) && then(position)
            case .textStart:
                return position == 0 && then(position)
            case .negativeLookahead:
                return !match(children[Int(node.childStart)], at: position, then: { _ in true }) && then(position)
            }
        }

        private func sequence(_ node: Node, from offset: Int32, at position: Int, then: (Int) -> Bool) -> Bool {
            guard offset < node.childCount else { return then(position) }
            return match(children[Int(node.childStart + offset)], at: position) { sequence(node, from: offset + 1, at: $0, then: then) }
        }

        private func repetition(_ node: Node, count: Int32, at position: Int, then: (Int) -> Bool) -> Bool {
            func more() -> Bool {
                if node.maximum >= 0, count >= node.maximum { return false }
                return match(children[Int(node.childStart)], at: position) { repetition(node, count: count + 1, at: $0, then: then) }
            }
            if count < node.minimum { return more() }
            return node.lazy ? then(position) || more() : more() || then(position)
        }

        /// A repetition of one byte class: the longest run first (greedy) or the shortest
        /// (lazy), as ``repetition(_:count:at:then:)`` would offer them.
        private func run(of set: ASCIISet, _ node: Node, at position: Int, then: (Int) -> Bool) -> Bool {
            let room = text.count - position
            let limit = node.maximum >= 0 ? min(room, Int(node.maximum)) : room
            var length = 0
            while length < limit, set.contains(text[position + length]) { length += 1 }
            let minimum = Int(node.minimum)
            guard length >= minimum else { return false }
            if node.lazy {
                for count in minimum...length where then(position + count) { return true }
            } else {
                for count in stride(from: length, through: minimum, by: -1) where then(position + count) { return true }
            }
            return false
        }

        /// UAX #29 word boundaries, for ASCII text: the rules WB3–WB13b that have ASCII members
        /// (letters, digits, `_`; `:` joins letters; `.` and `'` join letters or digits; `,` and
        /// `;` join digits; spaces stay together; CR LF is one).
        func isWordBoundary(at position: Int) -> Bool {
            guard position > 0, position < text.count else { return true }
            let left = WordBreak(text[position - 1]), right = WordBreak(text[position])
            let beforeLeft = position >= 2 ? WordBreak(text[position - 2]) : .other
            let afterRight = position + 1 < text.count ? WordBreak(text[position + 1]) : .other
            switch (left, right) {
            case (.carriageReturn, .lineFeed): return false                               // WB3
            case (.carriageReturn, _), (.lineFeed, _), (.newline, _),
                 (_, .carriageReturn), (_, .lineFeed), (_, .newline): return true         // WB3a, WB3b
            case (.space, .space): return false                                           // WB3d
            case (.letter, .letter), (.digit, .digit), (.letter, .digit), (.digit, .letter): return false  // WB5, WB8–WB10
            case (.letter, .midLetter), (.letter, .midNumberLetter):                      // WB6
                return afterRight != .letter
            case (.midLetter, .letter), (.midNumberLetter, .letter):                      // WB7
                return beforeLeft != .letter
            case (.digit, .midNumber), (.digit, .midNumberLetter):                        // WB12
                return afterRight != .digit
            case (.midNumber, .digit), (.midNumberLetter, .digit):                        // WB11
                return beforeLeft != .digit
            case (.letter, .underscore), (.digit, .underscore), (.underscore, .underscore),
                 (.underscore, .letter), (.underscore, .digit): return false              // WB13a, WB13b
            default: return true                                                          // WB999
            }
        }
    }

    /// The UAX #29 word-break classes of the ASCII characters.
    private enum WordBreak {
        case carriageReturn, lineFeed, newline, space, letter, digit, underscore
        /// `:` (MidLetter), `.` and `'` (MidNumLet, Single_Quote), `,` and `;` (MidNum).
        case midLetter, midNumberLetter, midNumber
        case other

        init(_ byte: UInt8) {
            switch byte {
            case 0x0D: self = .carriageReturn
            case 0x0A: self = .lineFeed
            case 0x0B, 0x0C: self = .newline
            case 0x20: self = .space
            case 0x41...0x5A, 0x61...0x7A: self = .letter
            case 0x30...0x39: self = .digit
            case 0x5F: self = .underscore
            case 0x3A: self = .midLetter
            case 0x2E, 0x27: self = .midNumberLetter
            case 0x2C, 0x3B: self = .midNumber
            default: self = .other
            }
        }
    }
}

/// A set of ASCII bytes, as two 64-bit masks.
struct ASCIISet: Sendable, Equatable {
    private var low: UInt64 = 0, high: UInt64 = 0

    init() {}

    init(_ bytes: UInt8...) {
        for byte in bytes { insert(byte) }
    }

    /// Unicode white space within ASCII: tab, line feed, vertical tab, form feed, carriage
    /// return and space (what `\s` and `Character.isWhitespace` match there).
    static let whitespace = ASCIISet(0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20)

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    mutating func formUnion(_ other: ASCIISet) {
        low |= other.low
        high |= other.high
    }

    /// Every ASCII byte not in the set.
    var inverted: ASCIISet {
        var set = ASCIISet()
        set.low = ~low
        set.high = ~high
        return set
    }

    /// The set with each letter's other case added.
    var caseInsensitive: ASCIISet {
        var set = self
        for byte in UInt8(0x41)...0x5A where contains(byte) || contains(byte + 0x20) {
            set.insert(byte)
            set.insert(byte + 0x20)
        }
        return set
    }
}
