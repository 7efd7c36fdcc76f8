import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// `accord mock` driven by clients nobody here wrote — the official SDK's `ClientSession`
/// (mcp 2.x and the legacy mcp<2), and fastmcp's `Client` (which speaks the modern era) — over
/// stdio and Streamable HTTP, with the demo's committed contracts and snapshot.
@Suite struct MockCommandTests {
    static let contracts = ["contracts/billing-agent.yaml", "contracts/collections-bot.yaml", "--snapshot", "snapshots/demo.json"]

    /// Offered: the tools the two contracts name (not void_invoice).
    static let offeredTools: JSONValue = ["create_invoice", "get_customer_balance", "get_invoice", "list_invoices", "record_payment", "send_invoice_reminder"]

    static let steps = #"""
        [{"op":"tools"},{"op":"prompts"},{"op":"templates"},
         {"op":"call","name":"get_invoice","arguments":{"invoiceId":"INV-1001"}},
         {"op":"call","name":"get_invoice","arguments":{"invoiceId":"INV-9"}},
         {"op":"call","name":"list_invoices","arguments":{"status":"overdue"},"meta":{"accord/state":"an empty ledger"}},
         {"op":"call","name":"list_invoices","arguments":{"status":"overdue"},"meta":{"accord/state":"the seed ledger"}},
         {"op":"read","uri":"ledgerly://invoices/INV-1003"},
         {"op":"prompt","name":"draft_payment_reminder","arguments":{"invoiceId":"INV-1003"}}]
        """#

    /// What every client must see for ``steps``, whatever the transport or era.
    static func expectTheContractsBehaviour(_ out: JSONValue, _ context: String) {
        let steps = out["steps"]
        #expect(out["serverInfo"]?["name"] == "ledgerly", "\(context)")
        #expect(steps?[0]?["names"] == offeredTools, "\(context)")
        #expect(steps?[1]?["names"] == ["draft_payment_reminder", "summarize_receivables"], "\(context)")
        #expect(steps?[2]?["names"] == ["ledgerly://invoices/{invoiceId}"], "\(context)")
        let invoice = steps?[3]?["result"]
        #expect(invoice?["isError"] == false, "\(context): \(String(describing: invoice))")
        #expect(invoice?["structuredContent"]?["invoiceId"] == "INV-1001", "\(context)")
        #expect(invoice?["structuredContent"]?["customerName"] == "Acme", "the $like example: \(context)")
        #expect(["paid", "sent"].contains(invoice?["structuredContent"]?["status"]?.stringValue ?? ""), "generated from the $regex: \(context)")
        #expect(invoice?["structuredContent"]?["issueDate"] == "2025-03-15", "$format date: \(context)")
        #expect(invoice?["content"]?[0]?["type"] == "text", "\(context)")
        let unmatched = steps?[4]?["error"]?["message"]?.stringValue ?? ""
        #expect(unmatched.contains(#"closest is "fetch a paid invoice" (contracts/billing-agent.yaml:30): argument /invoiceId: expected "INV-1001", got "INV-9""#),
                "\(context): \(String(describing: steps?[4]))")
        let wrongState = steps?[5]?["error"]?["message"]?.stringValue ?? ""
        #expect(wrongState.contains(#"it needs provider state "the seed ledger" (selected: "an empty ledger""#), "\(context): \(String(describing: steps?[5]))")
        #expect(steps?[6]?["result"]?["structuredContent"]?["invoices"]?[0]?["status"] == "overdue", "\(context): \(String(describing: steps?[6]))")
        #expect(steps?[7]?["result"]?["contents"]?[0]?["uri"] == "ledgerly://invoices/INV-1003", "\(context): \(String(describing: steps?[7]))")
        #expect(steps?[7]?["result"]?["contents"]?[0]?["text"]?.stringValue?.contains("INV-1003") == true, "\(context)")
        #expect(steps?[8]?["result"]?["messages"]?[0]?["role"] == "user", "\(context): \(String(describing: steps?[8]))")
    }

    /// The report of a run of ``steps``: 4 interactions exercised, 2 unexpected requests.
    static func expectTheReport(_ report: JSONValue, _ context: String) {
        #expect(report["kind"] == "mock" && report["failed"] == true, "\(context)")
        #expect(report["summary"] == ["interactions": 8, "exercised": 4, "neverCalled": 4, "unexpectedRequests": 2], "\(context): \(report["summary"] ?? nil)")
        let exercised = report["interactions"]?.arrayValue?.filter { $0["exercised"] == true }.compactMap { $0["name"]?.stringValue }
        #expect(exercised == ["fetch a paid invoice", "read an invoice through its URI", "draft a reminder for an overdue invoice", "list overdue invoices"], "\(context)")
        #expect(report["unexpected"]?.arrayValue?.compactMap { $0["target"]?.stringValue } == ["get_invoice", "list_invoices"], "\(context)")
    }

    struct StdioRun {
        var client: JSONValue
        var status: Int32
        var stderr: String
        var report: String
    }

    /// A Python client spawning `accord mock ARGS` as its stdio server, through `sh` so the
    /// mock's exit status is kept; the report is written to a JSON file and stderr to a log.
    static func overStdio(python: String, client: String = "sdk", _ arguments: [String], steps: String = steps, format: String = "json") async throws -> StdioRun {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let status = folder + "/status", errlog = folder + "/stderr", report = folder + "/report"
        let mock = ["/bin/sh", "-c", "\"$@\"; echo $? > '\(status)'", "sh", PackagePaths.accord, "mock"] + arguments + ["--report", "\(format)=\(report)"]
        let run = try await runChild(python, [try Peers.fixture("mcp_client.py"), "--client", client, "--steps", steps, "--errlog", errlog, "--"] + mock,
                                     directory: PackagePaths.root, limit: 90)
        #expect(run.status == 0, "the client: \(run)")
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: status) || ((try? String(contentsOfFile: status, encoding: .utf8)) ?? "").isEmpty {
            guard Date() < deadline else { throw MockProcess.Failure(message: "accord mock did not exit after the client closed stdin:\n\(run)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        let code = Int32((try String(contentsOfFile: status, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        return StdioRun(client: try JSONValue(parsing: run.stdout), status: code,
                        stderr: (try? String(contentsOfFile: errlog, encoding: .utf8)) ?? "",
                        report: (try? String(contentsOfFile: report, encoding: .utf8)) ?? "")
    }

    @Test(arguments: ["sdk", "fastmcp"])
    func stdioClients(client: String) async throws {
        let run = try await Self.overStdio(python: try Peers.python(), client: client, Self.contracts)
        Self.expectTheContractsBehaviour(run.client, "\(client) over stdio")
        #expect(run.client["protocolVersion"] == (client == "fastmcp" ? "2026-07-28" : "2025-11-25"), "fastmcp probes server/discover: modern era")
        #expect(run.status == 1, "unexpected requests fail the consumer's run: \(run.stderr)")
        Self.expectTheReport(try JSONValue(parsing: run.report), "\(client) over stdio")
        #expect(run.stderr.contains(#"UNEXPECTED tools/call get_invoice {"invoiceId":"INV-9"}"#), "the text report on stderr: \(run.stderr)")
        #expect(run.stderr.contains("4 of 8 interactions exercised, 4 never called, 2 unexpected requests: FAIL"), "\(run.stderr)")
    }

    /// The handshake-era-only SDK (mcp<2) as the consumer.
    @Test func legacyClientOverStdio() async throws {
        let run = try await Self.overStdio(python: try Peers.legacyPython(), Self.contracts)
        Self.expectTheContractsBehaviour(run.client, "mcp<2 over stdio")
        #expect(run.status == 1)
        Self.expectTheReport(try JSONValue(parsing: run.report), "mcp<2 over stdio")
    }

    static let onlyMatching = #"[{"op":"call","name":"get_invoice","arguments":{"invoiceId":"INV-1001"}}]"#

    /// Every request matched: exit 0, even with interactions never called; `--require-all`
    /// makes those fail (exit 1) and names them.
    @Test func requireAll() async throws {
        let base = ["contracts/billing-agent.yaml", "--snapshot", "snapshots/demo.json"]
        let lenient = try await Self.overStdio(python: try Peers.python(), base, steps: Self.onlyMatching, format: "junit")
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.report.contains("<skipped"), "never-called interactions are skipped cases: \(lenient.report)")
        let strict = try await Self.overStdio(python: try Peers.python(), base + ["--require-all"], steps: Self.onlyMatching, format: "junit")
        #expect(strict.status == 1, "\(strict.stderr)")
        #expect(strict.stderr.contains("FAIL (interactions never called (--require-all))"), "\(strict.stderr)")
        #expect(strict.stderr.contains(#""record a card payment" (contracts/billing-agent.yaml:45): tools/call record_payment"#), "\(strict.stderr)")
        #expect(strict.report.contains(#"type="never-called""#), "\(strict.report)")
    }

    /// `--server NAME`: the definitions captured live from the demo in accord.yaml.
    @Test func definitionsFromAConfiguredServer() async throws {
        let run = try await Self.overStdio(python: try Peers.python(), ["contracts/billing-agent.yaml", "--server", "demo"], steps: Self.onlyMatching)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.client["steps"]?[0]?["result"]?["structuredContent"]?["invoiceId"] == "INV-1001")
        #expect(try JSONValue(parsing: run.report)["snapshot"] == "demo")
    }

    /// Over HTTP, both Python clients in sessions of their own against one mock, then Ctrl-C:
    /// the report counts both sessions, is written, and the process is gone.
    @Test(arguments: [false, true])
    func httpClientsThenCtrlC(sse: Bool) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = folder + "/mock.json"
        let mock = try MockProcess(Self.contracts + ["--listen", "127.0.0.1:0", "--report", "json=\(report)"] + (sse ? ["--sse"] : []))
        let url = try await mock.waitForURL()
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/mcp") && !url.contains(":0/"), "\(url)")
        for client in ["sdk", "fastmcp"] {
            let run = try await runChild(try Peers.python(), [try Peers.fixture("mcp_client.py"), "--client", client, "--url", url, "--steps", Self.steps], limit: 60)
            #expect(run.status == 0, "\(run)")
            Self.expectTheContractsBehaviour(try JSONValue(parsing: run.stdout), "\(client) over HTTP (sse: \(sse))")
        }
        let status = try await mock.stop(signal: SIGINT)
        #expect(status == 1, "unexpected requests: exit 1 after Ctrl-C too:\n\(mock.stderr)")
        let written = try JSONValue(parsing: try String(contentsOfFile: report, encoding: .utf8))
        #expect(written["summary"]?["unexpectedRequests"] == 4, "two clients, two unexpected requests each")
        #expect(written["interactions"]?.arrayValue?.first { $0["name"] == "fetch a paid invoice" }?["calls"] == 2)
        #expect(written["sessions"] == 1, "the SDK client's session (fastmcp's modern requests are stateless): \(written)")
        #expect(mock.stderr.contains("accord mock: ledgerly 1.0.0 from snapshots/demo.json on \(url)"), "\(mock.stderr)")
        #expect(processes(matching: mock.marker).isEmpty || !mock.isRunning)
        #expect(kill(mock.pid, 0) != 0, "no process left behind")
    }

    /// Ctrl-C on a stdio mock with no request at all: the report is still written, exit 0.
    @Test func ctrlCOnStdioWritesTheReport() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = folder + "/mock.md"
        let mock = try MockProcess(["contracts/billing-agent.yaml", "--snapshot", "snapshots/demo.json", "--report", "markdown=\(report)", "--verbose"])
        try await mock.waitForServing()
        try await Task.sleep(for: .milliseconds(200))
        #expect(mock.isRunning, "a stdio mock waits for its client: \(mock.stderr)")
        let status = try await mock.stop(signal: SIGINT)
        #expect(status == 0, "\(mock.stderr)")
        let markdown = try String(contentsOfFile: report, encoding: .utf8)
        #expect(markdown.contains("**PASS**: 0 of 4 interactions exercised, 4 never called, 0 unexpected requests"), "\(markdown)")
        #expect(mock.stderr.contains("0 of 4 interactions exercised"), "\(mock.stderr)")
    }

    /// SIGTERM ends an HTTP mock the same way.
    @Test func sigtermEndsAnHTTPMock() async throws {
        let mock = try MockProcess(["contracts/billing-agent.yaml", "--snapshot", "snapshots/demo.json", "--listen", "127.0.0.1:0"])
        _ = try await mock.waitForURL()
        let status = try await mock.stop(signal: SIGTERM)
        #expect(status == 0, "\(mock.stderr)")
        #expect(mock.stderr.contains("0 of 4 interactions exercised"), "\(mock.stderr)")
    }

    @Test func portInUseIsOneLineAndExit2() async throws {
        let first = try MockProcess(["contracts/billing-agent.yaml", "--snapshot", "snapshots/demo.json", "--listen", "127.0.0.1:0"])
        let url = try await first.waitForURL()
        let port = try #require(URLComponents(string: url)?.port)
        let second = try await runAccord(["mock", "contracts/billing-agent.yaml", "--snapshot", "snapshots/demo.json", "--listen", "127.0.0.1:\(port)"], limit: 30)
        #expect(second.status == 2, "\(second)")
        #expect(second.stderr == "error: cannot listen on 127.0.0.1:\(port): the port is in use; stop the other server or pick another port (port 0 picks a free one)\n", "\(second)")
        _ = try await first.stop(signal: SIGTERM)
    }

    @Test func aContractThatCannotSatisfyTheOutputSchemaStopsTheMock() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let contract = folder + "/text-total.yaml"
        try """
            accord-contract: 1
            consumer: test-agent
            provider: ledgerly
            interactions:
              - name: a total that is text
                call: tools/call
                tool: get_invoice
                arguments: { invoiceId: INV-1001 }
                expect:
                  structuredContent: { totalCents: "a lot" }
            """.write(toFile: contract, atomically: true, encoding: .utf8)
        let run = try await runAccord(["mock", contract, "--snapshot", "snapshots/demo.json"], limit: 30)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.hasPrefix("error: \(contract):5: interactions[0].expect.structuredContent.totalCents: interaction \"a total that is text\": the reply cannot satisfy the outputSchema of get_invoice in snapshots/demo.json: "), "\(run)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stdout.isEmpty, "nothing on the MCP channel")
    }

    @Test func usageErrors() async throws {
        let neither = try await runAccord(["mock", "contracts/billing-agent.yaml"], limit: 30)
        #expect(neither.status == 2 && neither.stderr.contains("--snapshot FILE or --server NAME"), "\(neither)")
        let badListen = try await runAccord(["mock", "contracts/billing-agent.yaml", "--snapshot", "snapshots/demo.json", "--listen", "localhost"], limit: 30)
        #expect(badListen.status == 2 && badListen.stderr.contains("write HOST:PORT"), "\(badListen)")
        // The pending customer-portal contract is written against 2.0.0: named on the command
        // line it is an error; from the folder it is skipped with a warning.
        let pending = try await runAccord(["mock", "contracts/customer-portal.yaml", "--snapshot", "snapshots/demo.json"], limit: 30)
        #expect(pending.status == 2 && pending.stderr.contains("get_customer"), "\(pending)")
    }

    @Test func helpExamplesParseAndFit() async throws {
        try await HelpExamplesTests().examplesParseAndFit(["mock"])
    }
}
