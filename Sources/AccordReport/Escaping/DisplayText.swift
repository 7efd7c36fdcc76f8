import AccordJSON

/// Makes text from a server (names, descriptions, values) safe to show on one line of a
/// terminal, a log or a table cell.
///
/// Servers are not trusted: a tool description may carry ANSI escapes that repaint a terminal,
/// newlines that forge extra report lines or workflow commands, or bidirectional overrides that
/// make text read differently than it is (tool poisoning). Every such character is shown as a
/// visible escape instead (`\n`, `\t`, `\u{1B}`), so what a reviewer sees is what the server sent.
public enum DisplayText {
    /// `text` on one line with control, line-separator and bidi-control characters escaped.
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

    /// C0 and C1 controls, DEL, line and paragraph separators, and the bidi embedding, override
    /// and isolate controls.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        default: false
        }
    }
}
