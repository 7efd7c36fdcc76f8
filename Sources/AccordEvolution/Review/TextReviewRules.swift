import AccordJSON

/// One thing a review rule found in one text. `key` identifies it across the two sides of a
/// diff (a hidden character's code point, a pattern and the matched text, a tool name, a URL):
/// on a diff only matches whose key the old text lacks are reported.
struct TextMatch: Hashable, Sendable {
    var key: String
    /// What to quote, made visible (``UntrustedText``) and clipped.
    var excerpt: String
}

/// The detectors behind the review rules, each a function from one text to its matches. The
/// regexes are ``ReviewRegex``es: a fast matcher for ASCII text, Swift's `Regex` for the rest.
struct TextReviewRules: Sendable {
    private let patterns: [(pattern: InstructionPattern, regex: ReviewRegex)]
    private let directiveCue: ReviewRegex
    private let url: ReviewRegex

    /// A sentence that instructs: "instead of", "always", "before calling", … (on normalised text).
    static let directiveCuePattern = #"\b(instead of|rather than|in place of|whenever|always|never|must|do not|don't|should not|shouldn't|overrides?|replaces?|(before|after|when) (using|calling|invoking|running))\b"#
    /// A URL or a `www.` address (case-insensitive).
    static let urlPattern = #"\b(https?|ftp|file|wss?)://[^\s<>"'`\\]+|\bwww\.[a-z0-9-]+\.[^\s<>"'`\\]+"#

    /// Parsed once per process and shared by every review (each worker of a diff has its own
    /// ``TextReview``).
    private static let compiledPatterns = InstructionPatterns.all.map { ($0, ReviewRegex($0.regex)) }
    private static let compiledDirectiveCue = ReviewRegex(directiveCuePattern)
    private static let compiledURL = ReviewRegex(urlPattern, ignoresCase: true)

    init() {
        patterns = Self.compiledPatterns
        directiveCue = Self.compiledDirectiveCue
        url = Self.compiledURL
    }

    /// Hidden characters, one match per distinct code point.
    func hiddenCharacters(in text: String) -> [TextMatch] {
        var seen: Set<UInt32> = []
        return HiddenCharacters.occurrences(in: text).compactMap { scalar in
            guard seen.insert(scalar.value).inserted else { return nil }
            return TextMatch(key: String(scalar.value, radix: 16), excerpt: HiddenCharacters.describe(scalar))
        }
    }

    /// Instruction-pattern matches of `rule`, keyed by pattern id and matched (normalised) text.
    func instructions(in normalised: String, rule: InstructionPattern.Rule) -> [(match: TextMatch, pattern: InstructionPattern)] {
        var found: [(TextMatch, InstructionPattern)] = []
        let ascii = Self.isASCII(normalised)
        for (pattern, regex) in patterns where pattern.rule == rule && pattern.keywords.contains(where: { Self.contains(normalised, $0, textIsASCII: ascii) }) {
            for range in regex.matches(in: normalised) {
                let text = String(normalised[range]).trimmingSpaces
                found.append((TextMatch(key: "\(pattern.id):\(text)", excerpt: Self.quote(text)), pattern))
            }
        }
        return found
    }

    /// URLs in `text`, trailing sentence punctuation dropped.
    func urls(in text: String) -> [TextMatch] {
        guard text.contains("://") || text.lowercased().contains("www.") else { return [] }
        var seen: Set<String> = []
        return url.matches(in: text).compactMap { range in
            var found = Substring(text[range])
            while let last = found.last, ".,;:!?)]}*_".contains(last) { found = found.dropLast() }
            let address = String(found)
            guard seen.insert(address).inserted else { return nil }
            return TextMatch(key: address, excerpt: Self.quote(address, width: 120))
        }
    }

    /// Tools of the snapshot that `text` names (other than `owner`): those named in a sentence
    /// that instructs about them (`directive`) and plain references. A name counts when it is a
    /// whole word and either looks like an identifier (has `_`, `-`, `.`, a digit or an inner
    /// capital) or is quoted — so a tool called `search` is not found in "Search invoices".
    func toolMentions(in text: String, owner: String?, toolNames: ToolNameIndex) -> (directive: [TextMatch], plain: [TextMatch]) {
        var directive: [TextMatch] = [], plain: [TextMatch] = []
        for name in toolNames.present(in: text) where name != owner {
            let distinctive = name.contains { "_-.".contains($0) || $0.isNumber } || name.dropFirst().contains { $0.isUppercase }
            var firstSentence: Substring?
            var instructed = false
            var searchStart = text.startIndex
            while let range = text.range(of: name, range: searchStart..<text.endIndex) {
                searchStart = range.upperBound
                guard Self.isWholeWord(range, in: text), distinctive || Self.isQuoted(range, in: text) else { continue }
                let sentence = Self.sentence(around: range, in: text)
                if firstSentence == nil { firstSentence = sentence }
                if directiveCue.isFound(in: ReviewNormalisation.normalise(String(sentence))) {
                    firstSentence = sentence
                    instructed = true
                    break
                }
            }
            guard let sentence = firstSentence else { continue }
            let match = TextMatch(key: name, excerpt: "`\(UntrustedText.singleLine(name))` in " + Self.quote(String(sentence).trimmingSpaces))
            if instructed { directive.append(match) } else { plain.append(match) }
        }
        return (directive, plain)
    }

