import AccordMCP

/// The SSE parser on arbitrary bytes, fed whole and in two chunks cut at the first byte's
/// value: the events must not depend on where the network split the stream.
func fuzzSSE(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = SSEParser()
    let events = whole.feed(bytes)
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var split = SSEParser()
    let inTwo = split.feed(bytes[..<cut]) + split.feed(bytes[cut...])
    precondition(events == inTwo, "the events depend on where the stream was cut (at \(cut))")
    precondition(whole.reconnectionTime == split.reconnectionTime, "retry: depends on where the stream was cut")
    return 0
}
