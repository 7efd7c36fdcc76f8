import AccordContracts
import AccordEvolution
import AccordJSON
import AccordReport

/// Verification and check reports built by hand, as the verifiers and the gate would produce
/// them, for the renderer tests.
enum SampleVerifications {
    static func pointer(_ tokens: String...) -> JSONPointer { JSONPointer(tokens: tokens) }

    /// billing-agent's contract against ledgerly 2.0.0: four checks, two failed (one with two
    /// mismatches, one found JSON null).
    static let billingAgent = ContractVerification(
        consumer: "billing-agent", provider: "ledgerly", file: "contracts/billing-agent.yaml", pending: false,
        checks: [
            VerificationCheck(id: "tool:get_invoice", subject: CheckSubject(kind: .tool, name: "get_invoice", aspect: .exists),
                              description: "tool get_invoice exists", mismatches: []),
            VerificationCheck(id: "tool:get_invoice:reads:/customerName", subject: CheckSubject(kind: .tool, name: "get_invoice", aspect: .read),
                              description: "structuredContent/customerName of get_invoice is guaranteed by its outputSchema",
                              mismatches: [Mismatch(pointer: pointer("properties", "customerName"), expected: "a declared, required property", actual: nil,
                                                    message: "customerName is no longer declared by the outputSchema of get_invoice")]),
            VerificationCheck(id: "interaction:overdue-invoices", subject: CheckSubject(kind: .tool, name: "list_invoices", aspect: .interaction),
                              description: "tools/call list_invoices (overdue-invoices)",
                              mismatches: [
                                  Mismatch(pointer: pointer("structuredContent", "invoices", "0", "status"), expected: "a string matching ^(overdue)$", actual: "void"),
                                  Mismatch(pointer: pointer("structuredContent", "total"), expected: "a number", actual: .null),
                              ]),
            VerificationCheck(id: "prompt:draft_payment_reminder", subject: CheckSubject(kind: .prompt, name: "draft_payment_reminder", aspect: .arguments),
                              description: "prompt draft_payment_reminder exists and accepts arguments invoiceId", mismatches: []),
        ])

    /// support-bot's pending contract: one of its two checks fails, which never fails a run.
    static let supportBot = ContractVerification(
        consumer: "support-bot", provider: "ledgerly", file: "contracts/support bot.yaml", pending: true,
        checks: [
            VerificationCheck(id: "resource:ledgerly://config", subject: CheckSubject(kind: .resource, name: "ledgerly://config", aspect: .exists),
                              description: "resource ledgerly://config exists", mismatches: []),
            VerificationCheck(id: "tool:refund:examples[0]", subject: CheckSubject(kind: .tool, name: "refund", aspect: .example),
                              description: "example arguments {\"amount\":-1} validate against the inputSchema of refund",
                              mismatches: [Mismatch(pointer: pointer("amount"), expected: "arguments valid against the inputSchema (minimum)", actual: -1,
                                                    message: "/amount: -1 is less than the minimum 0")]),
        ])

    /// A contract whose every check passes.
    static let reportingJob = ContractVerification(
        consumer: "reporting-job", provider: "ledgerly", file: "contracts/reporting-job.yaml", pending: false,
        checks: [
            VerificationCheck(id: "tool:list_invoices", subject: CheckSubject(kind: .tool, name: "list_invoices", aspect: .exists),
                              description: "tool list_invoices exists", mismatches: []),
        ])

    /// `accord verify` of three contracts against the 2.0.0 snapshot: billing-agent fails.
    static let verify = VerificationReport(purpose: .verify, mode: .static, target: "snapshots/demo-v2.json",
                                           serverName: "ledgerly", serverVersion: "2.0.0",
                                           verifications: [billingAgent, supportBot, reportingJob])

    /// The same as `can-i-deploy`: the answer is no.
    static let canIDeploy: VerificationReport = {
        var report = verify
        report.purpose = .canIDeploy
        return report
    }()

    /// can-i-deploy where only the pending contract fails: the answer is yes.
    static let canIDeployYes = VerificationReport(purpose: .canIDeploy, mode: .static, target: "snapshots/demo-v2.json",
                                                  serverName: "ledgerly", serverVersion: "2.0.0", verifications: [supportBot, reportingJob])

    /// Live verification where everything passes, provider unknown.
    static let passing = VerificationReport(purpose: .verify, mode: .live, target: "ledgerly", verifications: [reportingJob])

