/// The one display escaping for text a server sent: tool descriptions in reports, error bodies,
/// JSON-RPC error messages, stderr lines and warnings on Accord's own stderr.
///
/// Servers are not trusted: text may carry ANSI escapes that repaint a terminal or retitle its
/// window, newlines that forge extra log lines or CI workflow commands, bidirectional overrides
/// that make text read differently than it is, zero-width and tag characters a person does not see
/// but a model reads, or bytes that are not UTF-8. Every such character is shown as a visible
/// escape instead (`\n`, `\t`, `\u{1B}`, `\u{200B}`); invalid UTF-8 becomes U+FFFD.
///
/// ```swift
/// UntrustedText.singleLine("ok\u{1B}[2J")                  // "ok\\u{1B}[2J"
/// UntrustedText.excerpt([0x41, 0xFF, 0x0A, 0x42], characters: 10) // "A\u{FFFD}\\nB"
/// ```
public enum UntrustedText {
    /// `text` on one line with control, line-separator, bidi-control, zero-width and tag
    /// characters escaped.
    public static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { result.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// The start of `bytes` (at most `characters` characters, `…` when cut, edge whitespace
    /// trimmed) decoded as UTF-8 with replacement and escaped onto one line.
    public static func excerpt(_ bytes: some Collection<UInt8>, characters: Int) -> String {
        var text = Substring(String(decoding: bytes.prefix(characters * 4), as: UTF8.self))
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        let clipped = text.count <= characters ? String(text) : String(text.prefix(characters)) + "…"
        return singleLine(clipped)
    }

    /// C0 and C1 controls, DEL, line and paragraph separators, the bidi embedding, override and
    /// isolate controls, zero-width characters and tag characters (AccordEvolution's
    /// `HiddenCharacters` names the last three for the review rules). Zero-width joiners are
    /// escaped even inside emoji sequences: a report shows code, not pictures.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        case 0x200B...0x200D, 0x2060, 0xFEFF: true
        case 0xE0000...0xE007F: true
        default: false
        }
    }
}
