import AccordJSON

/// The JSON parser on arbitrary bytes: it either parses or throws a located error, what it
/// parses survives a round trip through the canonical encoder, and the dense tape agrees with
/// `JSONValue` at every depth: the same error, the same value, and for every recorded node a
/// byte range that parses on its own to that node's value and its canonical line count.
func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let outcome: Result<JSONValue, JSONParseError> = Result { () throws(JSONParseError) in try JSONValue(parsing: bytes) }
    let maxDepth = size % 4 == 0 ? Int.max : size % 3
    let input = JSONInput(bytes: Array(bytes))
    let tape: Result<JSONTape, JSONParseError> = Result { () throws(JSONParseError) in try JSONTape(parsing: input, maxDepth: maxDepth) }
    switch (outcome, tape) {
    case (.failure(let error), .failure(let tapeError)):
        precondition(error == tapeError, "the tape reports \(tapeError), JSONValue \(error)")
        return 0
    case (.success(let value), .success(let tape)):
        precondition(tape.value(tape.root) == value, "the tape's value differs from JSONValue's")
        checkNodes(tape, bytes, tape.root, budget: 200)
        let text = value.description
        guard let again = try? JSONValue(parsing: text) else { fatalError("the encoder wrote JSON its parser rejects: \(text.prefix(200))") }
        precondition(again == value, "a parsed value changed in a round trip")
        return 0
    default:
        preconditionFailure("the tape and JSONValue disagree on whether the input is JSON: \(outcome)")
    }
}

/// Checks up to `budget` recorded nodes, preorder, against their own bytes parsed alone.
private func checkNodes(_ tape: JSONTape, _ bytes: UnsafeBufferPointer<UInt8>, _ node: JSONTape.Node, budget: Int) {
    var remaining = budget
    func visit(_ node: JSONTape.Node) {
        guard remaining > 0 else { return }
        remaining -= 1
        let own = UnsafeBufferPointer(rebasing: bytes[tape.byteRange(node)])
        guard let alone = try? JSONValue(parsing: own) else { preconditionFailure("a node's bytes are not JSON on their own") }
        precondition(tape.value(node) == alone, "a node's value differs from its bytes'")
        let lines = JSONEncoding.canonical(alone).utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        precondition(tape.canonicalLineCount(node) == lines, "a node's canonical line count is \(tape.canonicalLineCount(node)), not \(lines)")
        guard !tape.isOpaque(node) else { return }
        switch tape.kind(node) {
        case .array: tape.elements(node).forEach(visit)
        case .object: tape.members(node).forEach { visit($0.value) }
        default: break
        }
    }
    visit(node)
}
