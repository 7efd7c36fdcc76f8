/// One regex of the review rules: matched by ``ASCIIRegex`` on ASCII text without a carriage
/// return (nearly every tool description), by Swift's `Regex` — compiled on first use,
/// ``LazyRegex`` — on any other text, and on a text that would drive the ASCII matcher's
/// backtracking too deep; the matches are the same either way. A source outside
/// ``ASCIIRegexSyntax`` always uses Swift's `Regex`.
///
///     let cue = ReviewRegex(#"\b(always|never)\b"#)
///     cue.isFound(in: "always call this first")                    // true
///     cue.matches(in: "never, always").map { "never, always"[$0] }  // ["never", "always"]
struct ReviewRegex: Sendable {
    private let ascii: ASCIIRegex?
    private let fallback: LazyRegex

    init(_ source: String, ignoresCase: Bool = false) {
        ascii = try? ASCIIRegex(source, ignoresCase: ignoresCase)
        fallback = LazyRegex(source, ignoresCase: ignoresCase)
    }

    /// Whether the fast matcher serves ASCII text (a test checks it does for every review regex).
    var hasASCIIMatcher: Bool { ascii != nil }

    /// The successive non-overlapping matches, as `text.matches(of:)` gives them; none when the
    /// source is not a valid regex.
    func matches(in text: String) -> [Range<String.Index>] {
        if let ascii, let bytes = Self.asciiBytes(of: text), let found = ascii.matches(in: bytes) {
            let utf8 = text.utf8
            return found.map { match in
                utf8.index(utf8.startIndex, offsetBy: match.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: match.upperBound)
            }
        }
        guard let regex = fallback.regex else { return [] }
        return text.matches(of: regex).map(\.range)
    }

    /// Whether `text` holds a match.
    func isFound(in text: String) -> Bool {
        if let ascii, let bytes = Self.asciiBytes(of: text) {
            switch ascii.firstMatch(in: bytes, from: 0) {
            case .found: return true
            case .none: return false
            case .tooDeep: break
            }
        }
        guard let regex = fallback.regex else { return false }
        return text.contains(regex)
    }

    /// The bytes of `text` when each is one character for Swift's `Regex` too: ASCII, and no
    /// carriage return (CR LF is one character).
    private static func asciiBytes(of text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        return bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) ? bytes : nil
    }
}
