import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// The demo server over Streamable HTTP (`--transport http`) serves exactly what it serves over
/// stdio: the committed snapshots byte for byte, and live contract verdicts equal to the static
/// ones. Every test runs several accord commands, so several MCP sessions, against one server
/// process; each session must start from the same fresh ledger, as a stdio process does.
@Suite(.serialized) struct DemoOverHTTPTests {
    /// Byte for byte, with no normalisation: over HTTP the SDK negotiates the same protocol
    /// version (2025-11-25) and declares the same capabilities as over stdio.
    @Test(arguments: [("1.0.0", "snapshots/demo.json"), ("2.0.0", "snapshots/demo-v2.json")])
    func snapshotEqualsTheCommittedBaseline(release: String, baseline: String) async throws {
        let server = try await demo(release)
        let committed = try String(contentsOfFile: PackagePaths.path(baseline), encoding: .utf8)
        for session in 1...2 {
            let run = try await runAccord(["snapshot", "--url", server.url])
            #expect(run.status == 0, "session \(session): \(run)")
            #expect(run.stdout == committed, "session \(session) differs from \(baseline)")
        }
        expectEverySessionEnded(server, count: 2)
    }

    /// The contracts' interactions change the ledger (payments, a new invoice); a second run in
    /// a new session passing too shows that sessions do not share a ledger.
    @Test func contractsPassLiveOnRelease1() async throws {
        let server = try await demo("1.0.0")
        for session in 1...2 {
            let run = try await runAccord(["verify", "--url", server.url, "--format", "json"])
            #expect(run.status == 0, "session \(session): \(run)")
            let failed = ContractCommandsTests.failedChecks(try JSONValue(parsing: run.stdout))
            #expect(failed == ["billing-agent": [], "collections-bot": [], "customer-portal": ContractCommandsTests.pendingOnRelease1],
                    "only the pending contract fails, without failing the run")
        }
        expectEverySessionEnded(server, count: 2)
    }

    @Test func liveAndStaticVerdictsAgreeOnRelease2() async throws {
        let server = try await demo("2.0.0")
        let live = try await runAccord(["verify", "--url", server.url, "--format", "json"])
        let offline = try await runAccord(["verify", "--against", "snapshots/demo-v2.json", "--format", "json"])
        #expect(live.status == 1, "\(live)")
        #expect(offline.status == 1, "\(offline)")
        let liveFailures = ContractCommandsTests.failedChecks(try JSONValue(parsing: live.stdout))
        #expect(liveFailures == ContractCommandsTests.brokenOnRelease2)
        #expect(liveFailures == ContractCommandsTests.failedChecks(try JSONValue(parsing: offline.stdout)))
        expectEverySessionEnded(server, count: 1)
    }

    /// `--port 0` picks a free port and the ready line on stderr names it; SIGTERM ends the
    /// server with status 0.
    @Test func portZeroIsAnnouncedAndSigtermExitsCleanly() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.demoServer)
        process.arguments = ["--transport", "http", "--port", "0"]
        let stderr = Pipe()
        let announced = CollectedOutput()
        stderr.fileHandleForReading.readabilityHandler = { announced.append($0.availableData) }
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer {
            stderr.fileHandleForReading.readabilityHandler = nil
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }

        var url: String?
        let deadline = Date().addingTimeInterval(30)
        while url == nil, process.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            url = announced.text.split(separator: "\n").first { $0.hasPrefix("ledgerly 1.0.0 listening on http://127.0.0.1:") }
                .flatMap { $0.split(separator: " ").last.map(String.init) }
        }
        let endpoint = try #require(url, "no ready line: \(announced.text)")
        #expect(endpoint.hasSuffix("/mcp"))
        #expect(!endpoint.contains(":0/"))

        let run = try await runAccord(["snapshot", "--url", endpoint])
        #expect(run.status == 0, "\(run)")
        process.terminate()
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    private func demo(_ release: String) async throws -> BackgroundServer {
        try await BackgroundServer.start(PackagePaths.demoServer, ["--transport", "http", "--port", "{port}", "--release", release])
    }

    /// Each accord command opens one session and ends it with DELETE; the server logs both.
    private func expectEverySessionEnded(_ server: BackgroundServer, count: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let log = server.logText
        #expect(log.components(separatedBy: " opened ").count - 1 == count, "\(log)", sourceLocation: sourceLocation)
        #expect(log.components(separatedBy: " ended ").count - 1 == count, "\(log)", sourceLocation: sourceLocation)
        #expect(log.contains("ended (0 open)"), "\(log)", sourceLocation: sourceLocation)
    }
}

/// Bytes a pipe's readability handler hands over on another thread.
private final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
