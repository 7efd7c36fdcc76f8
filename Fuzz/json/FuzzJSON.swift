import AccordJSON

/// The JSON parser on arbitrary bytes: it either parses or throws a located error, and what it
/// parses survives a round trip through the canonical encoder.
func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONValue(parsing: bytes) else { return 0 }
    let text = value.description
    guard let again = try? JSONValue(parsing: text) else { fatalError("the encoder wrote JSON its parser rejects: \(text.prefix(200))") }
    precondition(again == value, "a parsed value changed in a round trip")
    return 0
}
