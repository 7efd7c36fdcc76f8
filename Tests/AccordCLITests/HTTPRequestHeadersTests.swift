import AccordJSON
import AccordMCP
import AccordTestSupport
import Foundation
import Testing

/// 2026-07-28 request headers against `param_header_server.py`, which rejects a request whose
/// `MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name` or `Mcp-Param-*` headers are missing or do
/// not match the body (400 + -32020), as the spec's "Server Validation" demands.
@Suite(.serialized) struct HTTPRequestHeadersTests {
    static func session<Result: Sendable>(_ server: BackgroundServer, _ body: @Sendable (MCPSession) async throws -> Result) async throws -> Result {
        try await MCPSession.with(
            .http(HTTPConnectionOptions(url: server.url, transport: .streamableHTTP)),
            options: ClientOptions(timeout: .seconds(60), pinnedProtocolVersion: "2026-07-28"),  // generous: a loaded CI machine once took over 20 s for tools/list
            body
        )
    }

    static func server() async throws -> BackgroundServer {
        try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("param_header_server.py"), "--port", "{port}"])
    }

    static let arguments: JSONValue = [
        "region": "us-west1", "query": "SELECT 1", "options": ["limit": 42], "confirm": true, "greeting": "Hello, 世界",
    ]

    /// The headers the server saw, from its reply text.
    static func receivedHeaders(_ result: JSONValue) throws -> [String: String] {
        let text = try #require(result["content"]?[0]?["text"]?.stringValue)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
    }

    @Test func toolsCallMirrorsAnnotatedArgumentsIntoMcpParamHeaders() async throws {
        let server = try await Self.server()
        let (received, warnings) = try await Self.session(server) { session in
            _ = try await session.listAll("tools/list", itemsKey: "tools")
            let result = try await session.request("tools/call", params: ["name": "execute_sql", "arguments": Self.arguments])
            return (try Self.receivedHeaders(result), await session.warnings())
        }
        #expect(received == ["mcp-param-region": "us-west1", "mcp-param-limit": "42", "mcp-param-confirm": "true", "mcp-param-greeting": "Hello, 世界"])
        // The tool whose annotation sits below `items` is reported, not silently trusted.
        #expect(warnings.contains { $0.contains("\"broken\"") && $0.contains("x-mcp-header") }, "\(warnings)")
    }

    @Test func absentArgumentsSendNoHeader() async throws {
        let server = try await Self.server()
        let received = try await Self.session(server) { session in
            _ = try await session.listAll("tools/list", itemsKey: "tools")
            let result = try await session.request("tools/call", params: ["name": "execute_sql", "arguments": ["region": "eu", "query": "x"]])
            return try Self.receivedHeaders(result)
        }
        #expect(received == ["mcp-param-region": "eu"])
    }

    /// A call before any tools/list: the server answers -32020, Accord lists the tools (learning
    /// the annotations) and retries once, as the spec's client behaviour says it should.
    @Test func headerMismatchIsRepairedByListingToolsAndRetryingOnce() async throws {
        let server = try await Self.server()
        let received = try await Self.session(server) { session in
            try Self.receivedHeaders(try await session.request("tools/call", params: ["name": "execute_sql", "arguments": Self.arguments]))
        }
        #expect(received["mcp-param-region"] == "us-west1")
        #expect(received["mcp-param-limit"] == "42")
    }

    @Test func aToolWithoutAnnotationsNeedsNoParameterHeaders() async throws {
        let server = try await Self.server()
        let received = try await Self.session(server) { session in
            try Self.receivedHeaders(try await session.request("tools/call", params: ["name": "plain", "arguments": ["q": "x"]]))
        }
        #expect(received.isEmpty)
    }
}
