/// URI references as JSON Schema uses them for `$id`, `$ref` and `$schema`: resolved against a
/// base by RFC 3986 §5.2 (dot segments removed), split into the resource and its fragment.
///
/// ```swift
/// SchemaURI.resolve("../b.json#x", against: "http://example.com/a/s.json") // "http://example.com/b.json#x"
/// SchemaURI.split("urn:example:a#/$defs/b")                               // ("urn:example:a", "/$defs/b")
/// ```
enum SchemaURI {
    /// The base used for a document that has no `$id` of its own and no retrieval URI, so that
    /// its fragment-only references resolve and any relative one stays unmistakably unknown.
    static let anonymousBase = "accord-schema:///root.json"

    /// `reference` resolved against `base`, fragment included.
    static func resolve(_ reference: String, against base: String) -> String {
        let target = Parts(reference)
        if target.scheme != nil { return target.joined(path: removingDotSegments(target.path)) }
        var result = Parts(base)
        result.fragment = target.fragment
        if target.authority != nil {
            result.authority = target.authority
            result.path = removingDotSegments(target.path)
            result.query = target.query
        } else if target.path.isEmpty {
            if target.query != nil { result.query = target.query }
        } else {
            result.query = target.query
            if target.path.hasPrefix("/") {
                result.path = removingDotSegments(target.path)
            } else if result.authority != nil, result.path.isEmpty {
                result.path = removingDotSegments("/" + target.path)
            } else if let slash = result.path.lastIndex(of: "/") {
                result.path = removingDotSegments(String(result.path[...slash]) + target.path)
            } else {
                result.path = removingDotSegments(target.path)
            }
        }
        return result.joined(path: result.path)
    }

    /// The URI without its fragment, and the fragment (percent-decoded; empty when absent).
    static func split(_ uri: String) -> (resource: String, fragment: String) {
        guard let hash = uri.firstIndex(of: "#") else { return (uri, "") }
        return (String(uri[..<hash]), SchemaResolver.percentDecode(uri[uri.index(after: hash)...]))
    }

    /// The five components of RFC 3986 §3; `path` is never nil.
    private struct Parts {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?

        init(_ text: String) {
            var rest = Substring(text)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let mark = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: mark)...])
                rest = rest[..<mark]
            }
            if let colon = rest.firstIndex(of: ":"), colon > rest.startIndex,
               rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
               rest.first?.isLetter == true {
                scheme = String(rest[..<colon])
                rest = rest[rest.index(after: colon)...]
            }
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let end = rest.firstIndex(of: "/") ?? rest.endIndex
                authority = String(rest[..<end])
                rest = rest[end...]
            }
            path = String(rest)
        }

        func joined(path: String) -> String {
            var text = ""
            if let scheme { text += scheme + ":" }
            if let authority { text += "//" + authority }
            text += path
            if let query { text += "?" + query }
            if let fragment { text += "#" + fragment }
            return text
        }
    }

    /// RFC 3986 §5.2.4.
    private static func removingDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (offset, segment) in segments.enumerated() {
            let last = offset == segments.count - 1
            switch segment {
            case ".":
                if last { output.append("") }
            case "..":
                if output.count > 1 || (output.count == 1 && output[0] != "") { output.removeLast() }
                if last { output.append("") }
            default:
                output.append(segment)
            }
        }
        var result = output.joined(separator: "/")
        if path.hasPrefix("/"), !result.hasPrefix("/") { result = "/" + result }
        return result
    }
}
