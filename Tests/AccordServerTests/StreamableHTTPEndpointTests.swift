import AccordJSON
import AccordMCP
@testable import AccordServer
import Testing

/// The Streamable HTTP rules without sockets: which request opens, uses and ends a session, and
/// how replies are framed.
@Suite struct StreamableHTTPEndpointTests {
    static let offer = ServerOffer(serverInfo: ["name": "unit", "version": "1.0.0"], instructions: "for tests",
                                   tools: (1...3).map { ["name": .string("tool\($0)"), "inputSchema": ["type": "object"]] }, pageSize: 2)

    struct Echo: MCPCallHandler {
        func handle(_ call: MCPCall) async -> MCPCallOutcome {
            .result(["content": [["type": "text", "text": .string(call.target.name)]], "isError": false])
        }
    }

    let endpoint = StreamableHTTPEndpoint(path: "/mcp", handler: MCPServerDispatcher(offer: offer, calls: Echo()), replyStyle: .json)
    static let both = "application/json, text/event-stream"

    func post(_ body: JSONValue, session: String? = nil, accept: String = both, extra: [(name: String, value: String)] = []) async -> HTTPReply {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Accept", accept)]
        if let session { headers.append(("mcp-session-id", session)) }
        return await endpoint.respond(method: "POST", target: "/mcp", headers: headers + extra, body: JSONEncoding.compactBytes(body))
    }

    static func request(_ id: Int, _ method: String, _ params: JSONValue = [:]) -> JSONValue {
        ["jsonrpc": "2.0", "id": .number(JSONNumber(id)), "method": .string(method), "params": params]
    }

