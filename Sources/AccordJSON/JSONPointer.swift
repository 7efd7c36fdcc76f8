/// An RFC 6901 JSON Pointer: the address of a value inside a JSON document, e.g.
/// `/tools/0/inputSchema/properties/a~1b` (`~1` escapes `/`, `~0` escapes `~`).
///
/// Findings, contract reads and validation errors all point into documents with this type.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The unescaped reference tokens, outermost first; empty for the whole document.
    public let tokens: [String]

    public init(tokens: [String] = []) { self.tokens = tokens }

    /// The whole document.
    public static let root = JSONPointer()

    /// Parses pointer text (`""` or starting with `/`).
    /// - Throws: ``JSONPointerError`` if the text does not start with `/` or has a bad `~` escape.
    public init(parsing text: String) throws(JSONPointerError) {
        if text.isEmpty { self.tokens = []; return }
        guard text.hasPrefix("/") else { throw JSONPointerError(pointer: text, reason: "a JSON Pointer must be empty or start with '/'") }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var characters = raw.makeIterator()
            while let character = characters.next() {
                guard character == "~" else { token.append(character); continue }
                switch characters.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw JSONPointerError(pointer: text, reason: "'~' must be followed by 0 or 1")
                }
            }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// This pointer extended by one token.
    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }

    /// This pointer extended by an array index.
    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    /// This pointer extended by all tokens of `other`.
    public func appending(_ other: JSONPointer) -> JSONPointer { JSONPointer(tokens: tokens + other.tokens) }

    public var parent: JSONPointer? { tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast())) }

    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tokens.reduce(0) { $0 + $1.utf8.count + 1 })
        for token in tokens {
            bytes.append(UInt8(ascii: "/"))
            for byte in token.utf8 {
                switch byte {
                case UInt8(ascii: "~"): bytes.append(contentsOf: [UInt8(ascii: "~"), UInt8(ascii: "0")])
                case UInt8(ascii: "/"): bytes.append(contentsOf: [UInt8(ascii: "~"), UInt8(ascii: "1")])
                default: bytes.append(byte)
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.tokens.lexicographicallyPrecedes(rhs.tokens)
    }
}

/// A pointer's text that is not valid RFC 6901.
public struct JSONPointerError: Error, Sendable, Equatable, CustomStringConvertible {
    public let pointer: String
    public let reason: String
    public var description: String { "invalid JSON Pointer \"\(pointer)\": \(reason)" }
}

extension JSONValue {
    /// The value `pointer` refers to, or `nil` if any step is missing. Array steps must be
    /// canonical decimal indices (`0`, `12`, never `01` or `-`).
    public subscript(pointer pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), String(index) == token, elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}
