import AccordSnapshot

/// The snapshot loader on arbitrary bytes; a snapshot it accepts writes canonical text that
/// loads again to the same snapshot.
func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let snapshot = try? SnapshotFile.decode(bytes, path: "fuzz.json") else { return 0 }
    let text = snapshot.canonicalText
    guard let again = try? SnapshotFile.decode(Array(text.utf8), path: "canonical.json") else {
        fatalError("a loaded snapshot wrote canonical text it cannot load: \(text.prefix(300))")
    }
    precondition(again.canonicalText == text, "canonical text is not stable")
    return 0
}