    static let initialize = request(1, "initialize", ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]])

    func sessionID(_ reply: HTTPReply) -> String? {
        reply.headers.first { $0.name == StreamableHTTPEndpoint.sessionHeader }?.value
    }

    @Test func initializeOpensASessionThatRequestsUseAndDeleteEnds() async throws {
        let opened = await post(Self.initialize)
        #expect(opened.status == 200)
        let id = try #require(sessionID(opened))
        guard case .json(let reply) = opened.body else { Issue.record("expected JSON: \(opened)"); return }
        #expect(reply["result"]?["protocolVersion"] == "2025-06-18")
        #expect(reply["result"]?["serverInfo"]?["name"] == "unit")

        let notified = await post(["jsonrpc": "2.0", "method": "notifications/initialized"], session: id)
        #expect(notified.status == 202 && notified.body == .empty)

        let page = await post(Self.request(2, "tools/list"), session: id)
        guard case .json(let list) = page.body else { Issue.record("\(page)"); return }
        #expect(list["result"]?["tools"]?.arrayValue?.count == 2)
        let cursor = try #require(list["result"]?["nextCursor"])
        let next = await post(Self.request(3, "tools/list", ["cursor": cursor]), session: id)
        guard case .json(let rest) = next.body else { Issue.record("\(next)"); return }
        #expect(rest["result"]?["tools"]?.arrayValue?.map { $0["name"] } == ["tool3"])
        #expect(rest["result"]?["nextCursor"] == nil)

        let bogus = await post(Self.request(4, "tools/list", ["cursor": "nope"]), session: id)
        guard case .json(let refused) = bogus.body else { Issue.record("\(bogus)"); return }
        #expect(refused["error"]?["code"] == -32602)

        let deleted = await endpoint.respond(method: "DELETE", target: "/mcp", headers: [("Mcp-Session-Id", id)], body: [])
        #expect(deleted.status == 200)
        let gone = await post(Self.request(5, "ping"), session: id)
        #expect(gone.status == 404)
    }

    @Test func sseWhenTheClientAcceptsOnlyEventsOrTheServerPrefersThem() async throws {
        let events = await post(Self.initialize, accept: "text/event-stream")
        guard case .events(let messages) = events.body else { Issue.record("\(events)"); return }
        #expect(messages.count == 1 && messages[0]["result"]?["protocolVersion"] == "2025-06-18")
        #expect(String(decoding: events.encodedBody.bytes, as: UTF8.self).hasPrefix("event: message\ndata: {"))

        let preferring = StreamableHTTPEndpoint(path: "/mcp", handler: MCPServerDispatcher(offer: Self.offer, calls: Echo()), replyStyle: .events)
        let reply = await preferring.respond(method: "POST", target: "/mcp", headers: [("Content-Type", "application/json"), ("Accept", Self.both)],
                                             body: JSONEncoding.compactBytes(Self.initialize))
        guard case .events = reply.body else { Issue.record("\(reply)"); return }
    }

    @Test func refusals() async {
        #expect(await post(Self.request(1, "tools/list")).status == 400, "no session, not initialize")
        #expect(await post(Self.request(1, "tools/list"), session: "unknown").status == 404)
        #expect(await post(Self.initialize, accept: "text/html").status == 406)
        #expect(await endpoint.respond(method: "GET", target: "/mcp", headers: [], body: []).status == 405)
        #expect(await endpoint.respond(method: "POST", target: "/other", headers: [("Content-Type", "application/json")], body: []).status == 404)
        let unparsable = await endpoint.respond(method: "POST", target: "/mcp", headers: [("Content-Type", "application/json")], body: Array("{nope".utf8))
        #expect(unparsable.status == 400)
        #expect(endpoint.openSessionIDs.isEmpty, "no refused request opened a session")
    }

    @Test func modernRequestsNeedNoSession() async {
        let meta: JSONValue = [ModernMeta.protocolVersion: "2026-07-28", ModernMeta.clientCapabilities: [:], ModernMeta.clientInfo: ["name": "t", "version": "1"]]
        let discovered = await post(Self.request(1, "server/discover", ["_meta": meta]))
        guard case .json(let discover) = discovered.body else { Issue.record("\(discovered)"); return }
        #expect(discover["result"]?["supportedVersions"]?.arrayValue?.contains("2026-07-28") == true)
        #expect(discover["result"]?["_meta"]?[ModernMeta.serverInfo]?["name"] == "unit")
        #expect(discover["result"]?["resultType"] == "complete")
        #expect(sessionID(discovered) == nil)

        let called = await post(Self.request(2, "tools/call", ["name": "tool1", "_meta": meta]))
        guard case .json(let call) = called.body else { Issue.record("\(called)"); return }
        #expect(call["result"]?["content"]?[0]?["text"] == "tool1")

        let unknown = await post(Self.request(3, "nope/nope", ["_meta": meta]))
        #expect(unknown.status == 404, "a modern unknown method is 404 with its JSON-RPC body")

        let unsupported: JSONValue = [ModernMeta.protocolVersion: "2027-01-01", ModernMeta.clientCapabilities: [:]]
        let refused = await post(Self.request(4, "server/discover", ["_meta": unsupported]))
        guard case .json(let error) = refused.body else { Issue.record("\(refused)"); return }
        #expect(error["error"]?["code"] == -32022)
        #expect(error["error"]?["data"]?["supported"]?.arrayValue?.contains("2025-11-25") == true)
    }

    @Test func initializeAnswersAKnownHandshakeVersionElseTheNewest() async {
        for (asked, answered) in [("2024-11-05", "2024-11-05"), ("2025-03-26", "2025-03-26"), ("2026-07-28", "2025-11-25"), ("1999-01-01", "2025-11-25")] {
            let reply = await post(Self.request(1, "initialize", ["protocolVersion": .string(asked), "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]]))
            guard case .json(let body) = reply.body else { Issue.record("\(reply)"); continue }
            #expect(body["result"]?["protocolVersion"] == .string(answered), "asked \(asked)")
        }
    }

    @Test func listenAddresses() throws {
        #expect(try ListenAddress(parsing: "127.0.0.1:0") == ListenAddress(host: "127.0.0.1", port: 0))
        #expect(try ListenAddress(parsing: "[::1]:8000") == ListenAddress(host: "::1", port: 8000))
        #expect(throws: ServerError.self) { try ListenAddress(parsing: "127.0.0.1") }
        #expect(throws: ServerError.self) { try ListenAddress(parsing: "127.0.0.1:99999") }
    }
}
