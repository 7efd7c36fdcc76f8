import AccordCLI

/// The accord.yaml reader (servers, folders, policy, registry) on arbitrary text.
func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? AccordConfiguration.parse(text, file: "accord.yaml")
    return 0
}
