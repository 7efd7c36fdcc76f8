/// Escaping for XML 1.0 documents (JUnit), so any string a server sends yields well-formed XML.
///
/// XML 1.0 cannot carry most control characters at all, not even as character references
/// (`&#1;` is a fatal error), so those are replaced by a visible `\u{1}` escape; U+FFFE and
/// U+FFFF are likewise not XML characters.
public enum XMLEscaping {
    /// Character data: `&`, `<`, `>` escaped; forbidden characters made visible.
    public static func text(_ string: String) -> String {
        escape(string, inAttribute: false)
    }

    /// An attribute value for double quotes: also `"`, `'`, and tab / newline / carriage return
    /// as character references (attribute-value normalisation would turn them into spaces).
    public static func attribute(_ string: String) -> String {
        escape(string, inAttribute: true)
    }

    /// Whether XML 1.0 allows `scalar` in a document (the `Char` production).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF: true
        case 0xE000...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func escape(_ string: String, inAttribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where inAttribute: result += "&quot;"
            case "'" where inAttribute: result += "&apos;"
            case "\t" where inAttribute: result += "&#9;"
            case "\n" where inAttribute: result += "&#10;"
            case "\r": result += "&#13;"  // a raw CR in text would be normalised to LF by parsers
            default:
                if isAllowed(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
            }
        }
        return result
    }
}
