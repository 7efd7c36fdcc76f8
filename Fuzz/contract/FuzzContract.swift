import AccordContracts

/// The contract reader (YAML, matchers, interactions) on arbitrary text: a contract or an
/// error naming the file, never a crash.
func fuzzContract(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ContractFile.parse(text, file: "fuzz.yaml")
    return 0
}
