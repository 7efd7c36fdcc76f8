/// Characters a person reading LLM-facing text does not see but a model reads: Unicode tag
/// characters (which can spell a whole hidden ASCII message), zero-width characters, and the
/// bidirectional controls that make text read differently than it is stored.
///
/// ```swift
/// HiddenCharacters.kind(of: "\u{200B}")            // .zeroWidth
/// HiddenCharacters.tagMessage(in: "ok\u{E0068}\u{E0069}")   // "hi"
/// ```
public enum HiddenCharacters {
    /// Why a character counts as hidden.
    public enum Kind: String, Sendable, CaseIterable {
        /// U+E0000–U+E007F: invisible copies of ASCII ("ASCII smuggling").
        case tag
        /// U+200B–U+200D, U+2060, U+FEFF.
        case zeroWidth = "zero-width"
        /// U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C.
        case bidiControl = "bidi-control"
    }

    /// The kind of `scalar`, or `nil` when it is visible.
    public static func kind(of scalar: Unicode.Scalar) -> Kind? {
        switch scalar.value {
        case 0xE0000...0xE007F: .tag
        case 0x200B...0x200D, 0x2060, 0xFEFF: .zeroWidth
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: .bidiControl
        default: nil
        }
    }

    /// The hidden characters of `text`, in order. A zero-width joiner between two emoji is how
    /// emoji sequences (👩‍💻) are written, so it is not counted.
    public static func occurrences(in text: String) -> [Unicode.Scalar] {
        let scalars = Array(text.unicodeScalars)
        var found: [Unicode.Scalar] = []
        for (index, scalar) in scalars.enumerated() where kind(of: scalar) != nil {
            if scalar.value == 0x200D, index > 0, index + 1 < scalars.count,
               scalars[index - 1].properties.isEmoji, scalars[index + 1].properties.isEmoji { continue }
            found.append(scalar)
        }
        return found
    }

    /// The ASCII text that tag characters U+E0020–U+E007E spell (each is an invisible copy of
    /// U+0020–U+007E); empty when there are none.
    public static func tagMessage(in text: String) -> String {
        var message = ""
        for scalar in text.unicodeScalars where (0xE0020...0xE007E).contains(scalar.value) {
            if let ascii = Unicode.Scalar(scalar.value - 0xE0000) { message.unicodeScalars.append(ascii) }
        }
        return message
    }

    /// "U+200B ZERO WIDTH SPACE".
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        guard let name = scalar.properties.name else { return code }
        return "\(code) \(name)"
    }
}
