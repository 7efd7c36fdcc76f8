import AccordJSON
import AccordMCP
import AccordRecord

/// Stdio JSON-RPC framing and classification, as the client and the recorder read it: the
/// input is newline-framed lines, each a message from the client (first byte even) or the
/// server (odd); every line is classified, and the recorder's observer turns the whole session
/// into a contract.
func fuzzJSONRPC(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let observer = TrafficObserver()
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
        let sender: TrafficObserver.Sender = line[line.startIndex] % 2 == 0 ? .client : .server
        let message = line.dropFirst()
        if let value = try? JSONValue(parsing: message) { _ = try? JSONRPCMessage(value) }
        observer.observe(message, from: sender)
    }
    _ = try? ContractSynthesiser(consumer: "fuzz").synthesise(observer.session)
    _ = observer.session.snapshot
    return 0
}
