import AccordJSON

/// The little JSON-RPC knowledge the HTTP transports need: which requests a POST carried, and
/// which replies answer them. Matching replies to callers stays `MCPConnection`'s job; the
/// transports only need to know when a reply stream may end and which error bodies are replies.
enum HTTPMessageInspection {
    /// The messages in `value`: the elements of a batch, or `value` itself.
    static func messages(in value: JSONValue) -> [JSONValue] {
        value.arrayValue ?? [value]
    }

    /// The ids of the requests in `message` (a single message or a batch); notifications and
    /// responses have none.
    static func requestIDs(in message: JSONValue) -> [JSONValue] {
        messages(in: message).compactMap { element in
            guard element["method"]?.stringValue != nil, let id = element["id"], !id.isNull else { return nil }
            return id
        }
    }

    /// The id of a response (`result` or `error`, no `method`); `nil` for anything else.
    static func responseID(of message: JSONValue) -> JSONValue? {
        guard message["method"] == nil, message["result"] != nil || message["error"] != nil else { return nil }
        return message["id"]
    }

    /// Whether two ids name the same request; numbers compare by value (`1` matches `1.0`).
    static func sameID(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if case .number(let left) = lhs, case .number(let right) = rhs {
            return left.isNumericallyEqual(to: right)
        }
        return lhs == rhs
    }

    /// Whether `message` is a reply to one of `ids`, or an error reply with a null id (the
    /// server could not tell which request failed; the connection assigns it).
    static func answers(_ message: JSONValue, anyOf ids: [JSONValue]) -> Bool {
        guard message["method"] == nil, message["result"] != nil || message["error"] != nil else { return false }
        guard let id = message["id"], !id.isNull else { return message["error"] != nil }
        return ids.contains { sameID($0, id) }
    }

    /// `ids` minus those answered by `message`.
    static func removingAnswered(by message: JSONValue, from ids: [JSONValue]) -> [JSONValue] {
        guard let answered = responseID(of: message) else { return ids }
        return ids.filter { !sameID($0, answered) }
    }

    /// A name for `message` in timeout errors: its method, or what kind of message it is.
    static func operationName(of message: JSONValue) -> String {
        if let method = message["method"]?.stringValue { return method }
        if message.arrayValue != nil { return "a JSON-RPC batch" }
        return "a reply to the server"
    }
}
