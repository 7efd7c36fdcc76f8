import AccordJSON
import AccordServer
import AccordTestSupport
import Foundation
import Testing

/// The NIO listener in process, driven by clients nobody here wrote: the official SDK's
/// `ClientSession` (handshake era, SSE and JSON replies) and fastmcp's `Client` (which probes
/// `server/discover` first, so it speaks the modern era).
@Suite struct HTTPServerInteropTests {
    struct Greeter: MCPCallHandler {
        func handle(_ call: MCPCall) async -> MCPCallOutcome {
            guard case .callTool("greet", let arguments) = call.target else {
                return .error(.init(code: -32602, message: "no such call: \(call.target.name)"))
            }
            let name = arguments["name"]?.stringValue ?? "?"
            return .result(["content": [["type": "text", "text": .string("hello \(name)")]], "structuredContent": ["greeting": .string("hello \(name)")], "isError": false])
        }
    }

    static let offer = ServerOffer(
        serverInfo: ["name": "greeter", "version": "0.1.0"], instructions: "Say hello.",
        tools: [
            ["name": "greet", "inputSchema": ["type": "object", "properties": ["name": ["type": "string"]], "required": ["name"]],
             "outputSchema": ["type": "object", "properties": ["greeting": ["type": "string"]], "required": ["greeting"]]],
            ["name": "wave", "inputSchema": ["type": "object"]],
            ["name": "nod", "inputSchema": ["type": "object"]],
        ],
        pageSize: 2)

    static let steps = #"[{"op":"tools"},{"op":"call","name":"greet","arguments":{"name":"Ada"}},{"op":"read","uri":"x://nope"}]"#

    func serve(_ style: HTTPServer.ReplyStyle, _ body: (HTTPServer) async throws -> Void) async throws {
        let server = try await HTTPServer.bind(ListenAddress(host: "127.0.0.1", port: 0), replyStyle: style,
                                               handler: MCPServerDispatcher(offer: Self.offer, calls: Greeter()))
        #expect(server.address.port != 0)
        let running = Task { await server.run() }
        defer { running.cancel() }
        try await body(server)
        running.cancel()
        await running.value
    }

    @Test(arguments: [("sdk", HTTPServer.ReplyStyle.events), ("sdk", .json), ("fastmcp", .json), ("fastmcp", .events)])
    func pythonClients(client: String, style: HTTPServer.ReplyStyle) async throws {
        try await serve(style) { server in
            // fastmcp is pinned to the modern era: its auto probe may time out on a loaded machine.
            let mode = client == "fastmcp" ? ["--mode", "2026-07-28"] : []
            // Hang guards, not timings: in the full suite this client waits its turn with every
            // other test for the in-process server's threads (it took over 60 s on CI).
            let run = try await runChild(try Peers.python(), [try Peers.fixture("mcp_client.py"), "--client", client, "--url", server.url, "--steps", Self.steps,
                                                              "--timeout", "240"] + mode, limit: 300)
            #expect(run.status == 0, "\(run)")
            let out = try JSONValue(parsing: run.stdout)
            #expect(out["serverInfo"]?["name"] == "greeter")
            #expect(out["instructions"] == "Say hello.")
            #expect(out["steps"]?[0]?["names"] == ["greet", "wave", "nod"], "both pages listed")
            #expect(out["steps"]?[1]?["result"]?["structuredContent"]?["greeting"] == "hello Ada")
            #expect(out["steps"]?[2]?["error"]?["message"]?.stringValue?.contains("no such call") == true, "\(out)")
            if client == "fastmcp" {
                #expect(out["protocolVersion"] == "2026-07-28", "fastmcp in the modern era")
            } else {
                #expect(out["protocolVersion"] == "2025-11-25")
            }
        }
    }

    @Test func legacyClient() async throws {
        try await serve(.events) { server in
            let run = try await runChild(try Peers.legacyPython(), [try Peers.fixture("mcp_client.py"), "--url", server.url, "--steps", Self.steps,
                                                                    "--timeout", "240"], limit: 300)
            #expect(run.status == 0, "\(run)")
            let out = try JSONValue(parsing: run.stdout)
            #expect(out["steps"]?[1]?["result"]?["structuredContent"]?["greeting"] == "hello Ada", "\(out)")
        }
    }

    @Test func aSecondListenerOnTheSamePortIsATypedError() async throws {
        try await serve(.json) { server in
            do {
                _ = try await HTTPServer.bind(server.address, handler: MCPServerDispatcher(offer: Self.offer, calls: Greeter()))
                Issue.record("bound a port in use")
            } catch let error as ServerError {
                #expect(error.kind == .addressInUse(host: "127.0.0.1", port: server.address.port))
                #expect(!error.description.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