    /// Whether `text` contains `keyword`. For ASCII text and keyword (nearly every text) every
    /// notion of "contains" — bytes, scalars, characters — agrees, and comparing bytes costs a
    /// fraction of Foundation's general `contains`, which this prefilter called hundreds of times
    /// per diff (docs/performance-startup.md).
    static func contains(_ text: String, _ keyword: String, textIsASCII: Bool) -> Bool {
        let needle = Array(keyword.utf8)
        guard textIsASCII, let first = needle.first, needle.allSatisfy({ $0 < 0x80 }) else { return text.contains(keyword) }
        var haystack = text
        return haystack.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == first {
                var offset = 1
                while offset < needle.count, bytes[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            return false
        }
    }

    static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// `"text"` made visible and clipped to `width` characters.
    static func quote(_ text: String, width: Int = 100) -> String {
        let visible = UntrustedText.singleLine(text)
        return "\"" + (visible.count > width ? String(visible.prefix(width - 1)) + "…" : visible) + "\""
    }

    private static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }

    private static func isWholeWord(_ range: Range<String.Index>, in text: String) -> Bool {
        let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : nil
        let after = range.upperBound < text.endIndex ? text[range.upperBound] : nil
        return !(before.map(isIdentifierCharacter) ?? false) && !(after.map(isIdentifierCharacter) ?? false)
    }

    private static func isQuoted(_ range: Range<String.Index>, in text: String) -> Bool {
        guard range.lowerBound > text.startIndex, range.upperBound < text.endIndex else { return false }
        let before = text[text.index(before: range.lowerBound)], after = text[range.upperBound]
        return before == after && "`'\"".contains(before)
    }

    /// The sentence holding `range`: up to the previous and next `!`, `?`, `;`, line break, or a
    /// full stop followed by a space (tool names may themselves contain dots).
    private static func sentence(around range: Range<String.Index>, in text: String) -> Substring {
        func ends(at index: String.Index) -> Bool {
            let character = text[index]
            if "!?;\n".contains(character) { return true }
            guard character == "." else { return false }
            let next = text.index(after: index)
            return next == text.endIndex || text[next].isWhitespace
        }
        var start = range.lowerBound
        while start > text.startIndex, !ends(at: text.index(before: start)) { start = text.index(before: start) }
        var end = range.upperBound
        while end < text.endIndex, !ends(at: end) { end = text.index(after: end) }
        return text[start..<end]
    }
}

private extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}

/// The tool names of a snapshot, indexed once per review: a text's runs of name characters are
/// looked up in a set (a snapshot with thousands of tools has tens of thousands of texts, so no
/// name-by-name search); names with other characters are searched for directly.
struct ToolNameIndex {
    /// All names, in snapshot order (the order mentions are reported in).
    let names: [String]
    private let simple: Set<String>
    private let unusual: [String]

    init(_ names: [String]) {
        self.names = names.filter { !$0.isEmpty }
        simple = Set(self.names.filter(Self.isPlainName))
        unusual = self.names.filter { !Self.isPlainName($0) }
    }

    /// Whether every character of `name` is a name character (ASCII letters, digits, `_-.`).
    static func isPlainName(_ name: String) -> Bool {
        name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2D || byte == 0x2E
        }
    }

    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-" || character == ".")
    }

    /// The names that occur in `text`, in snapshot order.
    func present(in text: String) -> [String] {
        var found: Set<String> = []
        for run in text.split(whereSeparator: { !Self.isNameCharacter($0) }) {
            var candidate = run
            while !candidate.isEmpty {
                if simple.contains(String(candidate)) { found.insert(String(candidate)); break }
                guard let last = candidate.last, last == "." || last == "-" else { break }
                candidate = candidate.dropLast()
            }
        }
        for name in unusual where text.contains(name) { found.insert(name) }
        return found.isEmpty ? [] : names.filter(found.contains)
    }
}
