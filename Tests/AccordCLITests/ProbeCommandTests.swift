import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// `accord probe` against real servers: the lying fixture (Tests/Fixtures/peers/liar_server.py,
/// official Python SDK), the demo server and the real mcp-server-time.
@Suite struct ProbeCommandTests {
    static func liar(_ extra: [String] = []) throws -> [String] {
        ["--", try Peers.python(), try Peers.fixture("liar_server.py")] + extra
    }

    static func json(_ run: AccordRun) throws -> JSONValue {
        try JSONValue(parsing: run.stdout)
    }

    static func findings(_ report: JSONValue, _ kind: String, tool: String) -> [JSONValue] {
        (report["findings"]?.arrayValue ?? []).filter { $0["kind"]?.stringValue == kind && $0["tool"]?.stringValue == tool }
    }

    @Test func everyLieOfTheFixtureIsReportedWithTheArgumentsThatReproduceIt() async throws {
        let run = try await runAccord(["probe", "--invalid", "--calls", "4", "--format", "json"] + Self.liar())
        #expect(run.status == 1, "\(run)")
        let report = try Self.json(run)
        let rejected = Self.findings(report, "valid-arguments-rejected", tool: "lookup_order")
        #expect(!rejected.isEmpty)
        // The arguments are the cause: every rejected quantity is over the server's real limit.
        #expect(rejected.allSatisfy { ($0["arguments"]?["quantity"]?.numberValue.map { SchemaNumber($0) } ?? 0) > 10 }, "\(rejected)")
        #expect(rejected.allSatisfy { $0["severity"] == "breaking" && $0["message"]?.stringValue?.contains("at most 10") == true })
        let violated = Self.findings(report, "output-schema-violated", tool: "get_status")
        #expect(Set(violated.compactMap { $0["pointer"]?.stringValue }) == ["/structuredContent/state", "/structuredContent/uptime"])
        #expect(!Self.findings(report, "structured-content-missing", tool: "get_summary").isEmpty)
        let accepted = Self.findings(report, "invalid-arguments-accepted", tool: "lookup_order")
        #expect(!accepted.isEmpty && accepted.allSatisfy { $0["severity"] == "non-breaking" })
        let crashed = Self.findings(report, "invalid-arguments-crashed", tool: "get_status")
        #expect(!crashed.isEmpty && crashed.allSatisfy { $0["arguments"]?["verbose"]?.boolValue == nil })
        // The honest tool has nothing against it, and every finding's call is in the call list.
        #expect((report["findings"]?.arrayValue ?? []).allSatisfy { $0["tool"] != "echo" })
        let calls = report["calls"]?.arrayValue ?? []
        for finding in report["findings"]?.arrayValue ?? [] {
            #expect(calls.contains { $0["tool"] == finding["tool"] && $0["arguments"] == finding["arguments"] }, "\(finding)")
        }
        #expect(calls.filter { $0["tool"] == "echo" && $0["kind"] == "valid" }.count == 4)
    }

    @Test func aFindingReproducesWhenItsArgumentsAreSentAgain() async throws {
        let report = try Self.json(try await runAccord(["probe", "--calls", "3", "--format", "json"] + Self.liar()))
        let finding = try #require(Self.findings(report, "valid-arguments-rejected", tool: "lookup_order").first)
        let arguments = try #require(finding["arguments"])
        // The official SDK's client sends the recorded arguments to a fresh server.
        let steps = JSONEncoding.compact([["op": "call", "name": "lookup_order", "arguments": arguments]])
        let call = try await runChild(try Peers.python(), [try Peers.fixture("mcp_client.py"), "--client", "sdk", "--steps", steps,
                                                          "--", try Peers.python(), try Peers.fixture("liar_server.py")], limit: 60)
        #expect(call.stdout.contains("quantity must be at most 10"), "\(call)")
    }

    @Test func aWriteToolIsNotCalledWithoutAllowWrites() async throws {
        let folder = try temporaryFolder()
        let marker = folder + "/deleted"
        let run = try await runAccord(["probe", "--calls", "2", "--format", "json"] + Self.liar(["--marker", marker]))
        let report = try Self.json(run)
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect((report["calls"]?.arrayValue ?? []).allSatisfy { $0["tool"] != "delete_everything" })
        let skipped = report["skipped"]?.arrayValue ?? []
        #expect(skipped.contains { $0["tool"] == "delete_everything" && $0["reason"]?.stringValue?.contains("readOnlyHint is false") == true }, "\(skipped)")

        let allowed = try Self.json(try await runAccord(["probe", "--calls", "1", "--allow-writes", "--format", "json"] + Self.liar(["--marker", marker])))
        #expect(FileManager.default.fileExists(atPath: marker))
        #expect((allowed["calls"]?.arrayValue ?? []).contains { $0["tool"] == "delete_everything" })
    }

