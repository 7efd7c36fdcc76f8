import Foundation
import MCP

/// Serialises a `Value` as JSON text for text content blocks and resource bodies.
///
/// Keys are sorted so that the same result is byte-identical on every run: Accord snapshots and
/// contract tests compare text, and `Dictionary` order is randomised per process.
func jsonText(_ value: Value, pretty: Bool = false) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
        // Encoding a Value built from strings and integers cannot fail; "null" keeps the
        // block well-formed JSON if it ever did.
        return "null"
    }
    return text
}
