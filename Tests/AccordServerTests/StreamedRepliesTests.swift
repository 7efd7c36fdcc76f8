import AccordJSON
import AccordMCP
@testable import AccordServer
import Synchronization
import Testing

/// Streamed replies (``ServerReply/stream(_:)``) and the GET stream: when the endpoint writes
/// them event by event and when it collects them, checked without sockets and then over a real
/// socket with ``StreamableHTTPRelay`` as the client.
@Suite struct StreamedRepliesTests {
    /// A flag another task sets; `wait` polls it for at most `seconds`.
    final class Gate: Sendable {
        private let opened = Mutex(false)
        func open() { opened.withLock { $0 = true } }
        func wait(seconds: Double) async -> Bool {
            for _ in 0..<Int(seconds * 100) {
                if opened.withLock({ $0 }) { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return opened.withLock { $0 }
        }
    }

    /// Answers `initialize`, and every other request with a progress notification, then — once
    /// the gate opens, or after 5 s — its response. Its GET stream sends one notification.
    struct Streaming: ServerMessageHandler {
        let gate = Gate()

        static func progress(_ id: JSONValue) -> JSONValue {
            ["jsonrpc": "2.0", "method": "notifications/progress", "params": ["progressToken": id, "progress": 1]]
        }

        func receive(_ message: InboundMessage, in session: ServerSession) async -> [JSONValue] {
            await reply(to: message, in: session).collected()
        }

        func reply(to message: InboundMessage, in session: ServerSession) async -> ServerReply {
            guard case .request(let id, let method, _) = message.message else { return .messages([]) }
            if method == "initialize" {
                return .stream { send in _ = await send(JSONRPCMessage.response(id: id, result: ["protocolVersion": "2025-11-25"]).json) }
            }
            let gate = gate
            return .stream { send in
                guard await send(Self.progress(id)) else { return }
                let released = await gate.wait(seconds: 5)
                _ = await send(JSONRPCMessage.response(id: id, result: ["released": .bool(released)]).json)
            }
        }

        var offersServerStream: Bool { true }

        func openServerStream(in session: ServerSession) async -> ServerStreamOpening {
            .stream { send in _ = await send(["jsonrpc": "2.0", "method": "notifications/tools/list_changed"]) }
        }
    }

    static let both = "application/json, text/event-stream"
    static let initialize: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": "initialize",
                                        "params": ["protocolVersion": "2025-11-25", "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]]]
    static let call: JSONValue = ["jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": ["name": "wait", "arguments": [:]]]

    func post(_ endpoint: StreamableHTTPEndpoint, _ body: JSONValue, session: String? = nil, accept: String = both) async -> HTTPReply {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Accept", accept)]
        if let session { headers.append(("Mcp-Session-Id", session)) }
        return await endpoint.respond(method: "POST", target: "/mcp", headers: headers, body: JSONEncoding.compactBytes(body))
    }

    @Test func aLoneRequestIsStreamedAnInitializeOrAJSONOnlyClientIsCollected() async throws {
        let handler = Streaming()
        handler.gate.open()
        let endpoint = StreamableHTTPEndpoint(path: "/mcp", handler: handler, replyStyle: .json)
        let opened = await post(endpoint, Self.initialize)
        let session = try #require(opened.headers.first { $0.name == StreamableHTTPEndpoint.sessionHeader }?.value, "the session opens once the initialize reply is known")
        guard case .events(let hello) = opened.body else { Issue.record("a streamed initialize reply is framed as SSE: \(opened)"); return }
        #expect(hello.first?["result"]?["protocolVersion"] == "2025-11-25")

        let streamed = await post(endpoint, Self.call, session: session)
        guard case .stream(let live) = streamed.body else { Issue.record("expected a live stream: \(streamed)"); return }
        #expect(streamed.status == 200 && streamed.encodedBody.contentType == "text/event-stream")
        let messages = await ServerReply.stream(live.produce).collected()
        #expect(messages == [Streaming.progress(2), ["jsonrpc": "2.0", "id": 2, "result": ["released": true]]])

        let jsonOnly = await post(endpoint, Self.call, session: session, accept: "application/json")
        #expect(jsonOnly.body == .json(["jsonrpc": "2.0", "id": 2, "result": ["released": true]]), "a client that takes no SSE gets the response alone")
    }

    @Test func theGETStreamNeedsAnOpenSessionAndEventStreamAccept() async throws {
        let endpoint = StreamableHTTPEndpoint(path: "/mcp", handler: Streaming(), replyStyle: .json)
        let session = try #require(await post(endpoint, Self.initialize).headers.first { $0.name == StreamableHTTPEndpoint.sessionHeader }?.value)
        func get(_ headers: [(name: String, value: String)]) async -> HTTPReply {
            await endpoint.respond(method: "GET", target: "/mcp", headers: headers, body: [])
        }
        #expect(await get([("Accept", "text/event-stream")]).status == 400)
        #expect(await get([("Accept", "text/event-stream"), ("Mcp-Session-Id", "nope")]).status == 404)
        #expect(await get([("Accept", "application/json"), ("Mcp-Session-Id", session)]).status == 406)
        let stream = await get([("Accept", "text/event-stream"), ("Mcp-Session-Id", session)])
        guard case .stream(let live) = stream.body else { Issue.record("\(stream)"); return }
        #expect(await ServerReply.stream(live.produce).collected() == [["jsonrpc": "2.0", "method": "notifications/tools/list_changed"]])
    }

    /// Over a socket: the progress event reaches the client while the producer still waits for
    /// the client to see it (buffered until the end, the call answers released: false after 5 s).
    @Test func eventsReachTheClientAsTheyAreProduced() async throws {
        let handler = Streaming()
        let server = try await HTTPServer.bind(ListenAddress(host: "127.0.0.1", port: 0), handler: handler)
        let running = Task { await server.run() }
        defer { running.cancel() }
        let relay = StreamableHTTPRelay(url: server.url)
        let hello = try await relay.post(Self.initialize, sessionID: nil, negotiatedVersion: nil)
        let session = try #require(hello.sessionID)

        let reply = try await relay.send(Self.call, sessionID: session, negotiatedVersion: "2025-11-25")
        guard case .events(let events) = reply.body else { Issue.record("expected SSE"); return }
        var seen: [JSONValue] = []
        try await events.forEach { message in
            if message["method"] == "notifications/progress" { handler.gate.open() }
            seen.append(message)
            return true
        }
        #expect(seen == [Streaming.progress(2), ["jsonrpc": "2.0", "id": 2, "result": ["released": true]]])

        guard case .events(let serverStream) = try await relay.openServerStream(sessionID: session, negotiatedVersion: "2025-11-25") else {
            Issue.record("the GET stream was refused"); return
        }
        var notifications: [JSONValue] = []
        try await serverStream.forEach { notifications.append($0); return true }
        #expect(notifications == [["jsonrpc": "2.0", "method": "notifications/tools/list_changed"]])
        await relay.shutdown()
    }
}
