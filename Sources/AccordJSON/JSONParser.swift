/// Where and why JSON text could not be parsed. Lines and columns are 1-based.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let reason: String

    public var description: String { "line \(line), column \(column): \(reason)" }
}

extension JSONValue {
    /// Parses JSON text, keeping number literals verbatim.
    /// - Throws: ``JSONParseError`` naming the line and column of the first problem.
    public init(parsing text: String) throws(JSONParseError) {
        var text = text
        self = try text.withUTF8 { JSONValue.parse(UnsafeRawBufferPointer($0)) }.get()
    }

    /// Parses UTF-8 JSON bytes, keeping number literals verbatim.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONParseError) {
        let outcome = bytes.withContiguousStorageIfAvailable { JSONValue.parse(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { JSONValue.parse($0) }
        self = try outcome.get()
    }

    /// The one route from bytes to a value: the tape's validating scan, then materialisation.
    private static func parse(_ buffer: UnsafeRawBufferPointer) -> Result<JSONValue, JSONParseError> {
        do {
            let storage = try TapeScanner.scan(buffer)
            return .success(TapeMaterializer.value(at: 0, of: storage, bytes: buffer.baseAddress))
        } catch {
            return .failure(error)
        }
    }
}
