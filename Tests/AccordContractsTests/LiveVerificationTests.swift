import AccordContracts
import AccordJSON
import AccordMCP
import AccordSnapshot
import AccordTestSupport
import Foundation
import Testing

/// Live verification bounds each call, not the whole run: under a loaded CI machine a session of
/// many calls may legitimately take longer than one call's limit.
let liveSessionOptions = ClientOptions(timeout: .seconds(60), limitsWholeSession: false)

/// Live verification over stdio against the demo server and the Python peers.
struct LiveVerificationTests {
    static let consumers = ["billing-agent", "collections-bot"]

    static func contracts() throws -> [Contract] {
        try consumers.map { try ContractFile.load(Paths.demoContract("\($0).yaml")) }
    }

    static func demo(_ release: String) -> ServerEndpoint {
        .stdio(StdioLaunch(command: PackagePaths.demoServer, arguments: ["--release", release]))
    }

    static func liveFailures(_ release: String) async throws -> [String: [String]] {
        let contracts = try contracts()
        let verdicts = try await MCPSession.with(demo(release), options: liveSessionOptions) { session in
            await LiveVerifier.verify(contracts, session: session, hook: nil)
        }
        #expect(verdicts.map(\.consumer) == consumers)
        #expect(verdicts.map { $0.checks.map(\.id) } == contracts.map { $0.interactions.map { "interaction:\($0.name)" } })
        var failures: [String: [String]] = [:]
        for verdict in verdicts {
            for check in verdict.failedChecks { failures["\(verdict.consumer) \(check.id)"] = check.mismatches.map(\.message) }
        }
        return failures
    }

    static func staticInteractionFailures(_ release: String) throws -> Set<String> {
        let snapshot = try SnapshotFile.read(Paths.repo(release == "1.0.0" ? "snapshots/demo.json" : "snapshots/demo-v2.json"))
        var ids: Set<String> = []
        for contract in try contracts() {
            for check in StaticVerifier.verify(contract, against: snapshot).failedChecks where check.id.hasPrefix("interaction:") {
                ids.insert("\(contract.consumer) \(check.id)")
            }
        }
        return ids
    }

    @Test func demoRelease1PassesEveryInteractionLive() async throws {
        let failures = try await Self.liveFailures("1.0.0")
        #expect(failures == [:])
        #expect(try Self.staticInteractionFailures("1.0.0") == [])
    }

    @Test func demoRelease2FailsLiveExactlyWhereStaticVerificationDoes() async throws {
        let failures = try await Self.liveFailures("2.0.0")
        #expect(Set(failures.keys) == (try Self.staticInteractionFailures("2.0.0")))
        #expect(Set(failures.keys) == [
            "billing-agent interaction:fetch a paid invoice",
            "billing-agent interaction:record a card payment",
            "billing-agent interaction:draft a reminder for an overdue invoice",
            "collections-bot interaction:check what a customer owes",
            "collections-bot interaction:weekly briefing including void invoices",
        ])
        #expect(failures["billing-agent interaction:fetch a paid invoice"] == [
            "/structuredContent/customerName: expected a string (like \"Acme\"), got nothing (missing)",
        ])
        #expect(failures["collections-bot interaction:check what a customer owes"] == [
            "tools/call get_customer_balance failed with JSON-RPC error -32602: Invalid params: Unknown tool: get_customer_balance",
        ])
    }

    /// Read-only interactions are pipelined, but never across a call that changes state: forty
    /// reads see the balance before a payment, forty after it.
    @Test func pipelinedReadsKeepTheirPlaceAroundAStateChange() async throws {
        func reads(_ balance: Int, from first: Int) -> String {
            (first..<first + 40).map { index in
                """
                  - name: read \(index)
                    call: tools/call
                    tool: get_invoice
                    arguments: { invoiceId: INV-1002 }
                    expect: { structuredContent: { balanceCents: \(balance) } }
                """
            }.joined(separator: "\n")
        }
        let contract = try ContractFile.parse("""
            accord-contract: 1
            consumer: auditor
            provider: ledgerly
            interactions:
            \(reads(48000, from: 0))
              - name: pay
                call: tools/call
                tool: record_payment
                arguments: { invoiceId: INV-1002, amountCents: 10000, method: card }
            \(reads(38000, from: 40))
            """, file: "auditor.yaml")
        let verdicts = try await MCPSession.with(Self.demo("1.0.0"), options: liveSessionOptions) { session in
            await LiveVerifier.verify([contract], session: session, hook: nil)
        }
        #expect(verdicts[0].checks.count == 81)
        #expect(verdicts[0].failedChecks.map(\.id) == [], "\(verdicts[0].failedChecks.flatMap(\.mismatches).map(\.message).prefix(3))")
    }
}

