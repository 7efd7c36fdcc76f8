@testable import AccordEvolution
import AccordTestSupport
import Testing

/// The review's fast ASCII matcher against Swift's `Regex`, the engine it stands in for: every
/// review regex, on its examples, on hand-picked word-boundary cases and on thousands of
/// generated texts, must give the same matches at the same places, or a review finding would
/// appear, vanish or quote other text depending on which engine ran.
@Suite struct ReviewRegexTests {
    struct Source: CustomTestStringConvertible, Sendable {
        var name: String
        var pattern: String
        var ignoresCase = false
        var examples: [String] = []
        /// Matches (empty) in every text, so "some texts match, some do not" cannot hold.
        var matchesEverywhere = false
        var testDescription: String { name }
    }

    static let reviewSources: [Source] =
        InstructionPatterns.all.map { Source(name: $0.id, pattern: $0.regex, examples: $0.examples.map(ReviewNormalisation.normalise)) } + [
            Source(name: "directive-cue", pattern: TextReviewRules.directiveCuePattern,
                   examples: ["always call `send_mail` first.", "use x instead of y", "before calling it, don't", "it overrides-it"]),
            Source(name: "url", pattern: TextReviewRules.urlPattern, ignoresCase: true,
                   examples: ["See HTTPS://Example.com/a?b=1.", "www.x-y.org/z and ftp://f", "wss://h:1/p\"q"]),
        ]

