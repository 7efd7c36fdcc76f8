import AccordTestSupport
import AccordJSON
import Foundation
import Testing

/// `accord snapshot` against real MCP servers on loopback, one per transport and era.
@Suite(.serialized) struct InteropTests {
    @Test func pythonSDKOverStdio() async throws {
        let run = try await runAccord(["snapshot", "--", try Peers.python(), try Peers.fixture("sdk_server.py")])
        let snapshot = try parseSnapshot(run)
        expectWeatherNotesPeer(snapshot)
        #expect(snapshot["serverInfo"]?["name"] == "accord-sdk-peer")
        #expect(snapshot["instructions"]?.stringValue?.isEmpty == false)
    }

    @Test(arguments: [
        ["--transport", "streamable-http"],
        ["--transport", "streamable-http", "--json-response"],
        ["--transport", "streamable-http", "--stateless"],
        ["--transport", "streamable-http", "--stateless", "--json-response"],
    ])
    func pythonSDKOverStreamableHTTP(_ flags: [String]) async throws {
        let stdio = try parseSnapshot(try await runAccord(["snapshot", "--protocol-version", "2025-11-25", "--", try Peers.python(), try Peers.fixture("sdk_server.py")]))
        let server = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("sdk_server.py"), "--port", "{port}"] + flags)
        for version in ["2025-11-25", "2026-07-28"] {
            let snapshot = try parseSnapshot(try await runAccord(["snapshot", "--url", server.url, "--protocol-version", version]))
            expectWeatherNotesPeer(snapshot)
            #expect(definitions(snapshot) == definitions(stdio), "\(flags) \(version) differs from stdio")
        }
        let negotiated = try parseSnapshot(try await runAccord(["snapshot", "--url", server.url]))
        #expect(definitions(negotiated) == definitions(stdio))
    }

    @Test func pythonSDKOverLegacySSEByFallbackAndByFlag() async throws {
        let server = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("sdk_server.py"), "--transport", "sse", "--port", "{port}"])
        let detected = try parseSnapshot(try await runAccord(["snapshot", "--url", server.sseURL]))
        expectWeatherNotesPeer(detected)
        let forced = try parseSnapshot(try await runAccord(["snapshot", "--url", server.sseURL, "--transport", "sse"]))
        #expect(forced == detected)
    }

    @Test func dualEraServerGivesTheSameDefinitionsInBothEras() async throws {
        let command = [try Peers.python(), try Peers.fixture("sdk_server.py")]
        let handshake = try parseSnapshot(try await runAccord(["snapshot", "--protocol-version", "2025-11-25", "--"] + command))
        let modern = try parseSnapshot(try await runAccord(["snapshot", "--protocol-version", "2026-07-28", "--"] + command))
        #expect(handshake["era"] == "handshake")
        #expect(modern["era"] == "modern")
        #expect(modern["protocolVersion"] == "2026-07-28")
        #expect(definitions(handshake) == definitions(modern))
        #expect(handshake["serverInfo"]?["name"] == modern["serverInfo"]?["name"])
        let negotiated = try parseSnapshot(try await runAccord(["snapshot", "--"] + command))
        #expect(negotiated["era"] == "modern", "an unpinned capture of a dual-era server should pick the modern era")
    }

    @Test func dualEraSnapshotsDiffWithoutDefinitionFindings() async throws {
        let folder = try temporaryFolder()
        let command = [try Peers.python(), try Peers.fixture("sdk_server.py")]
        for version in ["2025-11-25", "2026-07-28"] {
            let run = try await runAccord(["snapshot", "--protocol-version", version, "-o", "\(folder)/\(version).json", "--"] + command)
            #expect(run.status == 0, "\(run)")
        }
        let diff = try await runAccord(["diff", "\(folder)/2025-11-25.json", "\(folder)/2026-07-28.json", "--format", "json", "--fail-on", "never"], in: folder)
        #expect(diff.status == 0, "\(diff)")
        let findings = try JSONValue(parsing: diff.stdout)["findings"]?.arrayValue ?? []
        let onDefinitions = findings.filter { ["tool", "resource", "resource-template", "prompt"].contains($0["objectKind"]?.stringValue ?? "") }
        #expect(onDefinitions.isEmpty, "era-dependent noise: \(onDefinitions)")
    }

    @Test func legacyMCP1ServerOverStdioAndHTTP() async throws {
        let stdio = try parseSnapshot(try await runAccord(["snapshot", "--", try Peers.legacyPython(), try Peers.fixture("legacy_server.py")]))
        #expect(stdio["era"] == "handshake")
        expectWeatherNotesPeer(stdio)
        let http = try await BackgroundServer.start(try Peers.legacyPython(), [try Peers.fixture("legacy_server.py"), "--transport", "streamable-http", "--port", "{port}"])
        let overHTTP = try parseSnapshot(try await runAccord(["snapshot", "--url", http.url]))
        #expect(definitions(overHTTP) == definitions(stdio))
        let sse = try await BackgroundServer.start(try Peers.legacyPython(), [try Peers.fixture("legacy_server.py"), "--transport", "sse", "--port", "{port}"])
        let overSSE = try parseSnapshot(try await runAccord(["snapshot", "--url", sse.sseURL]))
        #expect(definitions(overSSE) == definitions(stdio))
    }

    @Test func fastmcpOverHTTP() async throws {
        let server = try await BackgroundServer.start(try Peers.bin("fastmcp"), ["run", try Peers.fixture("fastmcp_server.py") + ":mcp", "--transport", "http", "--host", "127.0.0.1", "--port", "{port}", "--no-banner"])
        let snapshot = try parseSnapshot(try await runAccord(["snapshot", "--url", server.url]))
        #expect(!names(snapshot, "tools").isEmpty)
        // fastmcp adds vendor fields (_meta.fastmcp); they must be kept, not dropped.
        #expect(run(snapshot, contains: "fastmcp"))
    }

    @Test func mcpServerTimeOverStdio() async throws {
        let snapshot = try parseSnapshot(try await runAccord(["snapshot", "--", try Peers.bin("mcp-server-time"), "--local-timezone", "UTC"]))
        #expect(names(snapshot, "tools") == ["convert_time", "get_current_time"])
        #expect(snapshot["serverInfo"]?["name"] == "mcp-time")
    }

    @Test func mcpServerGitOverStdio() async throws {
        let snapshot = try parseSnapshot(try await runAccord(["snapshot", "--", try Peers.bin("mcp-server-git"), "--repository", try Peers.gitRepository()]))
        let tools = names(snapshot, "tools")
        #expect(tools.contains("git_status"))
        #expect(tools.contains("git_log"))
        #expect(tools == tools.sorted())
    }

    @Test func mcpServerFetchOverStdio() async throws {
        let snapshot = try parseSnapshot(try await runAccord(["snapshot", "--", try Peers.bin("mcp-server-fetch")]))
        #expect(names(snapshot, "tools") == ["fetch"])
        #expect(names(snapshot, "prompts") == ["fetch"])
    }

    @Test func swiftSDKDemoServer() async throws {
        for release in ["1.0.0", "2.0.0"] {
            let snapshot = try parseSnapshot(try await runAccord(["snapshot", "--", PackagePaths.demoServer, "--release", release]))
            #expect(snapshot["serverInfo"]?["version"] == .string(release))
            #expect(snapshot["era"] == "handshake")
            #expect(names(snapshot, "tools").count >= 5)
            #expect(snapshot["resourceTemplates"]?.arrayValue?.isEmpty == false)
        }
    }

    private func run(_ snapshot: JSONValue, contains text: String) -> Bool {
        JSONEncoding.compact(snapshot).contains(text)
    }
}
