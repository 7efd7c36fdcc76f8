import AccordEvolution
import AccordJSON

/// Makes text from a server (names, descriptions, values) safe to show on one line of a
/// terminal, a log or a table cell.
///
/// Servers are not trusted: a tool description may carry ANSI escapes that repaint a terminal,
/// newlines that forge extra report lines or workflow commands, or bidirectional overrides that
/// make text read differently than it is (tool poisoning). Every such character is shown as a
/// visible escape instead (`\n`, `\t`, `\u{1B}`), so what a reviewer sees is what the server sent.
public enum DisplayText {
    /// `text` on one line with control, line-separator, bidi-control, zero-width and tag
    /// characters escaped (``UntrustedText/singleLine(_:)``: the same escaping errors, logs and
    /// review findings' quotes use).
    public static func singleLine(_ text: String) -> String { UntrustedText.singleLine(text) }

    /// `text` cut to at most `width` characters, the last one `…` when anything was cut.
    public static func clip(_ text: String, to width: Int) -> String {
        guard width > 0, text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }

    /// A value as compact JSON, clipped; `absent` when there is none.
    public static func value(_ value: JSONValue?, width: Int, absent: String = "(absent)") -> String {
        guard let value else { return absent }
        return clip(singleLine(JSONEncoding.compact(value)), to: width)
    }
}
