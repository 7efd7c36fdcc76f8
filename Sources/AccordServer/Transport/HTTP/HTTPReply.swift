import AccordJSON

/// What the Streamable HTTP endpoint answers one HTTP request with, before it goes on the wire:
/// decided from the request alone so the routing rules can be tested without sockets.
struct HTTPReply: Sendable, Equatable {
    enum Body: Sendable, Equatable {
        case empty
        /// One JSON document (`application/json`).
        case json(JSONValue)
        /// Server-sent events, one `event: message` per JSON-RPC message (`text/event-stream`).
        case events([JSONValue])
    }

    var status: Int
    var headers: [(name: String, value: String)] = []
    var body: Body = .empty

    static func == (lhs: HTTPReply, rhs: HTTPReply) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name): \($0.value)" } == rhs.headers.map { "\($0.name): \($0.value)" }
    }

    /// A refusal with a JSON-RPC error body, which tells a client more than a bare status.
    static func refusal(_ status: Int, code: Int, _ message: String, headers: [(name: String, value: String)] = []) -> HTTPReply {
        HTTPReply(status: status, headers: headers, body: .json(InboundMessage.unreadable(message, code: code)))
    }

    /// The bytes of the body and its content type.
    var encodedBody: (contentType: String?, bytes: [UInt8]) {
        switch body {
        case .empty: return (nil, [])
        case .json(let value): return ("application/json", JSONEncoding.compactBytes(value))
        case .events(let messages):
            var bytes: [UInt8] = []
            for message in messages {
                bytes += Array("event: message\ndata: ".utf8)
                bytes += JSONEncoding.compactBytes(message)
                bytes += Array("\n\n".utf8)
            }
            return ("text/event-stream", bytes)
        }
    }
}