    static let empty = VerificationReport(purpose: .verify, mode: .static, target: "snapshots/demo.json", verifications: [])

    /// Contract and server text that tries every escaping trap: a bidi override and an ANSI
    /// escape in names, newlines that forge workflow commands and report lines, XML and
    /// Markdown specials, `%`, and characters XML 1.0 forbids.
    static let hostileText = "evil\u{202E}txt.exe\u{1B}[2J <b>&amp;</b> | `x` 100%\n::error::forged\r\n# heading\u{0}"

    static let hostile: VerificationReport = {
        let check = VerificationCheck(
            id: "tool:\(hostileText)", subject: CheckSubject(kind: .tool, name: hostileText, aspect: .interaction),
            description: "calls \(hostileText)",
            mismatches: [Mismatch(pointer: pointer("structuredContent", hostileText), expected: "a string like \(hostileText)", actual: .string(hostileText),
                                  message: "got \(hostileText)")])
        let contract = ContractVerification(consumer: "bot\(hostileText)", provider: "ledgerly\u{202E}", file: "contracts/evil.yaml", pending: false, checks: [check])
        return VerificationReport(purpose: .canIDeploy, mode: .live, target: "http://127.0.0.1:9/mcp", serverName: "ledgerly\u{1B}[31m",
                                  serverVersion: "2.0.0\n::error::x", verifications: [contract])
    }()

    /// Every sample, for properties that hold of all of them.
    static let all: [VerificationReport] = [verify, canIDeploy, canIDeployYes, passing, empty, hostile]

    // MARK: - accord check

    /// The weather release, with consumers known: the breaking required-`limit` change breaks
    /// mobile-app; a potentially breaking change names dashboard (below fail-on, so not
    /// affected); every other finding breaks no known consumer.
    static let demoDiff: EvolutionReport = {
        var report = SampleReports.release
        for index in report.findings.indices { report.findings[index].consumers = [] }
        report.findings[0].consumers = ["mobile-app"]
        if let pattern = report.findings.firstIndex(where: { $0.ruleID == "input-pattern-changed" }) { report.findings[pattern].consumers = ["dashboard"] }
        return report
    }()

    static let demo = CheckReport.ServerResult(
        server: "demo", baseline: "snapshots/weather.json", diff: demoDiff,
        verification: VerificationReport(purpose: .verify, mode: .live, target: "demo", serverName: "weather", serverVersion: "1.5.0",
                                         verifications: [billingAgent, supportBot]))

    static let time = CheckReport.ServerResult(server: "time", baseline: "snapshots/time.json", diff: SampleReports.unchanged)

    static let git = CheckReport.ServerResult(
        server: "git", baseline: "snapshots/git.json",
        error: "cannot start `uvx mcp-server-git`: exited with status 1\nTraceback (most recent call last):\n\u{1B}[31mModuleNotFoundError\u{1B}[0m: <no module> & ::error::x")

    static let fresh = CheckReport.ServerResult(server: "fresh", baseline: "snapshots/fresh.json", baselineMissing: true)

    static let updated = CheckReport.ServerResult(server: "fresh", baseline: "snapshots/fresh.json", baselineMissing: true, baselineUpdated: true)

    /// Every kind of server outcome: failed on both parts, passed, could not run, no baseline.
    static let check = CheckReport(servers: [demo, time, git, fresh], configuration: "accord.yaml")

    /// Only a failing server.
    static let checkFailed = CheckReport(servers: [demo, time], configuration: "accord.yaml")

    /// Everything passes, one baseline written.
    static let checkPassed = CheckReport(
        servers: [time, updated,
                  CheckReport.ServerResult(server: "ledgerly", baseline: "snapshots/demo.json", diff: SampleReports.unchanged, verification: passing)],
        configuration: "accord.yaml")

    /// A server whose name, error and contract text are hostile.
    static let checkHostile = CheckReport(
        servers: [CheckReport.ServerResult(server: "srv\(hostileText)", baseline: "snapshots/\(hostileText).json", verification: hostile),
                  CheckReport.ServerResult(server: "bad\(hostileText)", baseline: "b.json", error: hostileText)],
        configuration: "accord\(hostileText).yaml")

    static let checks: [CheckReport] = [check, checkFailed, checkPassed, checkHostile, CheckReport(servers: [], configuration: "accord.yaml")]
}
