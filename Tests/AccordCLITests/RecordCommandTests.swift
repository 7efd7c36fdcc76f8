import AccordContracts
import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// `accord record` between real clients (the official Python SDK's ClientSession) and real
/// servers (mcp-server-time, the demo, the SDK peer, a crashing fixture).
@Suite(.serialized) struct RecordCommandTests {
    /// A fake credential in the environment `accord record` and its server inherit.
    static let environmentToken = "ghp_ENVtok3nENVtok3nENVtok3nENV1234567890"
    /// A fake credential the client puts in a tool argument.
    static let argumentToken = "sk-live-ARGtok3nARGtok3n12345678"

    @Test(arguments: ["handshake", "modern"])
    func recordsMCPServerTimeAndTheContractVerifiesClean(_ era: String) async throws {
        let harness = try RecordingHarness()
        let server = [try Peers.bin("mcp-server-time"), "--local-timezone", "UTC"]
        let direct = try await harness.client("time", ["--era", era], server: server)
        let proxied = try await harness.client("time", ["--era", era], through: ["--consumer", "time-agent", "-o", harness.contract], server: server)
        #expect(await harness.exitStatus() == 0, "\(proxied)")
        let seen = try JSONValue(parsing: direct.stdout), relayed = try JSONValue(parsing: proxied.stdout)
        #expect(seen["tools"] == relayed["tools"])
        #expect(seen["calls"]?[3] == relayed["calls"]?[3], "convert_time of a fixed time answers the same through the proxy")
        for index in 0..<3 {
            #expect(relayed["calls"]?[index]?["structuredContent"]?["timezone"] == seen["calls"]?[index]?["structuredContent"]?["timezone"])
        }

        let text = try String(contentsOfFile: harness.contract, encoding: .utf8)
        let contract = try ContractFile.parse(text, file: harness.contract)
        #expect(contract.pending)
        #expect(contract.consumer == "time-agent")
        #expect(contract.provider == "mcp-time")
        #expect(contract.interactions.map(\.name) == ["call get_current_time", "call convert_time"], "three same-shape calls are one interaction:\n\(text)")
        #expect(text.contains("datetime: { $format: date-time }"), "\(text)")
        #expect(text.range(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"#, options: .regularExpression) == nil, "a timestamp became a literal:\n\(text)")
        if era == "modern" { #expect(text.contains("protocol 2026-07-28")) }

        try await expectVerifiesClean(harness.contract, server: server)
    }

    @Test func recordsTheDemoUnchangedWritesASnapshotAndVerifiesClean() async throws {
        let harness = try RecordingHarness()
        let server = [PackagePaths.demoServer]
        let direct = try await harness.client("demo", server: server)
        let proxied = try await harness.client("demo", through: ["--consumer", "billing-agent", "-o", harness.contract, "--snapshot-out", harness.snapshot], server: server)
        #expect(await harness.exitStatus() == 0, "\(proxied)")
        #expect(direct.status == 0 && proxied.status == 0)
        #expect(direct.stdout == proxied.stdout, "the client saw different answers through the proxy")

        let text = try String(contentsOfFile: harness.contract, encoding: .utf8)
        let contract = try ContractFile.parse(text, file: harness.contract)
        #expect(contract.pending)
        #expect(contract.provider == "ledgerly")
        let names = contract.interactions.map(\.name)
        #expect(names.filter { $0 == "call get_invoice" }.count == 1, "two identical get_invoice calls are one interaction: \(names)")
        #expect(names.contains("call get_invoice (tool error)"))
        #expect(names.contains("read ledgerly://config"))
        #expect(names.contains("get prompt draft_payment_reminder"))
        #expect(contract.resourceTemplates.map(\.uriTemplate) == ["ledgerly://invoices/{invoiceId}"])
        #expect(text.contains("$eachLike") && text.contains("$integer: true") && text.contains("$format: date"))
        #expect(text.contains("isError: true"))

        try await expectVerifiesClean(harness.contract, server: server)

        let diff = try await runAccord(["diff", "snapshots/demo.json", harness.snapshot, "--format", "json", "--fail-on", "never"])
        #expect(diff.status == 0, "\(diff)")
        #expect(try JSONValue(parsing: diff.stdout)["findings"]?.arrayValue?.isEmpty == true, "the snapshot seen through the proxy differs from the baseline: \(diff.stdout)")
    }

    @Test func theRecordingMocksTheServerForTheSameClient() async throws {
        let harness = try RecordingHarness()
        let recorded = try await harness.client("demo", through: ["--consumer", "billing-agent", "-o", harness.contract, "--snapshot-out", harness.snapshot],
                                                server: [PackagePaths.demoServer])
        #expect(await harness.exitStatus() == 0, "\(recorded)")
        let mocked = try await harness.client("demo", server: [PackagePaths.accord, "mock", harness.contract, "--snapshot", harness.snapshot])
        #expect(mocked.status == 0, "the client that was recorded fails against accord mock of its recording: \(mocked)")
        #expect(mocked.stderr.contains("0 unexpected requests: PASS"), "\(mocked.stderr)")
    }

    @Test func secretsInTheEnvironmentAndInArgumentsAreNeverWritten() async throws {
        let harness = try RecordingHarness()
        // The bare name: found beside accord, as the README's example writes it.
        let run = try await harness.client("demo", ["--secret", Self.argumentToken],
                                           through: ["--consumer", "billing-agent", "-o", harness.contract, "--snapshot-out", harness.snapshot,
                                                     "--env", "LEDGERLY_SIGNING=\(Self.environmentToken)-given"],
                                           server: ["accord-demo-server"], environment: ["LEDGERLY_API_TOKEN": Self.environmentToken])
        #expect(await harness.exitStatus() == 0, "\(run)")
        #expect(run.stdout.contains("REM-"), "the reminder carrying the token was sent: \(run)")
        let contract = try String(contentsOfFile: harness.contract, encoding: .utf8)
        let snapshot = try String(contentsOfFile: harness.snapshot, encoding: .utf8)
        for written in [contract, snapshot] {
            #expect(!written.contains(Self.argumentToken))
            #expect(!written.contains(Self.environmentToken))
            #expect(!written.contains("-given"))
            #expect(!written.contains("ARGtok3n") && !written.contains("ENVtok3n"))
        }
        #expect(contract.contains(#""message": { "$like": "<redacted>" }"#), "\(contract)")
        _ = try ContractFile.parse(contract, file: harness.contract)
    }

    @Test func progressNotificationsPassThroughUnchanged() async throws {
        let harness = try RecordingHarness()
        let server = [try Peers.python(), try Peers.fixture("sdk_server.py")]
        let direct = try await harness.client("progress", server: server)
        let proxied = try await harness.client("progress", through: ["--consumer", "a", "-o", harness.contract], server: server)
        #expect(await harness.exitStatus() == 0, "\(proxied)")
        let relayed = try JSONValue(parsing: proxied.stdout)
        #expect(relayed["progress"]?.arrayValue?.isEmpty == false, "no progress notification reached the client: \(proxied)")
        #expect(try JSONValue(parsing: direct.stdout) == relayed)
    }

    @Test func anUpstreamCrashAnswersTheClientAndMarksTheContractIncomplete() async throws {
        let harness = try RecordingHarness()
        let run = try await harness.client("crash", through: ["--consumer", "a", "-o", harness.contract], server: try harness.crashServer)
        #expect(await harness.exitStatus() == 1, "\(run)")
        let answer = try JSONValue(parsing: run.stdout)
        #expect(answer["error"]?.stringValue?.contains("upstream server exited (exit status 3)") == true, "\(run)")
        #expect(answer["first"]?["content"]?[0]?["text"] == "hello")
        #expect(run.stderr.contains("marked INCOMPLETE"), "\(run.stderr)")
        let text = try String(contentsOfFile: harness.contract, encoding: .utf8)
        #expect(text.hasPrefix("# INCOMPLETE: the upstream server exited (exit status 3)"), "\(text)")
        let contract = try ContractFile.parse(text, file: harness.contract)
        #expect(contract.interactions.map(\.name) == ["call echo"])
        #expect(harness.leftovers().isEmpty)
    }

    @Test func aClientHangingUpMidCallStillGetsItsContract() async throws {
        let harness = try RecordingHarness()
        let run = try await harness.client("hang-up", through: ["--consumer", "a", "-o", harness.contract, "--shutdown-timeout", "1"], server: try harness.crashServer)
        #expect(run.status == 0, "\(run)")
        #expect(await harness.exitStatus(within: 15) == 0)
        let contract = try ContractFile.load(harness.contract)
        #expect(contract.interactions.map(\.name) == ["call echo"], "the abandoned call has no answer to record")
        #expect(harness.leftovers().isEmpty, "the server outlived the recording")
    }

    @Test func aServerSlowToExitIsStillACompleteRecording() async throws {
        // The SDK client closes stdin, waits 2 s, then SIGTERMs the process group: the session
        // was over by then, so the recording is complete, not interrupted.
        let harness = try RecordingHarness()
        let run = try await harness.client("echo", through: ["--consumer", "a", "-o", harness.contract],
                                           server: try harness.crashServer + ["--linger", "6"])
        #expect(run.status == 0, "\(run)")
        #expect(await harness.exitStatus(within: 15) == 0, "\(run)")
        #expect(run.stderr.contains("accord record: wrote") && !run.stderr.contains("interrupted"), "\(run.stderr)")
        let contract = try ContractFile.load(harness.contract)
        #expect(contract.interactions.map(\.name) == ["call echo"])
        #expect(harness.leftovers().isEmpty, "the server outlived the recording")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalWritesTheContractAndReapsTheServer(_ signal: Int32) async throws {
        let harness = try RecordingHarness()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.accord)
        process.arguments = ["record", "--consumer", "a", "-o", harness.contract, "--"] + (try harness.crashServer)
        let input = Pipe()
        let output = harness.folder + "/stdout"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        for line in [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"}}}"#,
        ] {
            input.fileHandleForWriting.write(Data((line + "\n").utf8))
        }
        #expect(await waitUntil(seconds: 15) { ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").contains(#""id": 2"#) }, "no reply to the call")
        #expect(!harness.leftovers().isEmpty, "the server should be running")
        kill(process.processIdentifier, signal)
        #expect(await waitUntil(seconds: 15) { !process.isRunning }, "accord record did not stop on signal \(signal)")
        #expect(process.terminationStatus == 0)
        let contract = try ContractFile.load(harness.contract)
        #expect(contract.interactions.map(\.name) == ["call echo"])
        #expect(harness.leftovers().isEmpty, "the server outlived the recording")
    }

