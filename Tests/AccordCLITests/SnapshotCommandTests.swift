import AccordTestSupport
import AccordJSON
import Foundation
import Testing

/// Faithfulness, determinism, output files, auth and secrets for `accord snapshot`.
@Suite(.serialized) struct SnapshotCommandTests {
    @Test func faithfulCaptureKeepsEveryFieldAndNumberSpelling() async throws {
        let python = try Peers.python()
        let fixture = try Peers.fixture("faithful_server.py")
        let expectedText = try runProcess(python, [fixture, "--dump-expected"])
        let expected = try JSONValue(parsing: expectedText)
        let run = try await runAccord(["snapshot", "--", python, fixture])
        let snapshot = try parseSnapshot(run)
        for key in ["serverInfo", "capabilities", "instructions"] {
            #expect(snapshot[key] == expected[key], "\(key) changed")
        }
        for key in ["tools", "resources", "resourceTemplates", "prompts"] {
            let served = expected[key]?.arrayValue ?? []
            let captured = snapshot[key]?.arrayValue ?? []
            #expect(Set(captured) == Set(served), "\(key) differ")
            #expect(captured.count == served.count)
        }
        #expect(names(snapshot, "tools").count >= 2, "both pages of tools/list must be captured")
        for literal in ["1.0", "1e21", "-0.0", "12345678901234567890123"] {
            #expect(run.stdout.contains(": \(literal)"), "the literal \(literal) was rewritten")
        }
        #expect(run.stdout.contains("\"execution\""))
        #expect(run.stdout.contains("\"icons\""))
        #expect(run.stdout.contains("\"x-vendor\""))
    }

    @Test func twoCapturesAreByteIdentical() async throws {
        let folder = try temporaryFolder()
        let command = ["--", try Peers.python(), try Peers.fixture("sdk_server.py")]
        for name in ["a.json", "b.json"] {
            let run = try await runAccord(["snapshot", "-o", "\(folder)/\(name)"] + command)
            #expect(run.status == 0, "\(run)")
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/a.json"))
        let second = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/b.json"))
        #expect(!first.isEmpty)
        #expect(first == second)
        #expect(first.last == UInt8(ascii: "\n"))
    }

    @Test func bearerTokenIsRequiredUsedAndNeverPrinted() async throws {
        let token = "s3cr3t-\(UUID().uuidString)"
        let server = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("sdk_server.py"), "--transport", "streamable-http", "--port", "{port}", "--bearer-token", token])
        let denied = try await runAccord(["snapshot", "--url", server.url])
        #expect(denied.status == 3, "\(denied)")
        #expect(denied.stderr.contains("401"))
        #expect(denied.stderr.contains("WWW-Authenticate"))
        #expect(denied.stderr.contains("accord-test"))

        let folder = try temporaryFolder()
        let granted = try await runAccord(["snapshot", "--url", server.url, "--bearer-token-env", "PEER_TOKEN", "-o", "\(folder)/s.json", "--verbose"], environment: ["PEER_TOKEN": token])
        #expect(granted.status == 0, "\(granted)")
        let written = try String(contentsOfFile: "\(folder)/s.json", encoding: .utf8)
        #expect(!written.contains(token))
        #expect(!granted.stdout.contains(token))
        #expect(!granted.stderr.contains(token))

        let viaHeader = try await runAccord(["snapshot", "--url", server.url, "--header", "Authorization: Bearer ${PEER_TOKEN}"], environment: ["PEER_TOKEN": token])
        #expect(viaHeader.status == 0, "\(viaHeader)")
        #expect(!viaHeader.stdout.contains(token) && !viaHeader.stderr.contains(token))

        let wrong = try await runAccord(["snapshot", "--url", server.url, "--header", "Authorization: Bearer nope-\(token)x"])
        #expect(wrong.status == 3)
        #expect(!wrong.stderr.contains(token))
    }

    @Test func configuredServerAndUpdateWriteTheBaseline() async throws {
        let folder = try temporaryFolder()
        let config = """
            snapshots: baselines
            servers:
              peer:
                command: \(try Peers.python())
                args: ["\(try Peers.fixture("sdk_server.py"))"]
                env:
                  PEER_SECRET: "${ACCORD_TEST_SECRET}"
            """
        try config.write(toFile: "\(folder)/accord.yaml", atomically: true, encoding: .utf8)
        let run = try await runAccord(["snapshot", "peer", "--update"], in: folder, environment: ["ACCORD_TEST_SECRET": "hunter2-env-value"])
        #expect(run.status == 0, "\(run)")
        let baseline = try String(contentsOfFile: "\(folder)/baselines/peer.json", encoding: .utf8)
        #expect(!baseline.contains("hunter2"))
        #expect(run.stderr.contains("baselines/peer.json"))
        expectWeatherNotesPeer(try JSONValue(parsing: baseline))

        let missingVariable = try await runAccord(["snapshot", "peer"], in: folder)
        #expect(missingVariable.status == 2)
        #expect(missingVariable.stderr.contains("accord.yaml"))
        #expect(missingVariable.stderr.contains("ACCORD_TEST_SECRET"))
    }

    @Test func mcpServersFileNamesServers() async throws {
        let folder = try temporaryFolder()
        let config = #"{"mcpServers": {"time": {"command": "\#(try Peers.bin("mcp-server-time"))", "args": ["--local-timezone", "UTC"]}}}"#
        try config.write(toFile: "\(folder)/.mcp.json", atomically: true, encoding: .utf8)
        let snapshot = try parseSnapshot(try await runAccord(["snapshot", "time", "--mcp-config", ".mcp.json"], in: folder))
        #expect(names(snapshot, "tools") == ["convert_time", "get_current_time"])
    }
}

/// Runs a helper process to completion and returns its stdout.
func runProcess(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
