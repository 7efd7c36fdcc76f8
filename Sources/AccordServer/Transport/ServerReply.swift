import AccordJSON

/// How a ``ServerMessageHandler`` answers one request: every message at once, or a stream it
/// produces as the messages come — a proxy passing a real server's SSE reply on event by event,
/// so progress arrives before the result and a server-to-client request (sampling, elicitation)
/// can be answered while the call is still open.
///
/// ```swift
/// func reply(to message: InboundMessage, in session: ServerSession) async -> ServerReply {
///     .stream { send in
///         _ = await send(progress)              // on the wire now
///         _ = await send(response)              // the last message: the response
///     }
/// }
/// ```
public enum ServerReply: Sendable {
    /// Sends one message to the client at once; false once the client has gone (stop producing).
    public typealias Send = (JSONValue) async -> Bool

    /// The messages in order, the response last (what ``ServerMessageHandler/receive(_:in:)`` returns).
    case messages([JSONValue])
    /// Messages handed to `send` as they are produced, the response last. Over HTTP this is an
    /// SSE stream written event by event; where a transport cannot stream, it is collected.
    case stream(@Sendable (_ send: Send) async -> Void)

    /// Every message, waiting for a stream to end.
    public func collected() async -> [JSONValue] {
        switch self {
        case .messages(let messages):
            return messages
        case .stream(let produce):
            var messages: [JSONValue] = []
            await produce { message in
                messages.append(message)
                return true
            }
            return messages
        }
    }
}

/// What a handler answers a client's GET for the stream of server-initiated messages with.
public enum ServerStreamOpening: Sendable {
    /// The stream: messages handed to `send` as the server sends them, until the closure returns.
    case stream(@Sendable (_ send: ServerReply.Send) async -> Void)
    /// No stream: the HTTP status to answer (405 when none is offered) and why.
    case refused(status: Int, reason: String)
}
