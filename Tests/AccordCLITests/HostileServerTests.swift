import AccordTestSupport
import Foundation
import Testing

/// Misbehaving servers: each gets a documented exit code and a clear message, nothing hangs,
/// no process is left behind, and a failed capture leaves the output file untouched.
@Suite(.serialized) struct HostileServerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var mode: String
        var status: Int32
        var messages: [String]
        var extra: [String] = []
        var testDescription: String { mode }
    }

    static let stdioCases: [Case] = [
        Case(mode: "exit-before-reply", status: 3, messages: ["exited", "fatal: database locked at /var/lib/x"]),
        // stderr of escape codes and invalid UTF-8 is quoted escaped: nothing raw reaches the terminal.
        Case(mode: "escape-stderr", status: 3, messages: ["exited", "| \\u{1B}[2J\\u{1B}]0;pwned\\u{7}\\u{1B}[32mPASS", "bad bytes \u{FFFD}\u{FFFD}\u{FFFD}( end\\r::error::forged annotation"]),
        Case(mode: "invalid-json", status: 3, messages: ["not valid JSON-RPC", "invalid JSON"]),
        Case(mode: "never-reply", status: 3, messages: ["did not answer", "--timeout"], extra: ["--timeout", "2"]),
        Case(mode: "repeated-cursor", status: 3, messages: ["cursor", "twice"]),
        Case(mode: "duplicate-tools", status: 3, messages: ["\"dup\"", "more than once"]),
        Case(mode: "crash-mid-list", status: 3, messages: ["panic: list exploded"]),
    ]

    @Test(arguments: stdioCases)
    func failingStdioServer(_ hostile: Case) async throws {
        let folder = try temporaryFolder()
        let output = "\(folder)/baseline.json"
        try "previous baseline\n".write(toFile: output, atomically: true, encoding: .utf8)
        let marker = "hostile_server.py --mode \(hostile.mode)"
        let run = try await runAccord(["snapshot", "-o", output] + hostile.extra + ["--", try Peers.python(), try Peers.fixture("hostile_server.py"), "--mode", hostile.mode], limit: 30)
        #expect(run.status == hostile.status, "\(run)")
        for message in hostile.messages {
            #expect(run.stderr.contains(message), "missing \"\(message)\" in \(run)")
        }
        for raw in ["\u{1B}", "\u{7}", "\r"] {
            #expect(!run.stderr.contains(raw), "a raw control character reached stderr: \(run.stderr.debugDescription)")
        }
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous baseline\n", "a failed capture touched the output file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["baseline.json"], "a temp file was left behind")
        #expect(processes(matching: marker).isEmpty, "the server process was left running")
    }

    @Test func neverReplyingServerTimesOutPromptlyEvenIfItIgnoresSIGTERM() async throws {
        // A marker of its own (--count is unused in this mode): a server some earlier test left
        // behind must not be taken for this one's.
        let marker = "--mode never-reply --ignore-sigterm --count 4002"
        let run = try await runAccord(["snapshot", "--timeout", "2", "--", try Peers.python(), try Peers.fixture("hostile_server.py"), "--mode", "never-reply", "--ignore-sigterm",
                                       "--count", "4002"], limit: 30)
        #expect(run.status == 3)
        #expect(run.seconds < 20, "took \(run.seconds) s")   // --timeout 2, then SIGTERM and SIGKILL; a hang runs to the 30 s limit
        #expect(processes(matching: marker).isEmpty, "SIGKILL should have ended it")
    }

    @Test func ctrlCStopsTheServerAndExits130() async throws {
        // Its own marker, for the same reason.
        let marker = "--mode never-reply --ignore-sigterm --count 4003"
        let run = try await Self.interrupted(["snapshot", "--timeout", "60", "--", try Peers.python(), try Peers.fixture("hostile_server.py"),
                                              "--mode", "never-reply", "--ignore-sigterm", "--count", "4003"], once: marker)
        #expect(run.status == 130)
        #expect(run.stderr.contains("interrupted"), "\(run.stderr)")
        #expect(processes(matching: marker).isEmpty, "the server outlived Ctrl-C")
    }

    /// Ctrl-C during the gate stops every server it started and prints no half report.
    @Test func ctrlCDuringCheckStopsEveryServerAndReportsNothing() async throws {
        let folder = try temporaryFolder()
        let marker = "--ignore-sigterm --mode never-reply --count 4001"
        try """
            servers:
              stuck:
                command: \(try Peers.python())
                args: ["\(try Peers.fixture("hostile_server.py"))", "--ignore-sigterm", "--mode", "never-reply", "--count", "4001"]
              demo:
                swift-product: accord-demo-server
            """.write(toFile: folder + "/accord.yaml", atomically: true, encoding: .utf8)
        let run = try await Self.interrupted(["check", "--timeout", "60"], in: folder, once: marker)
        #expect(run.status == 130)
        #expect(run.stdout.isEmpty, "no report after Ctrl-C: \(run.stdout)")
        #expect(processes(matching: marker).isEmpty, "the server outlived Ctrl-C")
    }

    /// Runs accord, waits until a process other than accord matching `marker` runs (the server:
    /// accord's own command line carries the server's arguments after `--`, and signalled that
    /// early it has not yet installed its handler and dies of SIGINT), half a second more, then
    /// sends SIGINT and waits (at most 15 s) for accord to end.
    static func interrupted(_ arguments: [String], in directory: String = PackagePaths.root, once marker: String) async throws
        -> (status: Int32, stdout: String, stderr: String) {
        let folder = try temporaryFolder()
        let outURL = URL(fileURLWithPath: folder + "/out"), errURL = URL(fileURLWithPath: folder + "/err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.accord)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let started = Date()
        let accord = process.processIdentifier
        while processes(matching: marker, excluding: accord).isEmpty, Date().timeIntervalSince(started) < 20 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!processes(matching: marker, excluding: accord).isEmpty, "the server never started")
        try await Task.sleep(for: .milliseconds(500))
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8), try String(contentsOf: errURL, encoding: .utf8))
    }

    @Test func noiseOnStdoutIsSkippedWithAWarning() async throws {
        let run = try await runAccord(["snapshot", "--", try Peers.python(), try Peers.fixture("hostile_server.py"), "--mode", "stdout-noise"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("warning: skipped"))
        #expect(run.stderr.contains("non-JSON line"))
        _ = try parseSnapshot(run)
    }

    @Test func strayMessagesDoNotConfuseTheClient() async throws {
        let run = try await runAccord(["snapshot", "--", try Peers.python(), try Peers.fixture("hostile_server.py"), "--mode", "stray-messages"])
        #expect(run.status == 0, "\(run)")
        _ = try parseSnapshot(run)
    }

    @Test func twentyMegabyteToolListIsCaptured() async throws {
        let folder = try temporaryFolder()
        let run = try await runAccord(["snapshot", "-o", "\(folder)/huge.json", "--", try Peers.python(), try Peers.fixture("hostile_server.py"), "--mode", "huge-list"], limit: 120)
        #expect(run.status == 0, "\(run)")
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(folder)/huge.json")
        #expect((attributes[.size] as? Int ?? 0) > 10_000_000)
        #expect(run.stderr.contains("4000 tools"))
    }

    @Test(arguments: [
        ("http-500", ["500"]),
        ("sse-cut", ["ended early"]),
        ("http-401", ["401", "WWW-Authenticate"]),
        ("http-hang", ["did not answer"]),
    ])
    func failingHTTPServer(_ mode: String, _ messages: [String]) async throws {
        let server = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("hostile_server.py"), "--mode", mode, "--port", "{port}"])
        let folder = try temporaryFolder()
        let run = try await runAccord(["snapshot", "--url", server.url, "--timeout", "3", "-o", "\(folder)/out.json"], limit: 30)
        #expect(run.status == 3, "\(run)")
        for message in messages { #expect(run.stderr.contains(message), "missing \"\(message)\" in \(run)") }
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/out.json"))
    }

    @Test func expiredHTTPSessionIsReestablishedOnce() async throws {
        let server = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("hostile_server.py"), "--mode", "session-expire", "--port", "{port}"])
        let run = try await runAccord(["snapshot", "--url", server.url, "--transport", "streamable-http", "--protocol-version", "2025-06-18"])
        #expect(run.status == 0, "\(run)")
    }

    @Test func unstartableServerIsAServerError() async throws {
        let run = try await runAccord(["snapshot", "--", "/nonexistent/mcp-server"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("could not start"))
    }
}
