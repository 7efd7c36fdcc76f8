import AccordJSON
import AccordMCP

/// What a transport hands every message it receives to: the generic seam between the transports
/// (stdio, Streamable HTTP) and whoever answers — the MCP dispatcher that `accord mock` uses
/// (``MCPServerDispatcher``), or a proxy that forwards to a real server (`accord record`).
///
/// ```swift
/// struct Echo: ServerMessageHandler {
///     func receive(_ message: InboundMessage, in session: ServerSession) async -> [JSONValue] {
///         guard case .request(let id, _, let params) = message.message else { return [] }
///         return [JSONRPCMessage.response(id: id, result: params ?? [:]).json]
///     }
/// }
/// try await StdioServer(handler: Echo()).run()
/// ```
public protocol ServerMessageHandler: Sendable {
    /// Answers one message of `session`: the messages to send back, in order. For a request the
    /// last one is its response (anything before it — progress, logging — is sent first, as SSE
    /// events over HTTP); notifications and responses usually get none.
    ///
    /// Requests may arrive concurrently (pipelined on stdio, parallel POSTs over HTTP); the
    /// handler must not assume one finishes before the next begins.
    func receive(_ message: InboundMessage, in session: ServerSession) async -> [JSONValue]

    /// Answers one message as ``receive(_:in:)`` does, or with a stream of messages sent as they
    /// are produced (``ServerReply/stream(_:)``). The default answers with ``receive(_:in:)``.
    func reply(to message: InboundMessage, in session: ServerSession) async -> ServerReply

    /// Whether a client may GET a stream of server-initiated messages (``openServerStream(in:)``);
    /// when false (the default) the HTTP transport answers GET with 405.
    var offersServerStream: Bool { get }

    /// Opens the stream of messages the server sends `session` outside any request's reply
    /// (list-changed notifications, logging, requests to the client). Called only when
    /// ``offersServerStream`` is true; the default refuses with 405.
    func openServerStream(in session: ServerSession) async -> ServerStreamOpening

    /// `session` is over: stdin reached EOF, the client sent DELETE, or the server is stopping.
    func sessionEnded(_ session: ServerSession) async
}

extension ServerMessageHandler {
    public func reply(to message: InboundMessage, in session: ServerSession) async -> ServerReply {
        .messages(await receive(message, in: session))
    }

    public var offersServerStream: Bool { false }

    public func openServerStream(in session: ServerSession) async -> ServerStreamOpening {
        .refused(status: 405, reason: "this server sends no messages outside a request's reply")
    }

    public func sessionEnded(_ session: ServerSession) async {}
}

/// One message as it arrived: the JSON exactly as sent, and its JSON-RPC shape.
public struct InboundMessage: Sendable, Equatable {
    /// The message exactly as the client sent it (unknown members included), for proxies.
    public var json: JSONValue
    /// Its JSON-RPC classification.
    public var message: JSONRPCMessage

    /// Classifies `json`.
    /// - Throws: ``MCPError`` `.invalidMessage` when it is not a JSON-RPC 2.0 message.
    public init(_ json: JSONValue) throws(MCPError) {
        self.json = json
        self.message = try JSONRPCMessage(json)
    }

    /// Whether a reply is owed (a request, not a notification or response).
    public var isRequest: Bool {
        if case .request = message { return true }
        return false
    }

    /// The JSON-RPC error response for a message that could not be read at all.
    static func unreadable(_ reason: String, code: Int = JSONRPCErrorObject.parseError, id: JSONValue? = nil) -> JSONValue {
        JSONRPCMessage.errorResponse(id: id, error: JSONRPCErrorObject(code: code, message: reason)).json
    }
}
