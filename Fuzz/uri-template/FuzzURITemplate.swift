import AccordContracts

/// RFC 6570 template matching on arbitrary text: the first line is the template, the rest the
/// URI. A template with no expression matches exactly its own text, code point for code point
/// (RFC 3986 compares URIs so, not by Unicode equivalence; a URI never holds a
/// control character, so one that does matches nothing).
func fuzzURITemplate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let template = String(parts[0]), uri = parts.count > 1 ? String(parts[1]) : ""
    let expectation = ResourceTemplateExpectation(uriTemplate: template)
    let matched = expectation.matches(uri)
    let possibleURI = !uri.unicodeScalars.contains { $0.properties.generalCategory == .control }
    if !template.contains("{") {
        precondition(matched == (possibleURI && template.unicodeScalars.elementsEqual(uri.unicodeScalars)), "a literal template matched another URI, or not its own")
    }
    precondition(possibleURI || !matched, "a URI with a control character matched")
    return 0
}
