/// Escaping for GitHub-flavoured Markdown (PR comments, changelogs).
///
/// Text from servers must not turn into formatting, links, HTML or broken tables, and values
/// must show exactly as they are: plain text gets backslash escapes, values go into code spans
/// fenced with more backticks than they contain.
public enum MarkdownEscaping {
    /// Plain text on one line: Markdown punctuation backslash-escaped, HTML-significant
    /// characters escaped, control characters made visible. Safe inside table cells.
    public static func text(_ string: String) -> String {
        var result = ""
        for character in DisplayText.singleLine(string) {
            // `-` and `+` start list items only at the start of a cell or line.
            if escapedCharacters.contains(character) || (result.isEmpty && (character == "-" || character == "+")) {
                result.append("\\")
            }
            result.append(character)
        }
        return result
    }

    /// A code span showing `string` verbatim: the fence is one backtick longer than the longest
    /// backtick run inside, and padded with spaces when the content starts or ends with a
    /// backtick. Pass `inTable: true` for table cells, where `|` must be written `\|` even
    /// inside code (GFM splits cells before it parses code spans).
    public static func code(_ string: String, inTable: Bool = false) -> String {
        var content = DisplayText.singleLine(string)
        if content.isEmpty { content = " " }
        var longest = 0
        var run = 0
        for character in content {
            if character == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = content.hasPrefix("`") || content.hasSuffix("`") ? " \(content) " : content
        let body = inTable ? padded.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") : padded
        return fence + body + fence
    }

    /// A message in Accord's own style, where names are quoted in single backticks
    /// (``tool `search` was removed``): the quoted parts become code spans, the rest plain text.
    /// An unbalanced backtick is treated as text.
    public static func message(_ string: String, inTable: Bool = false) -> String {
        let parts = string.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return text(string) }
        var result = ""
        let closedPairs = (parts.count - 1) / 2
        for (index, part) in parts.enumerated() {
            let isCode = index % 2 == 1 && (index + 1) / 2 <= closedPairs
            if isCode {
                result += code(part, inTable: inTable)
            } else if index % 2 == 1 {
                result += "\\`" + text(part)  // the dangling opener of an unbalanced pair
            } else {
                result += text(part)
            }
        }
        return result
    }

    /// ASCII punctuation that can start emphasis, code, links, images, HTML, entities,
    /// strikethrough, headings or table cells in GFM.
    private static let escapedCharacters: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!"]
}
