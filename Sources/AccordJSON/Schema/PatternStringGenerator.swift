/// Produces strings that match a regular expression, for the instance generator.
///
/// Supports the part of ECMA-262 that schemas in the wild use for identifiers, codes and
/// versions: literals and escapes, `.`, classes (`[a-z0-9_]`, `[^...]`, `\d \w \s` and their
/// negations), groups (`(...)`, `(?:...)`, named), alternation, the quantifiers `* + ? {n} {n,}
/// {n,m}` (greedy or lazy) and the anchors `^ $ \b`. Lookarounds are skipped (the validator
/// rejects the strings that miss them, and the caller retries); backreferences and inline flags
/// are not supported: `init` returns `nil` and the caller falls back to trying candidate strings.
/// Whatever this produces is still checked by the validator, so an approximation here can
/// only cost a retry, never a wrong instance.
///
/// Public for `accord mock`, which turns a contract's `$regex` into a reply value:
///
/// ```swift
/// PatternStringGenerator(pattern: "^RCPT-[0-9]+$")?.generate(seed: 1)   // e.g. "RCPT-4071"
/// ```
public struct PatternStringGenerator: Sendable {
    indirect enum Node: Sendable {
        case literal(Unicode.Scalar)
        case set(ScalarSet)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, minimum: Int, maximum: Int?)
        case assertion
    }

    /// A set of scalars as ranges, possibly negated.
    struct ScalarSet: Sendable {
        var ranges: [ClosedRange<UInt32>]
        var negated: Bool

        static let digits = ScalarSet(ranges: [0x30...0x39], negated: false)
        static let word = ScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A], negated: false)
        static let space = ScalarSet(ranges: [0x20...0x20, 0x09...0x0D, 0xA0...0xA0], negated: false)
        static let anyButNewline = ScalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029], negated: true)

        func contains(_ scalar: UInt32) -> Bool { ranges.contains { $0.contains(scalar) } != negated }
    }

    private let root: Node

    public init?(pattern: String) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        guard let node = parser.parseAlternation(), parser.index == parser.scalars.count else { return nil }
        root = node
    }

    /// A string matching the whole pattern, the same for the same seed (check it with the real
    /// regular expression: lookarounds are skipped).
    public func generate(seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        return generate(using: &random)
    }

    /// A string matching the whole pattern; unbounded repetitions stay short.
    func generate(using random: inout SplitMix64) -> String {
        var output = String.UnicodeScalarView()
        emit(root, into: &output, random: &random)
        return String(output)
    }

    /// Printable candidates for negated classes and `.`: mostly ASCII, a few beyond.
    private static let pool: [UInt32] = Array(0x20...0x7E) + [0xE9, 0xFC, 0x3A9, 0x4E2D, 0x1F600]

    private func emit(_ node: Node, into output: inout String.UnicodeScalarView, random: inout SplitMix64) {
        // Nested counted repetitions (`(a{1000}){1000}`) must not build megabytes.
        guard output.count < 4096 else { return }
        switch node {
        case .literal(let scalar):
            output.append(scalar)
        case .set(let set):
            if set.negated {
                let candidates = Self.pool.filter(set.contains)
                if let value = random.element(of: candidates), let scalar = Unicode.Scalar(value) { output.append(scalar) }
            } else if let range = random.element(of: set.ranges) {
                let value = UInt32(random.int(in: Int(range.lowerBound)...Int(range.upperBound)))
                if let scalar = Unicode.Scalar(value) { output.append(scalar) }
            }
        case .sequence(let nodes):
            for child in nodes { emit(child, into: &output, random: &random) }
        case .alternation(let nodes):
            if let choice = random.element(of: nodes) { emit(choice, into: &output, random: &random) }
        case .repetition(let child, let minimum, let maximum):
            let upper = min(maximum ?? (minimum + 3), minimum + 6)
            for _ in 0..<random.int(in: minimum...max(minimum, upper)) { emit(child, into: &output, random: &random) }
        case .assertion:
            break
        }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func parseAlternation() -> Node? {
            var branches: [Node] = []
            repeat {
                if current == "|" { index += 1 }
                guard let branch = parseSequence() else { return nil }
                branches.append(branch)
            } while current == "|"
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        private mutating func parseSequence() -> Node? {
            var nodes: [Node] = []
            while let scalar = current, scalar != "|", scalar != ")" {
                guard let atom = parseAtom() else { return nil }
                guard let quantified = parseQuantifier(atom) else { return nil }
                nodes.append(quantified)
            }
            return .sequence(nodes)
        }

        private mutating func parseAtom() -> Node? {
            guard let scalar = current else { return nil }
            index += 1
            switch scalar {
            case "^", "$": return .assertion
            case ".": return .set(.anyButNewline)
            case "(":
                if current == "?" {
                    index += 1
                    var lookaround = false
                    if current == ":" {
                        index += 1
                    } else if current == "=" || current == "!" {
                        index += 1
                        lookaround = true
                    } else if current == "<", index + 1 < scalars.count, scalars[index + 1] == "=" || scalars[index + 1] == "!" {
                        index += 2
                        lookaround = true
                    } else if current == "<" {
                        while let next = current, next != ">" { index += 1 }
                        index += 1
                    } else {
                        return nil  // inline flags are not generated
                    }
                    if lookaround {
                        // Generated without the assertion; the validator rejects the misses.
                        guard parseAlternation() != nil, current == ")" else { return nil }
                        index += 1
                        return .assertion
                    }
                }
                guard let inner = parseAlternation(), current == ")" else { return nil }
                index += 1
                return inner
            case "[": return parseClass()
            case "\\": return parseEscape(inClass: false)
            case "*", "+", "?", ")": return nil
            case "{":
                // A brace that does not start a quantifier is a literal in ECMA-262.
                return .literal(scalar)
            default: return .literal(scalar)
            }
        }

        private mutating func parseEscape(inClass: Bool) -> Node? {
            guard let scalar = current else { return nil }
            index += 1
            switch scalar {
            case "d": return .set(.digits)
            case "D": return .set(ScalarSet(ranges: ScalarSet.digits.ranges, negated: true))
            case "w": return .set(.word)
            case "W": return .set(ScalarSet(ranges: ScalarSet.word.ranges, negated: true))
            case "s": return .set(.space)
            case "S": return .set(ScalarSet(ranges: ScalarSet.space.ranges, negated: true))
            case "b": return inClass ? .literal("\u{08}") : .assertion
            case "B": return inClass ? nil : .assertion
            case "n": return .literal("\n")
            case "t": return .literal("\t")
            case "r": return .literal("\r")
            case "f": return .literal("\u{0C}")
            case "v": return .literal("\u{0B}")
            case "0": return .literal("\u{0}")
            case "x": return hexScalar(digits: 2)
            case "u":
                if current == "{" {
                    index += 1
                    var value: UInt32 = 0
                    while let digit = current, let nibble = UInt32(String(digit), radix: 16) {
                        value = value * 16 + nibble
                        index += 1
                    }
                    guard current == "}", let result = Unicode.Scalar(value) else { return nil }
                    index += 1
                    return .literal(result)
                }
                return hexScalar(digits: 4)
            case "1"..."9", "k", "p", "P", "c": return nil  // backreferences, properties, controls
            default: return .literal(scalar)
            }
        }

        private mutating func hexScalar(digits: Int) -> Node? {
            guard index + digits <= scalars.count,
                  let value = UInt32(String(String.UnicodeScalarView(scalars[index..<(index + digits)])), radix: 16),
                  let scalar = Unicode.Scalar(value) else { return nil }
            index += digits
            return .literal(scalar)
        }

        private mutating func parseClass() -> Node? {
            var set = ScalarSet(ranges: [], negated: false)
            if current == "^" { set.negated = true; index += 1 }
            while let scalar = current, scalar != "]" {
                index += 1
                var low: UInt32
                if scalar == "\\" {
                    guard let escaped = parseEscape(inClass: true) else { return nil }
                    switch escaped {
                    case .literal(let literal): low = literal.value
                    case .set(let inner) where !inner.negated: set.ranges += inner.ranges; continue
                    default: return nil  // negated classes inside classes are not generated
                    }
                } else {
                    low = scalar.value
                }
                if current == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                    index += 1
                    guard let highScalar = current else { return nil }
                    index += 1
                    var high = highScalar.value
                    if highScalar == "\\" {
                        guard case .literal(let literal)? = parseEscape(inClass: true) else { return nil }
                        high = literal.value
                    }
                    guard low <= high else { return nil }
                    set.ranges.append(low...high)
                } else {
                    set.ranges.append(low...low)
                }
            }
            guard current == "]" else { return nil }
            index += 1
            if set.ranges.isEmpty && !set.negated { return nil }
            if set.ranges.isEmpty { return .set(ScalarSet(ranges: [0x20...0x7E], negated: false)) }
            return .set(set)
        }

        private mutating func parseQuantifier(_ atom: Node) -> Node? {
            var node = atom
            guard let scalar = current else { return node }
            switch scalar {
            case "*": index += 1; node = .repetition(atom, minimum: 0, maximum: nil)
            case "+": index += 1; node = .repetition(atom, minimum: 1, maximum: nil)
            case "?": index += 1; node = .repetition(atom, minimum: 0, maximum: 1)
            case "{":
                let saved = index
                index += 1
                var minimum = 0
                var sawDigit = false
                while let digit = current, digit.isASCII, let value = Int(String(digit)) {
                    minimum = min(minimum * 10 + value, 1000); sawDigit = true; index += 1
                }
                var maximum: Int? = minimum
                if current == "," {
                    index += 1
                    maximum = nil
                    var upper = 0
                    var sawUpper = false
                    while let digit = current, digit.isASCII, let value = Int(String(digit)) {
                        upper = min(upper * 10 + value, 1000); sawUpper = true; index += 1
                    }
                    if sawUpper { maximum = upper }
                }
                guard sawDigit, current == "}" else {
                    // Not a quantifier: `{` is a literal.
                    index = saved
                    return node
                }
                index += 1
                if let maximum, maximum < minimum { return nil }
                node = .repetition(atom, minimum: minimum, maximum: maximum)
            default:
                return node
            }
            if current == "?" { index += 1 }  // lazy: the same strings match
            if let next = current, next == "*" || next == "+" || next == "?" || next == "{" {
                if next == "{" { return node }
                return nil
            }
            return node
        }
    }
}