    @Test func usageAndOutputErrorsExit2() async throws {
        let noCommand = try await runAccord(["record", "--consumer", "a", "-o", "x.yaml"])
        #expect(noCommand.status == 2)
        #expect(noCommand.stderr.contains("give the server command after --"), "\(noCommand.stderr)")
        let folder = try temporaryFolder()
        let blocker = folder + "/file"
        _ = FileManager.default.createFile(atPath: blocker, contents: Data())
        let unwritable = try await runAccord(["record", "--consumer", "a", "-o", blocker + "/c.yaml", "--", PackagePaths.demoServer])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write \(blocker)/c.yaml"), "\(unwritable.stderr)")
        let halfHTTP = try await runAccord(["record", "--consumer", "a", "-o", "x.yaml", "--listen", "127.0.0.1:0"])
        #expect(halfHTTP.status == 2)
    }

    // MARK: Streamable HTTP

    @Test func httpProxyInFrontOfTheDemoRelaysUnchangedAndRecords() async throws {
        let harness = try RecordingHarness()
        let demo = try await BackgroundServer.start(PackagePaths.demoServer, ["--transport", "http", "--port", "{port}"])
        let recorder = try harness.startHTTP(["--consumer", "web-agent", "-o", harness.contract, "--snapshot-out", harness.snapshot], upstream: demo.url)
        defer { recorder.stop() }
        let direct = try await harness.client("demo", ["--url", demo.url], server: [])
        let proxied = try await harness.client("demo", ["--url", recorder.url], server: [])
        #expect(direct.status == 0 && proxied.status == 0, "\(proxied)")
        #expect(direct.stdout == proxied.stdout, "the client saw different answers through the HTTP proxy")
        #expect(await recorder.signal(SIGTERM) == 0, "\(recorder.log)")
        #expect(!recorder.log.contains("Authorization"))
        let contract = try ContractFile.load(harness.contract)
        #expect(contract.pending && contract.provider == "ledgerly")
        #expect(contract.interactions.map(\.name).contains("call get_invoice"))
        try await expectVerifiesClean(harness.contract, server: [PackagePaths.demoServer])
        let diff = try await runAccord(["diff", "snapshots/demo.json", harness.snapshot, "--format", "json", "--fail-on", "never"])
        #expect(try JSONValue(parsing: diff.stdout)["findings"]?.arrayValue?.isEmpty == true, "\(diff)")
    }

