import AccordContracts
import Foundation

/// The string formats a recorded value evidently has, turned into the matcher that states it:
/// `$format` for the formats contracts know (date-time, date, uuid, email, uri), `$regex` for
/// an IPv4 address (which `$format` does not name).
///
/// ```swift
/// EvidentFormat.matcher(for: "2025-03-15T09:30:00Z")   // .format(.dateTime)
/// EvidentFormat.matcher(for: "10.0.0.1")               // .regex(EvidentFormat.ipv4Pattern)
/// EvidentFormat.matcher(for: "INV-1001")               // nil
/// ```
enum EvidentFormat {
    static let ipv4Pattern = #"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$"#

    /// Stricter than `$format: email` accepts, so text that merely holds an `@` is not taken for one.
    private static let emailPattern = #"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"#

    /// URI schemes accepted without `//` (a bare `word:rest` is too often not a URI).
    private static let opaqueSchemes: Set<String> = ["mailto", "urn", "data", "tel"]

    static func matcher(for text: String) -> Matcher? {
        for format in [Matcher.StringFormat.uuid, .dateTime, .date] where format.accepts(text) {
            return .format(format)
        }
        if Matcher.regex(emailPattern).mismatches(.string(text), at: .root).isEmpty, Matcher.StringFormat.email.accepts(text) {
            return .format(.email)
        }
        if Matcher.regex(ipv4Pattern).mismatches(.string(text), at: .root).isEmpty { return .regex(ipv4Pattern) }
        if Matcher.StringFormat.uri.accepts(text), let colon = text.firstIndex(of: ":") {
            let scheme = text[..<colon].lowercased()
            if text[colon...].hasPrefix("://") || opaqueSchemes.contains(scheme) { return .format(.uri) }
        }
        return nil
    }

    /// Whether `text` holds a value that changes from run to run: a timestamp, a date, a UUID,
    /// a long hex or digit run (ids, epochs, hashes).
    static func looksGenerated(_ text: String) -> Bool {
        generatedPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether a whole number looks like an epoch timestamp (seconds or milliseconds, 2001-2100).
    static func looksLikeEpoch(_ number: Double) -> Bool {
        (1.0e9...4.2e9).contains(number) || (1.0e12...4.2e12).contains(number)
    }

    private static let generatedPattern = try! NSRegularExpression(pattern: [
        #"\d{4}-\d{2}-\d{2}"#,                  // a date, alone or in a timestamp
        #"\d{1,2}:\d{2}:\d{2}"#,                // a time of day with seconds
        #"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-"#,     // a UUID
        #"\b[0-9a-fA-F]{16,}\b"#,               // a hash or hex id
        #"\d{9,}"#,                             // an epoch or a long generated number
    ].joined(separator: "|"))
}
