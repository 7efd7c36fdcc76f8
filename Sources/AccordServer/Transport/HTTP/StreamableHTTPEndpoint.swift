import AccordJSON
import AccordMCP
import Foundation
import NIOConcurrencyHelpers

/// The rules of the Streamable HTTP transport at one endpoint (`/mcp`), independent of sockets:
/// which HTTP request opens, uses or ends which ``ServerSession``, and how replies are framed.
///
/// - POST carrying `initialize` without `Mcp-Session-Id` opens a session; the reply names it in
///   `Mcp-Session-Id` (only when the handshake succeeded).
/// - POST with `Mcp-Session-Id` goes to that session; an unknown id gets 404 (the client
///   re-initializes).
/// - POST of a modern-era (2026-07-28) request — its `params._meta` names the protocol
///   version — needs no session: it gets a session of its own for that one request. A modern
///   "method not found" is answered 404 with its JSON-RPC body, as the spec asks.
/// - Any other POST without the header gets 400.
/// - DELETE with the header ends the session (200). GET with the header opens the session's
///   stream of server-initiated messages when the handler offers one
///   (``ServerMessageHandler/offersServerStream``); otherwise GET gets 405.
/// - Replies: a request's messages as SSE when the client accepts only `text/event-stream`, or
///   accepts both and SSE is preferred (``HTTPServer/ReplyStyle``) or more than one message is
///   owed; otherwise the response as one JSON document. Notifications and responses get 202.
///   A handler's streamed reply (``ServerReply/stream(_:)``) to a lone request is written as SSE
///   event by event; it is collected first where the headers depend on it (an `initialize`, whose
///   success opens the session), in a batch, or for a client that accepts no SSE.
final class StreamableHTTPEndpoint: Sendable {
    static let sessionHeader = "Mcp-Session-Id"

    let path: String
    let handler: any ServerMessageHandler
    let replyStyle: HTTPServer.ReplyStyle
    private let sessions = NIOLockedValueBox<[String: ServerSession]>([:])

    init(path: String, handler: any ServerMessageHandler, replyStyle: HTTPServer.ReplyStyle) {
        self.path = path
        self.handler = handler
        self.replyStyle = replyStyle
    }

    /// The ids of the sessions open now.
    var openSessionIDs: [String] { sessions.withLockedValue { Array($0.keys).sorted() } }

    /// Answers one HTTP request. `headers` names are matched case-insensitively.
    func respond(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) async -> HTTPReply {
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        let requestPath = String(target.prefix { $0 != "?" })
        guard requestPath == path else {
            return .refusal(404, code: JSONRPCErrorObject.invalidRequest, "Not Found: the MCP endpoint is \(path)")
        }
        switch method.uppercased() {
        case "POST":
            return await post(body: body, sessionID: header(Self.sessionHeader), accept: header("Accept"),
                              contentType: header("Content-Type"), versionHeader: header("MCP-Protocol-Version"))
        case "DELETE":
            guard let id = header(Self.sessionHeader) else {
                return .refusal(400, code: JSONRPCErrorObject.invalidRequest, "Bad Request: DELETE needs the \(Self.sessionHeader) header")
            }
            guard let session = sessions.withLockedValue({ $0.removeValue(forKey: id) }) else {
                return .refusal(404, code: JSONRPCErrorObject.invalidRequest, "Not Found: no session \(id)")
            }
            await handler.sessionEnded(session)
            return HTTPReply(status: 200)
        case "GET" where handler.offersServerStream:
            return await serverStream(sessionID: header(Self.sessionHeader), accept: header("Accept"))
        default:
            let allowed = handler.offersServerStream ? "GET, POST, DELETE" : "POST, DELETE"
            return .refusal(405, code: JSONRPCErrorObject.invalidRequest, "Method Not Allowed: POST a JSON-RPC message, DELETE a session",
                            headers: [("Allow", allowed)])
        }
    }

    /// GET: the stream of server-initiated messages of an open session.
    private func serverStream(sessionID: String?, accept: String?) async -> HTTPReply {
        guard AcceptedReplies(header: accept).events else {
            return .refusal(406, code: JSONRPCErrorObject.invalidRequest, "Not Acceptable: the GET stream is text/event-stream")
        }
        guard let sessionID else {
            return .refusal(400, code: JSONRPCErrorObject.invalidRequest, "Bad Request: GET needs the \(Self.sessionHeader) header")
        }
        guard let session = sessions.withLockedValue({ $0[sessionID] }) else {
            return .refusal(404, code: JSONRPCErrorObject.invalidRequest, "Not Found: no session \(sessionID)")
        }
        switch await handler.openServerStream(in: session) {
        case .stream(let produce):
            return HTTPReply(status: 200, body: .stream(HTTPReply.LiveEvents(produce)))
        case .refused(let status, let reason):
            let allow: [(name: String, value: String)] = status == 405 ? [("Allow", "POST, DELETE")] : []
            return .refusal(status, code: JSONRPCErrorObject.invalidRequest, reason, headers: allow)
        }
    }

