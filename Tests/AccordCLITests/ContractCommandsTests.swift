import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// `accord verify`, `can-i-deploy`, `contract init` and `diff --contracts` end to end on the
/// demo: its committed snapshots, its contracts in contracts/, and the live server.
@Suite struct ContractCommandsTests {
    let release1 = PackagePaths.path("snapshots/demo.json")
    let release2 = PackagePaths.path("snapshots/demo-v2.json")

    /// The checks the 2.0.0 changes break, per consumer (the same set statically and live).
    static let brokenOnRelease2: [String: Set<String>] = [
        "billing-agent": [
            "tool:get_invoice:reads:/customerName", "interaction:fetch a paid invoice",
            "tool:record_payment:examples[0]", "tool:record_payment:examples[1]", "interaction:record a card payment",
            "tool:create_invoice:annotations", "prompt:draft_payment_reminder", "interaction:draft a reminder for an overdue invoice",
            "resourceTemplate:ledgerly://invoices/{invoiceId}",
        ],
        "collections-bot": [
            "tool:send_invoice_reminder:examples[1]", "tool:send_invoice_reminder:annotations",
            "tool:get_customer_balance", "tool:get_customer_balance:examples[0]", "tool:get_customer_balance:reads:/outstandingCents",
            "tool:get_customer_balance:reads:/overdueCents", "interaction:check what a customer owes",
            "prompt:summarize_receivables", "interaction:weekly briefing including void invoices",
        ],
        // Built against 2.0.0: pending on 1.0.0, passing on 2.0.0.
        "customer-portal": [],
    ]

    /// customer-portal's checks that fail on 1.0.0, where what it needs does not exist yet.
    static let pendingOnRelease1: Set<String> = [
        "tool:get_customer", "tool:get_customer:examples[0]", "tool:get_customer:reads:/name", "tool:get_customer:reads:/currency",
        "tool:get_customer:reads:/balance/outstandingCents", "tool:get_customer:reads:/balance/overdueCents", "tool:get_customer:annotations",
        "tool:list_invoices:examples[0]", "resource:ledgerly://reports/aging",
        "interaction:show what a customer owes", "interaction:read the aging report",
    ]

    /// Failed check ids per consumer from a verify JSON report.
    static func failedChecks(_ json: JSONValue) -> [String: Set<String>] {
        var failed: [String: Set<String>] = [:]
        for contract in json["contracts"]?.arrayValue ?? [] {
            let ids = (contract["checks"]?.arrayValue ?? []).filter { $0["status"] == "failed" }.compactMap { $0["id"]?.stringValue }
            failed[contract["consumer"]?.stringValue ?? "?"] = Set(ids)
        }
        return failed
    }

    @Test func staticVerificationPassesOnRelease1AndFailsExactlyWhere2Breaks() async throws {
        let passing = try await runAccord(["verify", "--against", release1, "--format", "json"])
        #expect(passing.status == 0, "\(passing)")
        #expect(Self.failedChecks(try JSONValue(parsing: passing.stdout)) == ["billing-agent": [], "collections-bot": [], "customer-portal": Self.pendingOnRelease1])
        let failing = try await runAccord(["verify", "--against", release2, "--format", "json"])
        #expect(failing.status == 1, "\(failing)")
        #expect(Self.failedChecks(try JSONValue(parsing: failing.stdout)) == Self.brokenOnRelease2)
    }

    /// Reports point at the expectation's line in the contract: annotations on the pull request
    /// land where the consumer wrote what broke.
    @Test func failedChecksAreLocatedAtTheirLineInTheContract() async throws {
        let contract = try String(contentsOfFile: PackagePaths.path("contracts/billing-agent.yaml"), encoding: .utf8).components(separatedBy: "\n")
        let github = try await runAccord(["verify", "contracts/billing-agent.yaml", "--against", release2, "--format", "github"])
        let annotations = github.stdout.split(separator: "\n").filter { $0.hasPrefix("::error ") }
        func line(of id: String) throws -> Int {
            let annotation = try #require(annotations.first { $0.contains("title=billing-agent%3A \(id.replacingOccurrences(of: ":", with: "%3A"))::") })
            let properties = annotation.dropFirst("::error ".count).prefix { $0 != ":" }
            let field = try #require(properties.split(separator: ",").first { $0.hasPrefix("line=") })
            return try #require(Int(field.dropFirst("line=".count)))
        }
        #expect(contract[try line(of: "tool:get_invoice:reads:/customerName") - 1].contains("/customerName"))
        #expect(contract[try line(of: "tool:record_payment:examples[1]") - 1].contains("SEPA-20250301"))
        #expect(contract[try line(of: "interaction:record a card payment") - 1].contains("name: record a card payment"))
        #expect(contract[try line(of: "prompt:draft_payment_reminder") - 1].contains("name: draft_payment_reminder"))
    }

