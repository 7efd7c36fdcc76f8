import Foundation

/// A `swift-product: NAME` entry in accord.yaml: a stdio server that is an executable product of
/// the package, with the line it is on.
///
/// Plugins cannot depend on packages (no Yams), so this reads the file as lines: a
/// `swift-product` key — plain or quoted, in a block mapping (`swift-product: api`, also after a
/// list dash) or a flow mapping (`{ swift-product: "api", args: [] }`) — and its scalar value,
/// plain, single- or double-quoted, up to a comment. Accord itself parses the file properly and
/// reports every other mistake with its line and field; this only has to find what to build.
///
/// ```swift
/// SwiftProductReference.scan("servers:\n  api:\n    swift-product: 'api-server'  # built by the plugin\n")
/// // [SwiftProductReference(name: "api-server", line: 3)]
/// ```
struct SwiftProductReference: Equatable {
    var name: String
    var line: Int

    /// The products declared in `file`, each once, in file order; none when the file is absent
    /// (Accord then reports a missing `--config` itself).
    static func declared(in file: URL) throws -> [SwiftProductReference] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        var seen: Set<String> = []
        return scan(try String(contentsOf: file, encoding: .utf8)).filter { seen.insert($0.name).inserted }
    }

    static func scan(_ text: String) -> [SwiftProductReference] {
        var references: [SwiftProductReference] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var scanner = LineScanner(Array(line.utf8))
            while let name = scanner.nextSwiftProductValue() {
                if !name.isEmpty { references.append(SwiftProductReference(name: name, line: offset + 1)) }
            }
        }
        return references
    }
}

/// Walks one YAML line outside quotes, stopping at a comment.
private struct LineScanner {
    private let bytes: [UInt8]
    private var position = 0
    private static let key = Array("swift-product".utf8)

    init(_ bytes: [UInt8]) {
        // A CRLF file leaves a carriage return at the end of each line.
        self.bytes = bytes.last == UInt8(ascii: "\r") ? Array(bytes.dropLast()) : bytes
    }

    /// The value of the next `swift-product` key on the line, `""` for one without a scalar
    /// value, `nil` when there is none.
    mutating func nextSwiftProductValue() -> String? {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "#"), position == 0 || isSpace(bytes[position - 1]) { return nil }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                let start = position
                let text = quoted()
                if text == "swift-product", startsKey(at: start), let value = valueAfterColon() { return value }
                continue
            }
            if startsKey(at: position), matches(Self.key, at: position) {
                position += Self.key.count
                if let value = valueAfterColon() { return value }
                continue
            }
            position += 1
        }
        return nil
    }

    /// A key starts the line's content, or follows a list dash or a flow mapping's `{` or `,`.
    private func startsKey(at index: Int) -> Bool {
        var before = index - 1
        while before >= 0, isSpace(bytes[before]) { before -= 1 }
        guard before >= 0 else { return true }
        switch bytes[before] {
        case UInt8(ascii: "{"), UInt8(ascii: ","): return true
        case UInt8(ascii: "-"): return before == 0 || isSpace(bytes[before - 1])
        default: return false
        }
    }

    /// After a key: `:` then a scalar; `nil` (position unchanged) when no `:` follows.
    private mutating func valueAfterColon() -> String? {
        var index = position
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard index == bytes.count || isSpace(bytes[index]) else { return nil }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        position = index
        guard position < bytes.count else { return "" }
        if bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") { return quoted() }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") { break }
            if byte == UInt8(ascii: "#"), isSpace(bytes[position - 1]) { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    /// A quoted scalar starting at `position`; leaves `position` after the closing quote.
    private mutating func quoted() -> String {
        let quote = bytes[position]
        var text: [UInt8] = []
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
                text.append(bytes[position + 1])
                position += 2
                continue
            }
            if byte == quote {
                // '' is an escaped quote inside a single-quoted scalar.
                if quote == UInt8(ascii: "'"), position + 1 < bytes.count, bytes[position + 1] == quote {
                    text.append(quote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            text.append(byte)
            position += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    private func matches(_ word: [UInt8], at index: Int) -> Bool {
        index + word.count <= bytes.count && Array(bytes[index..<index + word.count]) == word
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}
