/// The regex syntax ``ASCIIRegex`` reads — the part of Swift's regex syntax the review patterns
/// use — and nothing more: a pattern outside it is ``Unsupported`` and ``ReviewRegex`` keeps
/// Swift's `Regex` for it.
///
/// - literals (ASCII), `\` before any punctuation, `\s`, `\S`, `\b`, `^` (start of text);
/// - classes `[abc]`, `[^a-z0-9-]`, holding literals, ranges, `\s` and escaped punctuation;
/// - groups `( )`, `(?: )`, negative look-ahead `(?! )`, alternation `|`;
/// - quantifiers `?`, `*`, `+`, `{m}`, `{m,}`, `{m,n}`, each optionally lazy (`?` after it), on
///   a node that cannot match the empty string.
enum ASCIIRegexSyntax {
    /// The pattern uses syntax outside the subset (the reason, for tests).
    struct Unsupported: Error, Equatable {
        var reason: String
    }

    /// The flat program of `source`: its nodes, their child lists and the root's index.
    static func parse(_ source: String, ignoresCase: Bool) throws(Unsupported) -> (nodes: [ASCIIRegex.Node], children: [Int32], root: Int32) {
        var parser = Parser(bytes: Array(source.utf8), ignoresCase: ignoresCase)
        let root = try parser.alternation()
        guard parser.position == parser.bytes.count else { throw Unsupported(reason: "unbalanced ) at \(parser.position)") }
        return (parser.nodes, parser.children, root)
    }

    private struct Parser {
        let bytes: [UInt8]
        let ignoresCase: Bool
        var position = 0
        var nodes: [ASCIIRegex.Node] = []
        var children: [Int32] = []

        init(bytes: [UInt8], ignoresCase: Bool) {
            self.bytes = bytes
            self.ignoresCase = ignoresCase
        }

        private mutating func add(_ node: ASCIIRegex.Node) -> Int32 {
            nodes.append(node)
            return Int32(nodes.count - 1)
        }

        /// A node of `kind` over `members` (one node alone stands for its sequence or alternation).
        private mutating func add(_ kind: ASCIIRegex.Node.Kind, _ members: [Int32]) -> Int32 {
            if members.count == 1, kind == .sequence || kind == .alternation { return members[0] }
            let start = Int32(children.count)
            children += members
            return add(ASCIIRegex.Node(kind: kind, childStart: start, childCount: Int32(members.count)))
        }

        private mutating func byte(_ set: ASCIISet) -> Int32 { add(ASCIIRegex.Node(kind: .byte, set: set)) }

        private var next: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func alternation() throws(Unsupported) -> Int32 {
            var branches = [try sequence()]
            while next == UInt8(ascii: "|") {
                position += 1
                branches.append(try sequence())
            }
            return add(.alternation, branches)
        }

        private mutating func sequence() throws(Unsupported) -> Int32 {
            var members: [Int32] = []
            while let byte = next, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
                members.append(try quantified(try atom()))
            }
            return add(.sequence, members)
        }

        private mutating func atom() throws(Unsupported) -> Int32 {
            guard let byte = next else { throw Unsupported(reason: "pattern ends early") }
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                var lookahead = false
                if next == UInt8(ascii: "?") {
                    guard position + 1 < bytes.count else { throw Unsupported(reason: "pattern ends in a group") }
                    switch bytes[position + 1] {
                    case UInt8(ascii: ":"): break
                    case UInt8(ascii: "!"): lookahead = true
                    default: throw Unsupported(reason: "group kind (?\(Character(Unicode.Scalar(bytes[position + 1])))")
                    }
                    position += 2
                }
                let inner = try alternation()
                guard next == UInt8(ascii: ")") else { throw Unsupported(reason: "unclosed group") }
                position += 1
                return lookahead ? add(.negativeLookahead, [inner]) : inner
            case UInt8(ascii: "["):
                return self.byte(try characterClass())
            case UInt8(ascii: "\\"):
                guard let escaped = next else { throw Unsupported(reason: "pattern ends in \\") }
                position += 1
                switch escaped {
                case UInt8(ascii: "b"): return add(ASCIIRegex.Node(kind: .wordBoundary))
                case UInt8(ascii: "s"): return self.byte(.whitespace)
                case UInt8(ascii: "S"): return self.byte(ASCIISet.whitespace.inverted)
                default: return self.byte(try literal(escapedPunctuation(escaped)))
                }
            case UInt8(ascii: "^"):
                return add(ASCIIRegex.Node(kind: .textStart))
            case UInt8(ascii: "."), UInt8(ascii: "$"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                throw Unsupported(reason: "\(Character(Unicode.Scalar(byte))) at \(position - 1)")
            default:
                return self.byte(try literal(byte))
            }
        }

