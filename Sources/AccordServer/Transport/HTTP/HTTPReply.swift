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
        /// Server-sent events written as they are produced, each flushed at once.
        case stream(LiveEvents)
    }

    /// The producer of a streamed body; equal only to itself (a closure has no value to compare).
    final class LiveEvents: Sendable, Equatable {
        let produce: @Sendable (_ send: ServerReply.Send) async -> Void

        init(_ produce: @escaping @Sendable (_ send: ServerReply.Send) async -> Void) {
            self.produce = produce
        }

        static func == (lhs: LiveEvents, rhs: LiveEvents) -> Bool { lhs === rhs }
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

    /// The bytes of the body and its content type; a streamed body has none until it is written.
    var encodedBody: (contentType: String?, bytes: [UInt8]) {
        switch body {
        case .empty: return (nil, [])
        case .json(let value): return ("application/json", JSONEncoding.compactBytes(value))
        case .events(let messages): return (Self.eventStreamType, messages.flatMap(Self.event))
        case .stream: return (Self.eventStreamType, [])
        }
    }

    static let eventStreamType = "text/event-stream"

    /// One JSON-RPC message as an SSE `message` event.
    static func event(_ message: JSONValue) -> [UInt8] {
        Array("event: message\ndata: ".utf8) + JSONEncoding.compactBytes(message) + Array("\n\n".utf8)
    }
}
