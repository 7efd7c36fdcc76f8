import AccordJSON
@testable import AccordMCP
import struct Foundation.URL
import Testing

@Suite("HTTP headers and response rules")
struct HTTPHeadersTests {
    private func headers(_ fields: [HTTPHeaderField]) -> [String: String] {
        Dictionary(fields.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    private let toolsList: JSONValue = ["jsonrpc": "2.0", "id": 2, "method": "tools/list"]

    private func modern(_ method: String, params: JSONValue = [:]) -> JSONValue {
        var members = params.objectValue ?? [:]
        members["_meta"] = [
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": [:],
        ]
        return ["jsonrpc": "2.0", "id": 5, "method": .string(method), "params": .object(members)]
    }

    // MARK: - Streamable HTTP POST

    @Test func everyPostAcceptsJSONAndEventStreams() {
        let sent = headers(MCPHTTPHeaders.streamablePost(for: toolsList, custom: [], sessionID: nil, negotiatedVersion: nil))
        #expect(sent["content-type"] == "application/json")
        #expect(sent["accept"] == "application/json, text/event-stream")
        #expect(sent["mcp-session-id"] == nil)
        #expect(sent["mcp-protocol-version"] == nil)
        #expect(sent["origin"] == nil)
    }

    @Test func sessionIDIsEchoed() {
        let sent = headers(MCPHTTPHeaders.streamablePost(for: toolsList, custom: [], sessionID: "abc123", negotiatedVersion: nil))
        #expect(sent["mcp-session-id"] == "abc123")
    }

    @Test(arguments: [
        ("2024-11-05", nil as String?),
        ("2025-03-26", nil),
        ("2025-06-18", "2025-06-18"),
        ("2025-11-25", "2025-11-25"),
    ])
    func negotiatedVersionHeaderFrom20250618(_ version: String, _ expected: String?) {
        let sent = headers(MCPHTTPHeaders.streamablePost(for: toolsList, custom: [], sessionID: "s", negotiatedVersion: version))
        #expect(sent["mcp-protocol-version"] == expected)
        #expect(sent["mcp-method"] == nil)
    }

    @Test func modernRequestsMirrorMetaVersionAndMethod() {
        let sent = headers(MCPHTTPHeaders.streamablePost(for: modern("tools/list"), custom: [], sessionID: nil, negotiatedVersion: "2025-11-25"))
        #expect(sent["mcp-protocol-version"] == "2026-07-28")
        #expect(sent["mcp-method"] == "tools/list")
        #expect(sent["mcp-name"] == nil)
    }

    static let nameCases: [(method: String, params: JSONValue, name: String?)] = [
        ("tools/call", ["name": "add", "arguments": ["a": 1]], "add"),
        ("prompts/get", ["name": "greet"], "greet"),
        ("resources/read", ["uri": "file:///notes/1"], "file:///notes/1"),
        ("resources/list", [:], nil),
        ("server/discover", [:], nil),
    ]

    @Test(arguments: nameCases)
    func modernNameHeader(_ method: String, _ params: JSONValue, _ expected: String?) {
        let sent = headers(MCPHTTPHeaders.streamablePost(for: modern(method, params: params), custom: [], sessionID: nil, negotiatedVersion: nil))
        #expect(sent["mcp-method"] == method)
        #expect(sent["mcp-name"] == expected)
    }

    @Test func nameHeaderIsBase64WrappedWhenNotPlainASCII() {
        let sent = headers(MCPHTTPHeaders.streamablePost(
            for: modern("resources/read", params: ["uri": "notes://café"]), custom: [], sessionID: nil, negotiatedVersion: nil
        ))
        #expect(sent["mcp-name"] == "=?base64?bm90ZXM6Ly9jYWbDqQ==?=")
    }

    @Test(arguments: [
        ("plain-name_1.0", "plain-name_1.0"),
        ("with space inside", "with space inside"),
        (" leading", "=?base64?IGxlYWRpbmc=?="),
        ("trailing ", "=?base64?dHJhaWxpbmcg?="),
        ("tab\there", "=?base64?dGFiCWhlcmU=?="),
        ("=?base64?abc?=", "=?base64?PT9iYXNlNjQ/YWJjPz0=?="),
        ("=?base64?=", "=?base64?="),
        ("日本", "=?base64?5pel5pys?="),
    ])
    func headerValueEncoding(_ value: String, _ expected: String) {
        #expect(MCPHTTPHeaders.encodedValue(value) == expected)
    }

    @Test func modernNotificationsCarryMethodButNoName() {
        let notification: JSONValue = [
            "jsonrpc": "2.0", "method": "notifications/cancelled",
            "params": ["_meta": ["io.modelcontextprotocol/protocolVersion": "2026-07-28"]],
        ]
        let sent = headers(MCPHTTPHeaders.streamablePost(for: notification, custom: [], sessionID: nil, negotiatedVersion: nil))
        #expect(sent["mcp-protocol-version"] == "2026-07-28")
        #expect(sent["mcp-method"] == "notifications/cancelled")
    }

    @Test func customHeadersAreSentButCannotOverrideProtocolHeaders() {
        let custom = [
            HTTPHeaderField(name: "Authorization", value: "Bearer secret"),
            HTTPHeaderField(name: "accept", value: "text/html"),
            HTTPHeaderField(name: "X-Tenant", value: "a"),
            HTTPHeaderField(name: "X-Tenant", value: "b"),
        ]
        let fields = MCPHTTPHeaders.streamablePost(for: toolsList, custom: custom, sessionID: nil, negotiatedVersion: nil)
        #expect(fields.filter { $0.name.lowercased() == "accept" }.map(\.value) == ["application/json, text/event-stream"])
        #expect(fields.filter { $0.name == "X-Tenant" }.map(\.value) == ["a", "b"])
        #expect(headers(fields)["authorization"] == "Bearer secret")
    }

    @Test func headerValuesAreRedactedInDescriptions() {
        let field = HTTPHeaderField(name: "Authorization", value: "Bearer secret")
        #expect(!"\(field)".contains("secret"))
        #expect(!"\(MCPHTTPHeaders.streamablePost(for: toolsList, custom: [field], sessionID: "s", negotiatedVersion: nil))".contains("secret"))
    }

    @Test func deleteCarriesSessionAndVersion() {
        let sent = headers(MCPHTTPHeaders.sessionDelete(custom: [HTTPHeaderField(name: "X-Key", value: "k")], sessionID: "s1", negotiatedVersion: "2025-06-18"))
        #expect(sent == ["x-key": "k", "mcp-session-id": "s1", "mcp-protocol-version": "2025-06-18"])
    }

    @Test func legacyStreamAsksForEventStream() {
        let sent = headers(MCPHTTPHeaders.legacyStream(custom: [HTTPHeaderField(name: "Authorization", value: "Bearer t")]))
        #expect(sent["accept"] == "text/event-stream")
        #expect(sent["authorization"] == "Bearer t")
        #expect(sent["content-type"] == nil)
        let post = headers(MCPHTTPHeaders.legacyPost(custom: []))
        #expect(post["content-type"] == "application/json")
        #expect(post["mcp-protocol-version"] == nil)
    }

    // MARK: - Content types

    @Test(arguments: [
        ("application/json", "application/json" as String?),
        ("Application/JSON; charset=utf-8", "application/json"),
        (" text/event-stream ;charset=UTF-8", "text/event-stream"),
        ("", nil),
    ])
    func mediaTypes(_ header: String, _ expected: String?) {
        #expect(HTTPResponseRules.mediaType(header) == expected)
    }

    @Test func jsonAndEventStreamDetection() {
        #expect(HTTPResponseRules.isJSON("application/json"))
        #expect(HTTPResponseRules.isJSON("application/vnd.api+json"))
        #expect(!HTTPResponseRules.isJSON("text/plain"))
        #expect(!HTTPResponseRules.isJSON(nil))
        #expect(HTTPResponseRules.isEventStream("text/event-stream"))
        #expect(!HTTPResponseRules.isEventStream("application/json"))
    }

    // MARK: - Non-2xx answers

    private let url = "http://127.0.0.1:8000/mcp"

    @Test(arguments: [401, 403])
    func authenticationFailuresQuoteTheChallenge(_ status: Int) {
        let outcome = HTTPResponseRules.failure(status: status, url: url, challenge: #"Bearer realm="mcp""#, body: Array("nope".utf8), requestIDs: [1])
        #expect(outcome == .error(.authenticationFailed(url: url, status: status, challenge: #"Bearer realm="mcp""#)))
    }

    @Test func errorBodyAnsweringOurRequestIsDelivered() {
        let body = #"{"jsonrpc":"2.0","id":5,"error":{"code":-32601,"message":"Method not found"}}"#
        let outcome = HTTPResponseRules.failure(status: 404, url: url, challenge: nil, body: Array(body.utf8), requestIDs: [5])
        let expected: JSONValue = ["jsonrpc": "2.0", "id": 5, "error": ["code": -32601, "message": "Method not found"]]
        #expect(outcome == .replies([expected]))
    }

    @Test func headerMismatchBodyIsDelivered() {
        let body = #"{"jsonrpc":"2.0","id":"req-1","error":{"code":-32020,"message":"mcp-method header does not match"}}"#
        let outcome = HTTPResponseRules.failure(status: 400, url: url, challenge: nil, body: Array(body.utf8), requestIDs: ["req-1"])
        guard case .replies(let messages) = outcome else {
            Issue.record("expected replies, got \(outcome)")
            return
        }
        #expect(messages.first?["error"]?["code"]?.intValue == -32020)
    }

    @Test func numericIDsMatchByValue() {
        let body = #"{"jsonrpc":"2.0","id":5.0,"error":{"code":-32601,"message":"x"}}"#
        let outcome = HTTPResponseRules.failure(status: 404, url: url, challenge: nil, body: Array(body.utf8), requestIDs: [5])
        guard case .replies = outcome else {
            Issue.record("expected replies, got \(outcome)")
            return
        }
    }

    @Test func errorBodyForAnotherIDIsAnHTTPError() {
        // mcp's session manager answers an unknown session with id "server-error".
        let body = #"{"jsonrpc":"2.0","id":"server-error","error":{"code":-32600,"message":"Bad Request: No valid session ID provided"}}"#
        let outcome = HTTPResponseRules.failure(status: 400, url: url, challenge: nil, body: Array(body.utf8), requestIDs: [1])
        #expect(outcome == .error(.httpStatus(url: url, status: 400, body: body)))
    }

    @Test func notificationsNeverTurnErrorBodiesIntoReplies() {
        let body = #"{"jsonrpc":"2.0","id":1,"error":{"code":-32600,"message":"x"}}"#
        let outcome = HTTPResponseRules.failure(status: 400, url: url, challenge: nil, body: Array(body.utf8), requestIDs: [])
        #expect(outcome == .error(.httpStatus(url: url, status: 400, body: body)))
    }

    @Test func longErrorBodiesAreClipped() {
        let body = Array(String(repeating: "x", count: 2000).utf8)
        guard case .error(.httpStatus(_, 500, let excerpt)) = HTTPResponseRules.failure(status: 500, url: url, challenge: nil, body: body, requestIDs: [1]) else {
            Issue.record("expected an HTTP status error")
            return
        }
        #expect(excerpt.count == 501)
        #expect(excerpt.hasSuffix("…"))
    }

    @Test func blankSSEPayloadsAreRecognised() {
        // A 2025-11-25 server primes a resumable stream with `id: 0` and an empty `data:`.
        #expect(HTTPResponseRules.isBlank(""))
        #expect(HTTPResponseRules.isBlank(" \n"))
        #expect(!HTTPResponseRules.isBlank("{}"))
    }

    @Test func nonJSONPayloadIsAnInvalidMessage() {
        #expect(throws: MCPError.self) { try HTTPResponseRules.parseMessages(Array("<html>".utf8)) }
        #expect((try? HTTPResponseRules.parseMessages(Array("[1,2]".utf8)))?.count == 2)
    }

    // MARK: - Message inspection

    @Test func requestIDsOfSingleMessagesAndBatches() {
        #expect(HTTPMessageInspection.requestIDs(in: toolsList) == [2])
        #expect(HTTPMessageInspection.requestIDs(in: ["jsonrpc": "2.0", "method": "notifications/initialized"]) == [])
        #expect(HTTPMessageInspection.requestIDs(in: ["jsonrpc": "2.0", "id": 3, "result": [:]]) == [])
        #expect(HTTPMessageInspection.requestIDs(in: [toolsList, ["jsonrpc": "2.0", "id": "x", "method": "ping"]]) == [2, "x"])
    }

    @Test func answeredIDsAreRemoved() {
        let reply: JSONValue = ["jsonrpc": "2.0", "id": 2, "result": [:]]
        let notification: JSONValue = ["jsonrpc": "2.0", "method": "notifications/progress", "params": [:]]
        #expect(HTTPMessageInspection.removingAnswered(by: reply, from: [2, 3]) == [3])
        #expect(HTTPMessageInspection.removingAnswered(by: notification, from: [2]) == [2])
    }

    @Test func sameOriginRules() throws {
        let base = try #require(URL(string: "http://127.0.0.1:8000/sse"))
        #expect(HTTPExchange.sameOrigin(base, try #require(URL(string: "/messages/?session_id=1", relativeTo: base)?.absoluteURL)))
        #expect(HTTPExchange.sameOrigin(try #require(URL(string: "http://h/a")), try #require(URL(string: "http://H:80/b"))))
        #expect(!HTTPExchange.sameOrigin(base, try #require(URL(string: "http://127.0.0.1:9000/messages"))))
        #expect(!HTTPExchange.sameOrigin(base, try #require(URL(string: "https://127.0.0.1:8000/messages"))))
    }
}