    @Test func theSameSeedMakesTheSameCalls() async throws {
        func calls(_ seed: String) async throws -> JSONValue? {
            try Self.json(try await runAccord(["probe", "--invalid", "--calls", "3", "--seed", seed, "--format", "json"] + Self.liar()))["calls"]
        }
        let first = try await calls("7")
        #expect(try await calls("7") == first)
        #expect(try await calls("8") != first)
    }

    @Test func everyReportFormatIsWritten() async throws {
        let folder = try temporaryFolder()
        let formats = ["sarif", "junit", "markdown", "github", "json"]
        let run = try await runAccord(["probe", "--invalid", "--calls", "2"] + formats.flatMap { ["--report", "\($0)=\(folder)/probe.\($0)"] } + Self.liar())
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("BREAKING lookup_order: valid-arguments-rejected"), "\(run.stdout)")
        #expect(run.stdout.contains("reproduce: tools/call lookup_order {\"quantity\":"))
        #expect(run.stdout.contains("delete_everything: readOnlyHint is false"))
        let sarif = try JSONValue(parsing: try String(contentsOfFile: folder + "/probe.sarif", encoding: .utf8))
        let results = sarif["runs"]?[0]?["results"]?.arrayValue ?? []
        #expect(results.contains { $0["ruleId"] == "probe-output-schema-violated" && $0["level"] == "error" })
        #expect(results.contains { $0["ruleId"] == "probe-invalid-arguments-accepted" && $0["level"] == "note" })
        let junit = try String(contentsOfFile: folder + "/probe.junit", encoding: .utf8)
        #expect(junit.contains("type=\"structured-content-missing\""))
        #expect(junit.contains("not called"))
        let markdown = try String(contentsOfFile: folder + "/probe.markdown", encoding: .utf8)
        #expect(markdown.contains("### Findings") && markdown.contains("### Skipped tools"))
        let github = try String(contentsOfFile: folder + "/probe.github", encoding: .utf8)
        #expect(github.contains("::error title=probe valid-arguments-rejected%3A lookup_order::"), "\(github)")
        // The JSON report matches its published schema.
        let check = try await runChild(try Peers.bin("jsonschema"), ["--instance", folder + "/probe.json", PackagePaths.path("docs/schemas/accord-probe-report.schema.json")], limit: 60)
        #expect(check.status == 0, "\(check)")
    }

    @Test func failOnSetsTheExitCode() async throws {
        let never = try await runAccord(["probe", "--calls", "2", "--fail-on", "never"] + Self.liar())
        #expect(never.status == 0, "\(never)")
        let stateWithoutHook = try await runAccord(["probe", "--given", "orders exist"] + Self.liar())
        #expect(stateWithoutHook.status == 2)
        #expect(stateWithoutHook.stderr.contains("provider-states: hook"), "\(stateWithoutHook)")
    }

    @Test func theDemoServersReadOnlyToolsAreProbedAndItsWriteToolsSkipped() async throws {
        let run = try await runAccord(["probe", "--calls", "3", "--format", "json", "--fail-on", "never", "--", PackagePaths.demoServer])
        #expect(run.status == 0, "\(run)")
        let report = try Self.json(run)
        let called = Set((report["calls"]?.arrayValue ?? []).compactMap { $0["tool"]?.stringValue })
        let skipped = Set((report["skipped"]?.arrayValue ?? []).compactMap { $0["tool"]?.stringValue })
        #expect(called == ["get_customer_balance", "get_invoice", "list_invoices"], "\(report)")
        #expect(skipped.isSuperset(of: ["create_invoice", "record_payment", "void_invoice"]), "\(skipped)")
        // Whatever the demo answers, no result violates its own outputSchema.
        #expect((report["findings"]?.arrayValue ?? []).allSatisfy { $0["kind"] != "output-schema-violated" }, "\(report["findings"] ?? [])")
    }

    @Test func theRealTimeServerIsNarrowerThanItsSchema() async throws {
        let started = Date()
        let run = try await runAccord(["probe", "--calls", "3", "--format", "json", "--", try Peers.bin("mcp-server-time"), "--local-timezone", "UTC"])
        print("accord probe on mcp-server-time (2 tools × 3 calls): \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        let report = try Self.json(run)
        #expect(report["summary"]?["calls"] == 6, "\(run)")
        // Its schema allows any string as a timezone; the server takes only IANA names.
        let rejected = Self.findings(report, "valid-arguments-rejected", tool: "get_current_time")
        #expect(!rejected.isEmpty && rejected.allSatisfy { $0["arguments"]?["timezone"]?.stringValue != nil }, "\(report)")
        #expect(run.status == 1)
    }

    /// A project whose accord.yaml names the lying fixture with `probe` set to `probe`.
    static func project(probe: String) throws -> String {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/snapshots", withIntermediateDirectories: true)
        let config = """
            servers:
              liar:
                command: \(try Peers.python())
                args: ["\(try Peers.fixture("liar_server.py"))"]
                probe: \(probe)
            """
        try config.write(toFile: folder + "/accord.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func checkWithProbeTrueProbesTheServerAndFailsTheGateOnFindings() async throws {
        let folder = try Self.project(probe: "false")
        // A baseline first, so the diff passes and only the probe can fail the gate.
        #expect(try await runAccord(["check", "--update"], in: folder, environment: ["CI": ""]).status == 0)
        let quiet = try await runAccord(["check", "--format", "json"], in: folder)
        #expect(quiet.status == 0, "\(quiet)")
        #expect(try Self.json(quiet)["servers"]?[0]?["probe"] == nil)

        let probed = try Self.project(probe: "{calls: 2, seed: 3, invalid: true}")
        try FileManager.default.copyItem(atPath: folder + "/snapshots/liar.json", toPath: probed + "/snapshots/liar.json")
        let run = try await runAccord(["check", "--format", "json"], in: probed)
        #expect(run.status == 1, "\(run)")
        let report = try Self.json(run)
        let server = try #require(report["servers"]?[0])
        #expect(server["status"] == "failed")
        #expect(server["diff"]?["findings"]?.arrayValue?.isEmpty == true)
        let probe = try #require(server["probe"])
        #expect(probe["options"]?["seed"] == 3 && probe["options"]?["invalid"] == true)
        #expect(!Self.findings(probe, "valid-arguments-rejected", tool: "lookup_order").isEmpty)
        #expect(!Self.findings(probe, "output-schema-violated", tool: "get_status").isEmpty)
        // The check report, probe included, matches its published schema.
        let schema = try JSONValue(parsing: try String(contentsOfFile: PackagePaths.path("docs/schemas/accord-check-report.schema.json"), encoding: .utf8))
        #expect(JSONSchemaValidator(schema: schema).validate(report).isEmpty)
        let text = try await runAccord(["check"], in: probed)
        #expect(text.stdout.contains("BREAKING lookup_order: valid-arguments-rejected"), "\(text.stdout)")
        #expect(text.stdout.contains("probe: "), "\(text.stdout)")
    }

    @Test func aBadProbeSettingIsAnInputErrorNamingTheField() async throws {
        let folder = try Self.project(probe: "{calls: 0}")
        let run = try await runAccord(["check"], in: folder)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("accord.yaml") && run.stderr.contains("calls"), "\(run.stderr)")
        let given = try await runAccord(["check"], in: try Self.project(probe: "{given: [orders exist]}"))
        #expect(given.status == 2 && given.stderr.contains("provider-states"), "\(given)")
    }

    @Test func providerStatesAreSetUpByTheHookBeforeTheFirstCall() async throws {
        let folder = try Self.project(probe: "false")
        let log = folder + "/states.log"
        let config = try String(contentsOfFile: folder + "/accord.yaml", encoding: .utf8) + """

                provider-states:
                  command: 'echo "$ACCORD_PROVIDER_STATE" >> \(log); test "$ACCORD_PROVIDER_STATE" != broken'
            """
        try config.write(toFile: folder + "/accord.yaml", atomically: true, encoding: .utf8)
        let run = try await runAccord(["probe", "--server", "liar", "--calls", "1", "--given", "orders exist", "--given", "status ok", "--format", "json"], in: folder)
        #expect(run.status == 1, "\(run)")
        #expect(try Self.json(run)["states"] == ["orders exist", "status ok"])
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "orders exist\nstatus ok\n")
        let broken = try await runAccord(["probe", "liar", "--given", "broken"], in: folder)
        #expect(broken.status == 3, "\(broken)")
        #expect(broken.stderr.contains("provider-state hook") && broken.stderr.contains("\"broken\""), "\(broken.stderr)")
        #expect(broken.stdout.isEmpty, "no call is made, no report written: \(broken.stdout)")
    }
}

/// Compares a JSON number as a Double (test convenience).
private func SchemaNumber(_ number: JSONNumber) -> Double { Double(number.text) ?? .nan }
