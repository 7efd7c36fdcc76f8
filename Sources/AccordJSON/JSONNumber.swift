/// A JSON number that remembers the exact text it was written with.
///
/// Equality is textual (`1.0` ≠ `1`) because a snapshot must reproduce what was served; use
/// ``isNumericallyEqual(to:)`` where the mathematical value matters (schema comparison).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as written, e.g. `"1e21"`, `"-0.0"`, `"12345678901234567890123"`.
    public let text: String

    /// Wraps `text` if it is a valid JSON number literal (RFC 8259 grammar), else `nil`.
    public init?(text: String) {
        guard JSONNumber.isValidLiteral(Array(text.utf8)[...]) else { return nil }
        self.text = text
    }

    /// Trusted initialiser for text the parser has already validated.
    init(validatedText: String) { self.text = validatedText }

    public init(_ value: Int) { self.text = String(value) }

    /// A double written in the shortest text that round-trips; integral values keep no fraction.
    public init(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            self.text = String(Int64(value))
        } else {
            self.text = "\(value)"
        }
    }

    public var doubleValue: Double { Double(text) ?? .nan }

    /// True for numbers with no fractional part, whatever their spelling (`2`, `2.0`, `2e0`).
    public var isIntegral: Bool {
        let value = doubleValue
        return value.isFinite && value == value.rounded()
    }

    public func isNumericallyEqual(to other: JSONNumber) -> Bool {
        text == other.text || doubleValue == other.doubleValue
    }

    public var description: String { text }

    static func isValidLiteral<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        var index = bytes.startIndex
        let end = bytes.endIndex
        func digits() -> Int {
            let start = index
            while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == end
    }
}