/// Provider states through a hook, against the Python SDK peer whose answers come from --state-file.
struct LiveProviderStateTests {
    /// The trip-planner contract (Tests/Fixtures/peers/trip-planner.yaml); its interactions come
    /// last, so a test can append more.
    static func contractText() throws -> String {
        try String(contentsOfFile: try Peers.fixture("trip-planner.yaml"), encoding: .utf8)
    }

    static func contract(_ text: String? = nil) throws -> Contract {
        try ContractFile.parse(try text ?? contractText(), file: "trip-planner.yaml")
    }

    struct Peer {
        let stateFile: String
        let endpoint: ServerEndpoint
        let hook: ProviderStateHook
    }

    static func peer(timeout: Duration = .seconds(20)) throws -> Peer {
        let python = try Peers.python()
        let stateFile = FileManager.default.temporaryDirectory.appendingPathComponent("accord-state-\(UUID().uuidString).json").path
        let endpoint = ServerEndpoint.stdio(StdioLaunch(command: python, arguments: [try Peers.fixture("sdk_server.py"), "--state-file", stateFile]))
        let hook = ProviderStateHook(command: [python, "set_weather_state.py", stateFile], workingDirectory: try Peers.fixture(""), timeout: timeout)
        return Peer(stateFile: stateFile, endpoint: endpoint, hook: hook)
    }