    /// Ends every open session (the server is stopping).
    func endAllSessions() async {
        let open = sessions.withLockedValue { table in
            defer { table.removeAll() }
            return Array(table.values)
        }
        for session in open { await handler.sessionEnded(session) }
    }

    private func post(body: [UInt8], sessionID: String?, accept: String?, contentType: String?, versionHeader: String?) async -> HTTPReply {
        guard contentType?.lowercased().contains("application/json") ?? false else {
            return .refusal(415, code: JSONRPCErrorObject.invalidRequest, "Unsupported Media Type: send Content-Type: application/json")
        }
        let accepted = AcceptedReplies(header: accept)
        guard accepted.json || accepted.events else {
            return .refusal(406, code: JSONRPCErrorObject.invalidRequest, "Not Acceptable: accept application/json or text/event-stream")
        }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: body)
        } catch {
            return .refusal(400, code: JSONRPCErrorObject.parseError, "Parse error: \(error)")
        }
        let isBatch = document.arrayValue != nil
        var messages: [InboundMessage] = []
        for element in document.arrayValue ?? [document] {
            do {
                messages.append(try InboundMessage(element))
            } catch {
                return .refusal(400, code: JSONRPCErrorObject.invalidRequest, "Invalid Request: \(error)")
            }
        }
        guard !messages.isEmpty else { return .refusal(400, code: JSONRPCErrorObject.invalidRequest, "Invalid Request: an empty batch") }

        let session: ServerSession
        var opened = false, ephemeral = false
        if let sessionID {
            guard let known = sessions.withLockedValue({ $0[sessionID] }) else {
                return .refusal(404, code: JSONRPCErrorObject.invalidRequest, "Not Found: no session \(sessionID); send initialize to open a new one")
            }
            session = known
        } else if messages.contains(where: { Self.isInitialize($0.message) }) {
            session = ServerSession(id: UUID().uuidString.lowercased(), transport: .http)
            opened = true
        } else if let modern = messages.compactMap(Self.modernVersion).first {
            if let versionHeader, versionHeader != modern {
                return .refusal(400, code: JSONRPCErrorObject.headerMismatch,
                                "Bad Request: MCP-Protocol-Version \(versionHeader) does not match _meta \(modern)")
            }
            session = ServerSession(id: nil, transport: .http)
            ephemeral = true
        } else {
            return .refusal(400, code: JSONRPCErrorObject.invalidRequest,
                            "Bad Request: missing \(Self.sessionHeader) header; a session starts with an initialize request")
        }

        // A lone request's streamed reply goes out as it is produced when the headers do not
        // depend on its content.
        let mayStream = !isBatch && !opened && accepted.events
        var replies: [[JSONValue]] = []
        var streamed = false
        for message in messages {
            let reply = await handler.reply(to: message, in: session)
            if case .stream(let produce) = reply {
                if mayStream, message.isRequest {
                    let (handler, ephemeral) = (handler, ephemeral)
                    return HTTPReply(status: 200, body: .stream(HTTPReply.LiveEvents { send in
                        await produce(send)
                        if ephemeral { await handler.sessionEnded(session) }
                    }))
                }
                streamed = true
            }
            let answer = await reply.collected()
            if message.isRequest { replies.append(answer) }
        }
        if ephemeral { await handler.sessionEnded(session) }

        var headers: [(name: String, value: String)] = []
        if opened, let id = session.id, replies.first?.last.map(Self.isSuccess) ?? false {
            sessions.withLockedValue { $0[id] = session }
            headers.append((Self.sessionHeader, id))
        }
        guard !replies.isEmpty else { return HTTPReply(status: 202, headers: headers) }
        let useEvents = accepted.events && (!accepted.json || replyStyle == .events || streamed || replies.contains { $0.count > 1 })
        if useEvents { return HTTPReply(status: 200, headers: headers, body: .events(replies.flatMap { $0 })) }
        let responses = replies.compactMap(\.last)
        var status = 200
        if ephemeral, !isBatch, responses.first?["error"]?["code"]?.intValue == JSONRPCErrorObject.methodNotFound { status = 404 }
        return HTTPReply(status: status, headers: headers, body: .json(isBatch ? .array(responses) : responses[0]))
    }

    private static func isInitialize(_ message: JSONRPCMessage) -> Bool {
        if case .request(_, "initialize", _) = message { return true }
        return false
    }

    private static func modernVersion(_ message: InboundMessage) -> String? {
        message.json["params"]?["_meta"]?[ModernMeta.protocolVersion]?.stringValue
    }

    private static func isSuccess(_ reply: JSONValue) -> Bool { reply["result"] != nil }
}

/// Which reply framings an `Accept` header allows. A missing header or `*/*` allows JSON.
struct AcceptedReplies: Equatable {
    var json: Bool
    var events: Bool

    init(header: String?) {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            (json, events) = (true, false)
            return
        }
        let types = header.lowercased().split(separator: ",").map { $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        json = types.contains { $0 == "application/json" || $0 == "application/*" || $0 == "*/*" }
        events = types.contains("text/event-stream")
    }
}