    /// Patterns that exercise the word-boundary rules and the iteration on their own.
    static let boundarySources: [Source] = [
        Source(name: "word-around-letters", pattern: #"\b(a|ab|x1|_|1)\b"#),
        Source(name: "boundary-after-punctuation", pattern: #"(\.|'|:|,|;| |_|-)\b"#),
        Source(name: "boundary-before-punctuation", pattern: #"\b(\.|'|:|,|;| |_|-)"#),
        Source(name: "lazy-and-bounded", pattern: #"\b(a|b)\s(\S+\s){0,2}?(c|ab)\b|x{2,3}|y+?z|q+|w*?v"#,
               examples: ["xxx", "xxxx", "x", "yyz", "a b c", "a q r c", "a q r s c", "b 1 2 ab c", "qqq", "wwv"]),
        Source(name: "lookahead-and-start", pattern: #"(^|[\s"'])ab?\b(?!')|[^\sa-c]{2}"#),
        // Empty matches: where the next search starts after one.
        Source(name: "empty-matches", pattern: #"\b|x*|(?!a)"#, examples: ["", "x", "xx a", "a b", "ab's"], matchesEverywhere: true),
    ]

    /// Word-break classes, the review's vocabulary, and text around it.
    static let filler = [" ", " ", " ", ".", ":", "'", "_", "1", "2", ",", ";", "-", "\"", "<", ">", "/", "~", "=", "`", "(", ")", "|", "[", "]",
                         "\t", "\n", "\u{0B}", "x", "a", "b", "c", "ab", "abc", "s", "users", "user's", "://", "www.", "http", "HTTP", "Ftp",
                         "WWW.", "the", "your", "all", "of", "id_rsa", "<|", "|>", "x1", "zz"]

    static func words(of pattern: String) -> [String] {
        pattern.split(whereSeparator: { !$0.isLetter && $0 != "_" && $0 != "'" }).map(String.init).filter { $0.count >= 2 }
    }

    /// Deterministic texts built from `pattern`'s words and ``filler``.
    static func generated(for pattern: String, count: Int, seed: UInt64) -> [String] {
        var random = SeededGenerator(state: seed)
        let tokens = words(of: pattern) + filler
        return (0..<count).map { _ in
            (0..<Int(random.next() % 14 + 1)).map { _ in tokens[Int(random.next() % UInt64(tokens.count))] }.joined()
        }
    }

    static func offsets(_ ranges: [Range<String.Index>], in text: String) -> [Range<Int>] {
        ranges.map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound)..<text.utf8.distance(from: text.utf8.startIndex, to: $0.upperBound) }
    }

    static func assertSameMatches(_ source: Source, on texts: [String]) throws {
        let fast = ReviewRegex(source.pattern, ignoresCase: source.ignoresCase)
        #expect(fast.hasASCIIMatcher, "\(source.name) is outside the ASCII subset, so every text takes Swift's Regex")
        var swift = try Regex(source.pattern)
        if source.ignoresCase { swift = swift.ignoresCase() }
        var compared = 0, matched = 0
        for text in texts {
            let expected = offsets(text.matches(of: swift).map(\.range), in: text)
            let actual = offsets(fast.matches(in: text), in: text)
            #expect(actual == expected, "\(source.name) on \(text.debugDescription)")
            #expect(fast.isFound(in: text) == text.contains(swift), "\(source.name) isFound on \(text.debugDescription)")
            compared += 1
            if !expected.isEmpty { matched += 1 }
        }
        // Not vacuous: the texts hold matches as well as non-matches.
        #expect(matched > 0 && (matched < compared || source.matchesEverywhere), "\(source.name): \(matched) of \(compared) texts matched")
    }

    @Test(arguments: reviewSources + boundarySources)
    func theASCIIMatcherFindsWhatSwiftRegexFinds(_ source: Source) throws {
        let boundaryCases = ["don't", "xdon't", "don'tx", "don't's", "a.always", "x'always", "a:always", "1.always", "always_", "always's",
                             "always'", "'always'", "always.", "always.5", "a  b", "a\nb", "a\u{0B}b", "1,2", "1;a", "a;1", "a_1", "_a", "1'2"]
        try Self.assertSameMatches(source, on: source.examples + boundaryCases + Self.generated(for: source.pattern, count: 400, seed: source.name.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }))
    }

    /// A carriage return (CR LF is one character to Swift) or any non-ASCII character sends the
    /// text to Swift's `Regex`; the matches are still found, at the same places.
    @Test func textOutsideASCIIGoesToSwiftRegex() throws {
        let regex = ReviewRegex(#"\b(ignore|forget)\s(previous|prior)\b"#)
        for text in ["naïve: ignore previous", "ignore\r\nprevious, forget prior", "日本 forget prior", "e\u{301} ignore prior"] {
            let expected = Self.offsets(text.matches(of: try Regex(#"\b(ignore|forget)\s(previous|prior)\b"#)).map(\.range), in: text)
            #expect(!expected.isEmpty || text.contains("\r\n"))
            #expect(Self.offsets(regex.matches(in: text), in: text) == expected, "\(text.debugDescription)")
        }
    }

    /// A hostile description cannot exhaust the stack: a long run of one class is a loop, and a
    /// text that would drive backtracking deeper than the matcher's limit goes to Swift's
    /// `Regex`, with the same answer.
    @Test func longTextsNeitherOverflowNorChangeTheAnswer() throws {
        let ignore = try #require(InstructionPatterns.all.first { $0.id == "ignore-previous-instructions" })
        let deep = "please ignore " + String(repeating: "the ", count: 20_000) + "previous instructions now"
        let ascii = try ASCIIRegex(ignore.regex)
        #expect(ascii.firstMatch(in: Array(deep.utf8), from: 0) == .tooDeep, "not vacuous: this text must take the fallback")
        let swift = try Regex(ignore.regex)
        #expect(Self.offsets(ReviewRegex(ignore.regex).matches(in: deep), in: deep) == Self.offsets(deep.matches(of: swift).map(\.range), in: deep))
        #expect(ReviewRegex(ignore.regex).isFound(in: deep))

        let url = "see http://example.org/" + String(repeating: "a", count: 200_000) + " and www.x.org/" + String(repeating: "b", count: 200_000)
        let urlRegex = ReviewRegex(TextReviewRules.urlPattern, ignoresCase: true)
        let long = try ASCIIRegex(TextReviewRules.urlPattern, ignoresCase: true).firstMatch(in: Array(url.utf8), from: 0)
        #expect(long == .found(4..<(23 + 200_000)), "a run of one class matched in a loop, not given up")
        let swiftURL = try Regex(TextReviewRules.urlPattern).ignoresCase()
        let expected = Self.offsets(url.matches(of: swiftURL).map(\.range), in: url)
        #expect(expected.count == 2)
        #expect(Self.offsets(urlRegex.matches(in: url), in: url) == expected)
    }

    /// Syntax outside the subset is refused by the ASCII parser, so Swift's `Regex` keeps it.
    @Test func syntaxOutsideTheSubsetStaysWithSwiftRegex() throws {
        for pattern in [#"\d+"#, #"a.c"#, #"(?i)ab"#, #"(a*)*"#, #"a$"#, #"[[a]b]"#, #"[a&&b]"#, #"\w"#, #"a++"#, #"é"#, #"(a"#, #"a)"#] {
            #expect(!ReviewRegex(pattern).hasASCIIMatcher, "\(pattern) should not be taken by the ASCII matcher")
        }
        let digits = ReviewRegex(#"\d+"#)
        #expect(Self.offsets(digits.matches(in: "a 12 b 3"), in: "a 12 b 3") == [2..<4, 7..<8])
        #expect(!ReviewRegex(#"(unclosed"#).isFound(in: "(unclosed"), "an invalid source matches nothing, as before")
    }
}