    @Test func theExpectationPassesOnlyOnceTheHookHasSetTheStateUp() async throws {
        let peer = try Self.peer()
        defer { try? FileManager.default.removeItem(atPath: peer.stateFile) }
        let contract = try Self.contract()
        let (without, with) = try await MCPSession.with(peer.endpoint, options: liveSessionOptions) { session in
            let without = await LiveVerifier.verify([contract], session: session, hook: nil)
            let with = await LiveVerifier.verify([contract], session: session, hook: peer.hook)
            return (without, with)
        }
        let unset = try #require(without.first?.checks.first)
        #expect(unset.id == "interaction:snow in Oslo")
        #expect(unset.mismatches.map(\.message) == [
            #"/structuredContent/conditions: expected "snow", got "sunny""#,
            "/structuredContent/humidity: expected 95, got 40",
        ])
        let set = try #require(with.first)
        #expect(set.checks.map(\.status) == [.passed], "\(set.checks.flatMap(\.mismatches).map(\.message))")
        #expect(set.summary == "trip-planner → accord-sdk-peer: all 1 checks passed")
        let written = try JSONValue(parsing: String(contentsOfFile: peer.stateFile, encoding: .utf8))
        #expect(written["forecast"]?["humidity"] == 95)
    }

    @Test func aFailingHookFailsItsInteractionWithItsStderrAndTheNextOneStillRuns() async throws {
        let peer = try Self.peer()
        defer { try? FileManager.default.removeItem(atPath: peer.stateFile) }
        let contract = try Self.contract(try Self.contractText() + """

              - name: broken station
                given: { state: broken, params: { station: OSL-9 } }
                call: tools/call
                tool: get_forecast
                arguments: { city: Oslo }
              - name: fair weather in Bergen
                given: { state: fair weather }
                call: tools/call
                tool: get_forecast
                arguments: { city: Bergen }
                expect:
                  structuredContent: { city: Bergen, conditions: sunny }
            """)
        let verdicts = try await MCPSession.with(peer.endpoint, options: liveSessionOptions) { session in
            await LiveVerifier.verify([contract], session: session, hook: peer.hook)
        }
        let checks = try #require(verdicts.first?.checks)
        #expect(checks.map(\.id) == ["interaction:snow in Oslo", "interaction:broken station", "interaction:fair weather in Bergen"])
        #expect(checks.map(\.status) == [.passed, .failed, .passed])
        #expect(checks[1].mismatches.map(\.message) == [
            "the provider-state hook `\(peer.hook.displayCommand)` exited with status 3 setting up state \"broken\": "
                + "setting up the weather station\nno such station: OSL-9",
        ])
    }

    @Test func aHookThatOverrunsItsTimeoutIsKilled() async throws {
        let peer = try Self.peer(timeout: .milliseconds(500))
        let started = ContinuousClock.now
        await #expect(throws: ProviderStateHook.Failure.self) {
            try await peer.hook.run(ProviderState(state: "slow"))
        }
        do {
            try await peer.hook.run(ProviderState(state: "slow"))
        } catch {
            #expect(error.reason == .timedOut(seconds: 0.5))
            #expect(error.description.contains("did not finish within 0.5 s and was killed"))
        }
        // Two runs of a hook that sleeps 60 s: finishing well before 120 s proves it was killed
        // (the bound is loose because CI machines run many peers at once: 55 s was seen at load 10).
        #expect(ContinuousClock.now - started < .seconds(100))
    }

    /// A timed-out hook is ended with everything it started: its process group goes.
    @Test func aTimedOutHookTakesItsChildrenWithIt() async throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("accord-hook-child-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let hook = ProviderStateHook(command: ["/bin/sh", "-c", "sleep 300 & echo $! > '\(pidFile)'; sleep 300"], timeout: .seconds(1))
        do {
            try await hook.run(ProviderState(state: "slow"))
            Issue.record("the hook finished")
        } catch {
            #expect(error.reason == .timedOut(seconds: 1))
        }
        let child = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<100 where alive {
            alive = kill(child, 0) == 0 && !Self.isZombie(child)
            if alive { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(!alive, "the hook's background child \(child) outlived it")
    }

    /// A process that has exited but is not reaped yet (state Z in /proc).
    static func isZombie(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return status.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    @Test func aHookThatCannotStartSaysSo() async throws {
        let hook = ProviderStateHook(command: ["/nonexistent/accord-hook"])
        do {
            try await hook.run(ProviderState(state: "anything"))
            Issue.record("the hook ran")
        } catch {
            guard case .launchFailed = error.reason else { Issue.record("\(error)"); return }
            #expect(error.description.hasPrefix("the provider-state hook `/nonexistent/accord-hook` could not be started"))
        }
    }
}

/// Output-schema validation of live results, against the stdlib-only faithful peer.
struct LiveOutputSchemaTests {
    @Test func structuredContentThatBreaksTheToolsOwnOutputSchemaFails() async throws {
        let endpoint = ServerEndpoint.stdio(StdioLaunch(command: try Peers.python(), arguments: [try Peers.fixture("faithful_server.py")]))
        let contract = try ContractFile.parse("""
            accord-contract: 1
            consumer: counter
            provider: faithful
            interactions:
              - name: broken output
                call: tools/call
                tool: broken_output
                arguments: {}
              - name: a tool that does not exist
                call: tools/call
                tool: no_such_tool
                arguments: {}
                expect: { isError: true }
            """, file: "counter.yaml")
        let verdicts = try await MCPSession.with(endpoint, options: liveSessionOptions) { session in
            await LiveVerifier.verify([contract], session: session, hook: nil)
        }
        let checks = try #require(verdicts.first?.checks)
        #expect(checks.map(\.status) == [.failed, .passed])
        let mismatch = try #require(checks.first?.mismatches.first)
        #expect(checks.first?.mismatches.count == 1)
        #expect(mismatch.pointer.description == "/structuredContent/count")
        #expect(mismatch.actual == "three")
        #expect(mismatch.message.hasPrefix("/structuredContent/count: "))
        #expect(mismatch.message.hasSuffix("(outputSchema of broken_output)"))
    }

    @Test func aServerThatDiesFailsTheRemainingInteractions() async throws {
        // The session escapes MCPSession.with, which has shut its server down and reaped it.
        let contract = try ContractFile.parse("""
            accord-contract: 1
            consumer: counter
            provider: faithful
            interactions:
              - name: first
                call: tools/call
                tool: broken_output
                arguments: {}
              - name: second
                call: tools/call
                tool: broken_output
                arguments: {}
            """, file: "counter.yaml")
        let endpoint = ServerEndpoint.stdio(StdioLaunch(command: try Peers.python(), arguments: [try Peers.fixture("faithful_server.py")]))
        let escaped = try await MCPSession.with(endpoint, options: liveSessionOptions) { session in session }
        let verdicts = await LiveVerifier.verify([contract], session: escaped, hook: nil)
        let checks = try #require(verdicts.first?.checks)
        #expect(checks.map(\.status) == [.failed, .failed])
        #expect(checks[0].mismatches.first?.message.hasPrefix("tools/call broken_output failed: ") == true, "\(checks[0].mismatches)")
        #expect(checks[1].mismatches.first?.message.hasPrefix("not run: ") == true, "\(checks[1].mismatches)")
    }
}