    @Test func liveVerificationAgreesWithStaticVerification() async throws {
        let passing = try await runAccord(["verify", "--server", "demo", "--format", "json"])
        #expect(passing.status == 0, "\(passing)")
        let report = try JSONValue(parsing: passing.stdout)
        #expect(report["mode"] == "live")
        // The pending contract fails on 1.0.0 without failing the run.
        #expect(Self.failedChecks(report) == ["billing-agent": [], "collections-bot": [], "customer-portal": Self.pendingOnRelease1])
        let failing = try await runAccord(["verify", "--server", "demo", "--format", "json"], environment: ["LEDGERLY_RELEASE": "2.0.0"])
        #expect(failing.status == 1, "\(failing)")
        #expect(Self.failedChecks(try JSONValue(parsing: failing.stdout)) == Self.brokenOnRelease2)
    }

    @Test func liveVerificationOfAStdioCommandAfterTheTerminator() async throws {
        let run = try await runAccord(["verify", "contracts/billing-agent.yaml", "--", PackagePaths.demoServer, "--release", "2.0.0"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("interaction:record a card payment"), "\(run.stdout)")
        #expect(run.stdout.contains("paidOn"), "the mismatch names the missing argument")
    }

    @Test func canIDeployAnswersYesOrNoWithTheReasons() async throws {
        let yes = try await runAccord(["can-i-deploy", "--snapshot", release1])
        #expect(yes.status == 0, "\(yes)")
        #expect(yes.stdout.contains("YES"), "\(yes.stdout)")
        let no = try await runAccord(["can-i-deploy", "--snapshot", release2])
        #expect(no.status == 1, "\(no)")
        #expect(no.stdout.contains("NO"), "\(no.stdout)")
        #expect(no.stdout.contains("tool get_customer_balance is not offered"))
    }

    @Test func pendingContractsReportFailuresWithoutFailingUntilTheyHavePassedOnce() async throws {
        let folder = try temporaryFolder()
        let contracts = folder + "/contracts"
        try FileManager.default.createDirectory(atPath: contracts, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: PackagePaths.path("contracts/billing-agent.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "pending: false", with: "pending: true")
        try text.write(toFile: contracts + "/billing-agent.yaml", atomically: true, encoding: .utf8)

        let pending = try await runAccord(["verify", "--contracts", contracts, "--against", release2], in: folder)
        #expect(pending.status == 0, "a pending contract never fails the run: \(pending)")
        #expect(pending.stdout.contains("customerName"), "its failures are still reported: \(pending.stdout)")

        let recorded = try await runAccord(["verify", "--contracts", contracts, "--against", release1, "--record"], in: folder)
        #expect(recorded.status == 0, "\(recorded)")
        let record = try JSONValue(parsing: try String(contentsOfFile: contracts + "/.verified.json", encoding: .utf8))
        #expect(record["passed"]?["billing-agent.yaml"]?.stringValue?.hasPrefix("sha256:") == true)

        let nowBinding = try await runAccord(["verify", "--contracts", contracts, "--against", release2], in: folder)
        #expect(nowBinding.status == 1, "once it has passed, the contract fails the run: \(nowBinding)")
    }

    @Test func contractInitWritesAContractThatVerifiesAgainstItsSnapshot() async throws {
        let folder = try temporaryFolder()
        let output = folder + "/reporting.yaml"
        let written = try await runAccord([
            "contract", "init", "--consumer", "reporting", "--snapshot", release1, "--tool", "list_invoices", "--tool", "get_invoice",
            "--prompt", "summarize_receivables", "--resource", "ledgerly://config", "--resource", "ledgerly://invoices/{invoiceId}", "-o", output,
        ])
        #expect(written.status == 0, "\(written)")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("consumer: reporting") && text.contains("pending: true") && text.contains("call: tools/call"))
        let verified = try await runAccord(["verify", output, "--against", release1, "--format", "json"])
        #expect(verified.status == 0, "\(verified)")
        #expect(Self.failedChecks(try JSONValue(parsing: verified.stdout)) == ["reporting": []])
        let live = try await runAccord(["verify", output, "--server", "demo"])
        #expect(live.status == 0, "the generated interactions pass live too: \(live)")

        let again = try await runAccord(["contract", "init", "--consumer", "reporting", "--snapshot", release1, "--tool", "get_invoice", "-o", output])
        #expect(again.status == 2 && again.stderr.contains("--force"), "never overwrites silently: \(again)")
        let unknown = try await runAccord(["contract", "init", "--consumer", "x", "--snapshot", release1, "--tool", "no_such_tool"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no tool no_such_tool"), "\(unknown)")
    }

    @Test func diffWithContractsNamesTheConsumersEachFindingBreaks() async throws {
        let run = try await runAccord(["diff", release1, release2, "--contracts", PackagePaths.path("contracts"), "--format", "json"])
        #expect(run.status == 1, "\(run)")
        let findings = try JSONValue(parsing: run.stdout)["findings"]?.arrayValue ?? []
        var consumers: [String: [String]] = [:]
        for finding in findings where finding["severity"] != "non-breaking" {
            consumers[finding["pointer"]?.stringValue ?? "?"] = finding["consumers"]?.arrayValue?.compactMap(\.stringValue)
        }
        #expect(consumers == [
            "/tools/create_invoice/annotations/destructiveHint": ["billing-agent"],
            "/tools/get_customer_balance": ["collections-bot"],
            "/tools/get_invoice/outputSchema/properties/customerName": ["billing-agent"],
            "/tools/record_payment/inputSchema/properties/method/enum/3": [],
            "/tools/record_payment/inputSchema/properties/paidOn": ["billing-agent"],
            "/tools/send_invoice_reminder/inputSchema/properties/message/maxLength": ["collections-bot"],
            "/resourceTemplates/ledgerly:~1~1invoices~1{invoiceId}/uriTemplate": ["billing-agent"],
            "/prompts/draft_payment_reminder/arguments/1/required": ["billing-agent"],
            "/tools/get_invoice/outputSchema/properties/status/enum/5": [],
            "/tools/list_invoices/inputSchema/properties/limit/default": [],
            "/tools/record_payment/inputSchema/properties/reference/pattern": [],
            "/tools/send_invoice_reminder/annotations/openWorldHint": ["collections-bot"],
            "/prompts/summarize_receivables/arguments/1": ["collections-bot"],
        ])
        let text = try await runAccord(["diff", release1, release2, "--contracts", PackagePaths.path("contracts")])
        #expect(text.stdout.contains("no known consumer affected"), "\(text.stdout)")
    }

    /// A YAML syntax error, an unknown matcher, a missing field and a wrong type: each exit 2
    /// with the file, the line and the field.
    @Test(arguments: [
        ("syntax", "accord-contract: 1\nconsumer: x\nprovider: ledgerly\ntools: [\n", "syntax.yaml:5", "invalid YAML"),
        ("matcher", "accord-contract: 1\nconsumer: x\nprovider: ledgerly\ninteractions:\n  - name: a\n    call: tools/call\n    tool: get_invoice\n    arguments: {}\n    expect: { structuredContent: { id: { $sometimes: 1 } } }\n",
         "matcher.yaml:9", "$sometimes"),
        ("missing", "accord-contract: 1\nprovider: ledgerly\n", "missing.yaml:1", "consumer"),
        ("type", "accord-contract: 1\nconsumer: x\nprovider: ledgerly\npending: sometimes\n", "type.yaml:4", "pending"),
    ])
    func badContractFilesAreInputErrorsNamingFileLineAndField(_ name: String, _ text: String, _ location: String, _ field: String) async throws {
        let folder = try temporaryFolder()
        try text.write(toFile: "\(folder)/\(name).yaml", atomically: true, encoding: .utf8)
        let run = try await runAccord(["verify", "\(name).yaml", "--against", release1], in: folder)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains(location), "\(run.stderr)")
        #expect(run.stderr.contains(field), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func verifyNeedsSomethingToVerifyAgainst() async throws {
        let neither = try await runAccord(["verify"])
        #expect(neither.status == 2 && neither.stderr.contains("--against"), "\(neither)")
        let both = try await runAccord(["verify", "--against", release1, "--server", "demo"])
        #expect(both.status == 2, "\(both)")
        let otherProvider = try await runAccord(["verify", "--against", release1, "--contracts", try temporaryFolder()])
        #expect(otherProvider.status == 2 && otherProvider.stderr.contains("no contracts"), "\(otherProvider)")
    }
}