        private mutating func quantified(_ node: Int32) throws(Unsupported) -> Int32 {
            let bounds: (min: Int, max: Int?)
            switch next {
            case UInt8(ascii: "?"): bounds = (0, 1); position += 1
            case UInt8(ascii: "*"): bounds = (0, nil); position += 1
            case UInt8(ascii: "+"): bounds = (1, nil); position += 1
            case UInt8(ascii: "{"): bounds = try braces()
            default: return node
            }
            guard !ASCIIRegex.first(node, nodes, children).matchesEmpty else { throw Unsupported(reason: "a quantifier on what may match nothing") }
            var lazy = false
            if next == UInt8(ascii: "?") { lazy = true; position += 1 }
            if next == UInt8(ascii: "+") { throw Unsupported(reason: "possessive quantifier") }
            let start = Int32(children.count)
            children.append(node)
            return add(ASCIIRegex.Node(kind: .repetition, childStart: start, childCount: 1,
                                       minimum: Int32(bounds.min), maximum: bounds.max.map(Int32.init) ?? -1, lazy: lazy))
        }

        /// `{m}`, `{m,}` or `{m,n}`; leaves `position` after the `}`.
        private mutating func braces() throws(Unsupported) -> (min: Int, max: Int?) {
            position += 1
            func number() -> Int? {
                var value: Int?
                while let byte = next, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), (value ?? 0) < 10_000 {
                    value = (value ?? 0) * 10 + Int(byte - UInt8(ascii: "0"))
                    position += 1
                }
                return value
            }
            guard let min = number() else { throw Unsupported(reason: "{ without a count") }
            var max: Int? = min
            if next == UInt8(ascii: ",") {
                position += 1
                max = number()
            }
            guard next == UInt8(ascii: "}"), max.map({ $0 >= min }) ?? true else { throw Unsupported(reason: "malformed {m,n}") }
            position += 1
            return (min, max)
        }

        private mutating func characterClass() throws(Unsupported) -> ASCIISet {
            var set = ASCIISet()
            let negated = next == UInt8(ascii: "^")
            if negated { position += 1 }
            var first = true
            while true {
                guard let byte = next else { throw Unsupported(reason: "unclosed [") }
                position += 1
                if byte == UInt8(ascii: "]"), !first { break }
                // Nested classes and the set operators `&&`, `--`, `~~` are outside the subset.
                let isOperator = (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "~")) && next == byte
                guard byte != UInt8(ascii: "]"), byte != UInt8(ascii: "["), !isOperator else {
                    throw Unsupported(reason: "class syntax \(Character(Unicode.Scalar(byte)))")
                }
                first = false
                var low = byte
                if byte == UInt8(ascii: "\\") {
                    guard let escaped = next else { throw Unsupported(reason: "unclosed [") }
                    position += 1
                    if escaped == UInt8(ascii: "s") { set.formUnion(.whitespace); continue }
                    low = try escapedPunctuation(escaped)
                }
                if next == UInt8(ascii: "-"), position + 1 < bytes.count, bytes[position + 1] != UInt8(ascii: "]") {
                    position += 1
                    guard let high = next, high != UInt8(ascii: "\\"), high != UInt8(ascii: "["), high >= low else { throw Unsupported(reason: "class range") }
                    position += 1
                    for member in low...high { set.insert(try checkedASCII(member)) }
                } else {
                    set.insert(try checkedASCII(low))
                }
            }
            if ignoresCase { set = set.caseInsensitive }
            return negated ? set.inverted : set
        }

        /// The byte an escape stands for: only punctuation escapes to itself (`\d`, `\n`, `\w`
        /// and the rest mean something else, outside the subset).
        private func escapedPunctuation(_ byte: UInt8) throws(Unsupported) -> UInt8 {
            let isPunctuation = (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
            guard isPunctuation else { throw Unsupported(reason: "escape \\\(Character(Unicode.Scalar(byte)))") }
            return byte
        }

        private func checkedASCII(_ byte: UInt8) throws(Unsupported) -> UInt8 {
            guard byte < 0x80 else { throw Unsupported(reason: "a non-ASCII character") }
            return byte
        }

        private func literal(_ byte: UInt8) throws(Unsupported) -> ASCIISet {
            var set = ASCIISet()
            set.insert(try checkedASCII(byte))
            return ignoresCase ? set.caseInsensitive : set
        }
    }
}