    @Test(arguments: ["handshake", "modern"])
    func httpProxyRelaysSSERepliesWithTheirProgress(_ era: String) async throws {
        let harness = try RecordingHarness()
        let peer = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("sdk_server.py"), "--transport", "streamable-http", "--port", "{port}"])
        let recorder = try harness.startHTTP(["--consumer", "a", "-o", harness.contract], upstream: peer.url)
        defer { recorder.stop() }
        let direct = try await harness.client("progress", ["--url", peer.url, "--era", era], server: [])
        let proxied = try await harness.client("progress", ["--url", recorder.url, "--era", era], server: [])
        #expect(proxied.status == 0, "\(proxied)")
        #expect(try JSONValue(parsing: proxied.stdout)["progress"]?.arrayValue?.isEmpty == false, "\(proxied)")
        #expect(try JSONValue(parsing: direct.stdout) == JSONValue(parsing: proxied.stdout))
        #expect(await recorder.signal(SIGINT) == 0, "\(recorder.log)")
        let contract = try ContractFile.load(harness.contract)
        #expect(contract.interactions.map(\.name) == ["call count_down"])
        if era == "modern" { #expect(try String(contentsOfFile: harness.contract, encoding: .utf8).contains("protocol 2026-07-28")) }
    }

    @Test func httpProxySendsTheUpstreamTokenAndNeverWritesIt() async throws {
        let harness = try RecordingHarness()
        let token = "upstream-bearer-0123456789abcdef"
        let peer = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("sdk_server.py"), "--transport", "streamable-http", "--port", "{port}", "--bearer-token", token])
        let recorder = try harness.startHTTP(["--consumer", "a", "-o", harness.contract, "--bearer-token-env", "RECORD_TEST_TOKEN"], upstream: peer.url,
                                             environment: ["RECORD_TEST_TOKEN": token])
        defer { recorder.stop() }
        let proxied = try await harness.client("progress", ["--url", recorder.url], server: [])
        #expect(proxied.status == 0, "the proxy did not authenticate upstream: \(proxied)")
        #expect(await recorder.signal(SIGTERM) == 0, "\(recorder.log)")
        let contract = try String(contentsOfFile: harness.contract, encoding: .utf8)
        #expect(contract.contains("call count_down"))
        #expect(!contract.contains(token) && !recorder.log.contains(token))
    }

    @Test func anUnreachableUpstreamFailsTheClientAndMarksTheContractIncomplete() async throws {
        let harness = try RecordingHarness()
        let recorder = try harness.startHTTP(["--consumer", "a", "-o", harness.contract], upstream: "http://127.0.0.1:\(freePort())/mcp")
        defer { recorder.stop() }
        let run = try await harness.client("time", ["--url", recorder.url], server: [])
        #expect(run.status != 0)
        #expect(await recorder.exitStatus(within: 15) == 1, "\(recorder.log)")
        #expect(recorder.log.contains("marked INCOMPLETE"), "\(recorder.log)")
        let text = try String(contentsOfFile: harness.contract, encoding: .utf8)
        #expect(text.hasPrefix("# INCOMPLETE: the upstream server exited (unreachable"), "\(text)")
        _ = try ContractFile.parse(text, file: harness.contract)
    }

    @Test func aPortInUseIsOneLineAndExit2() async throws {
        let demo = try await BackgroundServer.start(PackagePaths.demoServer, ["--transport", "http", "--port", "{port}"])
        let run = try await runAccord(["record", "--consumer", "a", "-o", try temporaryFolder() + "/c.yaml", "--upstream", demo.url, "--listen", "127.0.0.1:\(demo.port)"], limit: 30)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("in use"), "\(run.stderr)")
    }

    // MARK: Streamable HTTP: a live two-way channel through the proxy

    /// `accord record --consumer a` in front of the interactive peer (mcp 2.x) over HTTP: tools
    /// that need progress before the result, a server-to-client request mid-call, or the GET stream.
    struct InteractiveRecording {
        let harness: RecordingHarness
        let peer: BackgroundServer
        let recorder: RunningRecorder

        init(environment: [String: String] = [:]) async throws {
            harness = try RecordingHarness()
            peer = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("interactive_server.py"), "--transport", "streamable-http", "--port", "{port}"],
                                        environment: environment)
            recorder = try harness.startHTTP(["--consumer", "a", "-o", harness.contract], upstream: peer.url)
        }

        /// SIGTERM (the recording ends with exit 0), then the names of the interactions recorded.
        func stopAndReadInteractions() async throws -> [String] {
            #expect(await recorder.signal(SIGTERM) == 0, "\(recorder.log)")
            return try ContractFile.load(harness.contract).interactions.map(\.name)
        }
    }

    @Test func aSignalWhileACallIsOpenEndsACompleteRecording() async throws {
        let marker = try temporaryFolder() + "/waiting"
        let recording = try await InteractiveRecording(environment: ["ACCORD_WAIT_MARKER": marker])
        let (harness, recorder) = (recording.harness, recording.recorder)
        defer { recorder.stop() }
        async let client = harness.client("pending", ["--url", recorder.url], server: [])
        #expect(await waitUntil(seconds: 30) { FileManager.default.fileExists(atPath: marker) }, "the call never started")
        // Stopping ends the open call's upstream session: a cut the proxy made, not the upstream.
        #expect(await recorder.signal(SIGTERM) == 0, "\(recorder.log)")
        #expect(recorder.log.contains("accord record: wrote") && !recorder.log.contains("INCOMPLETE"), "\(recorder.log)")
        let run = try await client
        #expect(run.stdout.hasPrefix("pending"), "\(run)")
        #expect(run.stdout.contains("the recording stopped before the upstream server answered"), "\(run)")
        #expect(!(try String(contentsOfFile: harness.contract, encoding: .utf8)).hasPrefix("# INCOMPLETE"))
    }

    @Test func anHTTPClientHangingUpMidCallLeavesTheProxyServing() async throws {
        let marker = try temporaryFolder() + "/waiting"
        let recording = try await InteractiveRecording(environment: ["ACCORD_WAIT_MARKER": marker])
        let (harness, recorder) = (recording.harness, recording.recorder)
        defer { recorder.stop() }
        let abandoning = Process()
        abandoning.executableURL = URL(fileURLWithPath: try Peers.python())
        abandoning.arguments = [try Peers.fixture("record_client.py"), "pending", "--url", recorder.url]
        abandoning.standardOutput = FileHandle.nullDevice
        abandoning.standardError = FileHandle.nullDevice
        try abandoning.run()
        defer { if abandoning.isRunning { kill(abandoning.processIdentifier, SIGKILL) } }
        #expect(await waitUntil(seconds: 30) { FileManager.default.fileExists(atPath: marker) }, "the call never started")
        kill(abandoning.processIdentifier, SIGKILL)
        abandoning.waitUntilExit()
        let next = try await harness.client("elicit", ["--url", recorder.url], server: [])
        #expect(next.status == 0, "the proxy stopped serving after a client hung up mid-call: \(next)\n\(recorder.log)")
        #expect(try await recording.stopAndReadInteractions().contains("call confirm_booking"))
        #expect(!(try String(contentsOfFile: harness.contract, encoding: .utf8)).hasPrefix("# INCOMPLETE"))
    }

    @Test func httpProxyPassesProgressOnWhileTheCallIsStillPending() async throws {
        let recording = try await InteractiveRecording()
        let (harness, recorder) = (recording.harness, recording.recorder)
        defer { recorder.stop() }
        // The client releases the waiting tool only once its first progress notification is in:
        // held back until the result, the tool gives up after 10 s and answers released: false.
        let run = try await harness.client("release", ["--url", recorder.url], server: [])
        #expect(run.status == 0, "\(run)")
        let seen = try JSONValue(parsing: run.stdout)
        #expect(seen["result"]?["structuredContent"]?["released"] == true, "the progress reached the client only with the result: \(run.stdout)")
        #expect(seen["events"] == ["progress 1/2", "release sent", "progress 2/2", "result"], "\(run.stdout)")
        #expect(try await recording.stopAndReadInteractions() == ["call release_waiter", "call wait_for_release"])
    }

    @Test func httpProxyCarriesElicitationAndSamplingMidCall() async throws {
        let recording = try await InteractiveRecording()
        let (harness, recorder) = (recording.harness, recording.recorder)
        defer { recorder.stop() }
        let direct = try await harness.client("elicit", ["--url", recording.peer.url], server: [])
        let proxied = try await harness.client("elicit", ["--url", recorder.url], server: [])
        #expect(proxied.status == 0, "the server-to-client requests were not answered through the proxy: \(proxied)")
        let seen = try JSONValue(parsing: proxied.stdout)
        #expect(seen["asked"] == ["elicit: Book the trip to Lisbon?", "sample: Which city?"], "\(proxied.stdout)")
        #expect(seen["booking"]?["content"]?[0]?["text"] == "booked Lisbon", "\(proxied.stdout)")
        #expect(seen["model"]?["content"]?[0]?["text"] == "the model said: Lisbon", "\(proxied.stdout)")
        #expect(try JSONValue(parsing: direct.stdout) == seen)
        #expect(try await recording.stopAndReadInteractions() == ["call confirm_booking", "call ask_model"])
    }

    @Test func httpProxyRelaysTheServersGETStream() async throws {
        let recording = try await InteractiveRecording()
        let (harness, recorder) = (recording.harness, recording.recorder)
        defer { recorder.stop() }
        // The SDK server sends a list_changed that belongs to no request on the session's GET stream.
        let run = try await harness.client("announce", ["--url", recorder.url], server: [])
        #expect(run.status == 0, "\(run)")
        #expect(try JSONValue(parsing: run.stdout)["notified"] == true, "notifications/tools/list_changed never reached the client: \(run)")
        #expect(try await recording.stopAndReadInteractions().first == "call announce")
    }

    @Test func aStreamCutMidReplyFailsTheCallAndMarksTheContractIncomplete() async throws {
        let harness = try RecordingHarness()
        let hostile = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("hostile_server.py"), "--mode", "sse-cut", "--port", "{port}"])
        let recorder = try harness.startHTTP(["--consumer", "a", "-o", harness.contract], upstream: hostile.url)
        defer { recorder.stop() }
        // tools/list is answered on an SSE stream the upstream cuts in the middle of the event.
        let run = try await harness.client("time", ["--url", recorder.url], server: [])
        #expect(run.status != 0)
        #expect(run.stderr.contains("accord record: the upstream server failed"), "the client got no JSON-RPC error for the cut call: \(run.stderr)")
        #expect(await recorder.exitStatus(within: 15) == 1, "\(recorder.log)")
        #expect(recorder.log.contains("marked INCOMPLETE"), "\(recorder.log)")
        let text = try String(contentsOfFile: harness.contract, encoding: .utf8)
        #expect(text.hasPrefix("# INCOMPLETE: the upstream server exited (unreachable"), "\(text)")
        _ = try ContractFile.parse(text, file: harness.contract)
    }

    // MARK: fastmcp's Client through the proxy

    static let timeSteps = #"""
        [{"op":"tools"},
         {"op":"call","name":"convert_time","arguments":{"source_timezone":"UTC","time":"14:30","target_timezone":"Asia/Tokyo"}},
         {"op":"call","name":"get_current_time","arguments":{"timezone":"Europe/Paris"}}]
        """#

    /// fastmcp pinned to each era (its auto probe may time out on a loaded machine).
    @Test(arguments: ["legacy", "2026-07-28"])
    func fastmcpClientRecordsMCPServerTimeOverStdio(_ mode: String) async throws {
        let harness = try RecordingHarness()
        let server = [try Peers.bin("mcp-server-time"), "--local-timezone", "UTC"]
        let direct = try await harness.fastmcpClient(Self.timeSteps, ["--mode", mode], server: server)
        let proxied = try await harness.fastmcpClient(Self.timeSteps, ["--mode", mode],
                                                      server: [harness.wrapper, "--consumer", "time-agent", "-o", harness.contract, "--"] + server)
        #expect(direct.status == 0 && proxied.status == 0, "\(proxied)")
        #expect(await harness.exitStatus() == 0, "\(proxied)")
        let seen = try JSONValue(parsing: direct.stdout), relayed = try JSONValue(parsing: proxied.stdout)
        #expect(relayed["protocolVersion"] == seen["protocolVersion"] && relayed["serverInfo"] == seen["serverInfo"], "\(relayed)")
        #expect(relayed["steps"]?[0] == seen["steps"]?[0], "the tool list")
        #expect(relayed["steps"]?[1] == seen["steps"]?[1], "convert_time of a fixed time answers the same through the proxy")
        #expect(relayed["steps"]?[2]?["result"]?["structuredContent"]?["timezone"] == "Europe/Paris", "\(relayed)")
        let text = try String(contentsOfFile: harness.contract, encoding: .utf8)
        #expect(try ContractFile.parse(text, file: harness.contract).interactions.map(\.name) == ["call convert_time", "call get_current_time"], "\(text)")
        if mode != "legacy" { #expect(text.contains("protocol 2026-07-28"), "\(text)") }
        try await expectVerifiesClean(harness.contract, server: server)
    }

    @Test func fastmcpClientRecordsTheDemoOverHTTP() async throws {
        let harness = try RecordingHarness()
        let demo = try await BackgroundServer.start(PackagePaths.demoServer, ["--transport", "http", "--port", "{port}"])
        let recorder = try harness.startHTTP(["--consumer", "web-agent", "-o", harness.contract], upstream: demo.url)
        defer { recorder.stop() }
        let steps = #"""
            [{"op":"tools"},{"op":"prompts"},{"op":"templates"},
             {"op":"call","name":"get_invoice","arguments":{"invoiceId":"INV-1001"}},
             {"op":"call","name":"list_invoices","arguments":{"status":"overdue"}},
             {"op":"read","uri":"ledgerly://invoices/INV-1003"},
             {"op":"prompt","name":"draft_payment_reminder","arguments":{"invoiceId":"INV-1003"}}]
            """#
        let direct = try await harness.fastmcpClient(steps, ["--url", demo.url], server: [])
        let proxied = try await harness.fastmcpClient(steps, ["--url", recorder.url], server: [])
        #expect(direct.status == 0 && proxied.status == 0, "\(proxied)")
        #expect(direct.stdout == proxied.stdout, "fastmcp saw different answers through the HTTP proxy")
        #expect(try JSONValue(parsing: proxied.stdout)["steps"]?[3]?["result"]?["structuredContent"]?["invoiceId"] == "INV-1001", "\(proxied.stdout)")
        #expect(await recorder.signal(SIGTERM) == 0, "\(recorder.log)")
        let contract = try ContractFile.load(harness.contract)
        #expect(contract.interactions.map(\.name) == ["call get_invoice", "call list_invoices", "read ledgerly://invoices/INV-1003", "get prompt draft_payment_reminder"],
                "\(contract.interactions.map(\.name))")
        try await expectVerifiesClean(harness.contract, server: [PackagePaths.demoServer])
    }

    private func expectVerifiesClean(_ contract: String, server: [String]) async throws {
        let verify = try await runAccord(["verify", contract, "--format", "json", "--"] + server)
        #expect(verify.status == 0, "\(verify)")
        let summary = try JSONValue(parsing: verify.stdout)["summary"]
        #expect(summary?["failedPendingChecks"] == 0 && summary?["failedChecks"] == 0, "the recorded contract does not verify clean: \(verify.stdout)")
        #expect((summary?["checks"]?.intValue ?? 0) > 0)
    }
}

/// One recording: a folder for its files, a wrapper that runs `accord record` and keeps its
/// exit status (the client starts the wrapper as its server), and a crash-server command with
/// a marker to find leftovers by.
struct RecordingHarness {
    let folder: String
    let marker = "accord-record-test-\(UUID().uuidString)"
    var contract: String { folder + "/contract.yaml" }
    var snapshot: String { folder + "/seen.json" }
    var statusFile: String { folder + "/status" }
    var wrapper: String { folder + "/record.sh" }

    init() throws {
        folder = try temporaryFolder()
        // The Python SDK's client SIGTERMs the whole process group 2 s after closing stdin when
        // the server has not exited by then (a loaded CI machine): the trap keeps the wrapper
        // alive to write accord record's status, which handles the signal itself.
        let script = "#!/bin/sh\ntrap : TERM INT\n\"\(PackagePaths.accord)\" record \"$@\"\necho $? > \"\(statusFile)\"\n"
        try script.write(toFile: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper, 0o755)
    }

    var crashServer: [String] {
        get throws { [try Peers.python(), try Peers.fixture("crash_server.py"), marker] }
    }

    /// The client straight against the server.
    func client(_ scenario: String, _ options: [String] = [], server: [String], environment: [String: String] = [:]) async throws -> AccordRun {
        try await runChild(try Peers.python(), [try Peers.fixture("record_client.py"), scenario] + options + (server.isEmpty ? [] : ["--"] + server), directory: PackagePaths.root, environment: environment, limit: 60)
    }

    /// The client against `accord record <recordArguments> -- server`.
    func client(_ scenario: String, _ options: [String] = [], through recordArguments: [String], server: [String], environment: [String: String] = [:]) async throws -> AccordRun {
        try await client(scenario, options, server: [wrapper] + recordArguments + ["--"] + server, environment: environment)
    }

    /// fastmcp's `Client` (mcp_client.py) running `steps` against `server` (a command; empty
    /// with `--url` in `options`).
    func fastmcpClient(_ steps: String, _ options: [String] = [], server: [String]) async throws -> AccordRun {
        try await runChild(try Peers.python(), [try Peers.fixture("mcp_client.py"), "--client", "fastmcp", "--steps", steps] + options + (server.isEmpty ? [] : ["--"] + server),
                           directory: PackagePaths.root, limit: 90)
    }

    /// `accord record`'s exit status, once it has exited (nil if it has not within `seconds`).
    func exitStatus(within seconds: Double = 10) async -> Int32? {
        var status: Int32?
        _ = await waitUntil(seconds: seconds) {
            status = (try? String(contentsOfFile: statusFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return status != nil
        }
        return status
    }

    /// `accord record --upstream URL --listen 127.0.0.1:PORT`, running until stopped.
    func startHTTP(_ recordArguments: [String], upstream: String, environment: [String: String] = [:]) throws -> RunningRecorder {
        try RunningRecorder(arguments: ["record"] + recordArguments + ["--upstream", upstream], folder: folder, environment: environment)
    }

    /// Server processes of this recording still alive.
    func leftovers() -> [Int32] { processes(matching: marker) }
}

/// Polls `condition` every 50 ms for up to `seconds`; whether it came true.
func waitUntil(seconds: Double, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return condition()
}

/// An `accord record` HTTP proxy process on a free port.
final class RunningRecorder: @unchecked Sendable {
    let port = freePort()
    private let process = Process()
    private let logFile: String

    var url: String { "http://127.0.0.1:\(port)/mcp" }
    var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    init(arguments: [String], folder: String, environment: [String: String] = [:]) throws {
        logFile = folder + "/recorder.log"
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        process.executableURL = URL(fileURLWithPath: PackagePaths.accord)
        process.arguments = arguments + ["--listen", "127.0.0.1:\(port)"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !portAcceptsConnections(port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw BackgroundServer.StartFailure(message: "accord record did not listen on \(port):\n\(log)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Sends `signal` and waits for the exit status (nil if it did not exit within 15 s).
    func signal(_ signal: Int32) async -> Int32? {
        kill(process.processIdentifier, signal)
        return await exitStatus(within: 15)
    }

    func exitStatus(within seconds: Double) async -> Int32? {
        guard await waitUntil(seconds: seconds, { !process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
