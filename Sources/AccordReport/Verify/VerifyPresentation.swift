import AccordContracts
import AccordJSON

/// The words every verification format shares, so the formats agree on them: the header, the
/// can-i-deploy answer, the verdict, contract titles, subject labels and mismatch facts.
///
/// Everything returned here is plain text with server and contract text already made safe for
/// one line (``DisplayText``); formats that need more (Markdown, XML) escape again.
enum VerifyPresentation {
    /// "ledgerly 1.0.0", "ledgerly", or the target when the provider's name is unknown.
    static func provider(_ report: VerificationReport) -> String {
        guard let name = report.serverName, !name.isEmpty else { return DisplayText.singleLine(report.target) }
        guard let version = report.serverVersion, !version.isEmpty else { return DisplayText.singleLine(name) }
        return DisplayText.singleLine("\(name) \(version)")
    }

    /// "verify" or "can-i-deploy": the command that made the report.
    static func command(_ report: VerificationReport) -> String { report.purpose.rawValue }

    /// "accord verify: 2 contracts against snapshots/demo.json (ledgerly 1.0.0, static)".
    static func heading(_ report: VerificationReport, context: RenderContext) -> String {
        let count = report.verifications.count
        var facts = [report.mode.rawValue]
        if let name = report.serverName, !name.isEmpty { facts.insert(provider(report), at: 0) }
        return "\(context.toolName) \(command(report)): \(count) contract\(count == 1 ? "" : "s") against "
            + "\(DisplayText.singleLine(report.target)) (\(facts.joined(separator: ", ")))"
    }

    /// "YES" when no contract that is not pending fails, else "NO".
    static func answer(_ report: VerificationReport) -> String { report.failed ? "NO" : "YES" }

    /// "can-i-deploy ledgerly 2.0.0: NO": the first line of a can-i-deploy report.
    static func canIDeploy(_ report: VerificationReport) -> String {
        "can-i-deploy \(provider(report)): \(answer(report))"
    }

    /// "PASS" or "FAIL".
    static func verdict(_ report: VerificationReport) -> String { report.failed ? "FAIL" : "PASS" }

    /// "billing-agent → ledgerly".
    static func title(_ contract: ContractVerification) -> String {
        DisplayText.singleLine("\(contract.consumer) → \(contract.provider)")
    }

    /// "3 of 14 checks failed", "all 14 checks passed", "1 check passed", "no checks".
    static func outcome(_ contract: ContractVerification) -> String {
        let failures = contract.failedChecks.count
        switch (contract.checks.count, failures) {
        case (0, _): return "no checks"
        case (1, 0): return "1 check passed"
        case (let total, 0): return "all \(total) checks passed"
        case (let total, _): return "\(failures) of \(total) check\(total == 1 ? "" : "s") failed"
        }
    }

    /// How pending contracts are labelled everywhere.
    static let pendingLabel = "pending: reported, not failing"

    /// "billing-agent → ledgerly: 3 of 14 checks failed", with the pending label when pending.
    static func summary(_ contract: ContractVerification) -> String {
        "\(title(contract)): \(outcome(contract))" + (contract.pending ? " (\(pendingLabel))" : "")
    }

    /// The contracts that fail the run: failed and not pending.
    static func failing(_ report: VerificationReport) -> [ContractVerification] { report.verifications.filter(\.failsBuild) }

    /// The report in one line, for logs: "accord verify: 2 contracts against … (…): 2 contracts,
    /// 31 checks: 5 failed — FAIL", or "can-i-deploy ledgerly 2.0.0: NO — 2 contracts, …".
    static func oneLine(_ report: VerificationReport, context: RenderContext) -> String {
        guard report.purpose == .verify else { return "\(canIDeploy(report)) — \(report.summary)" }
        return "\(heading(report, context: context)): \(report.summary) — \(verdict(report))"
    }

    /// "tool get_invoice", "resource template ledgerly://invoices/{id}", "provider ledgerly".
    static func label(_ subject: CheckSubject) -> String {
        DisplayText.singleLine("\(kindName(subject.kind)) \(subject.name)")
    }

    static func kindName(_ kind: CheckSubject.Kind) -> String {
        switch kind {
        case .tool: "tool"
        case .prompt: "prompt"
        case .resource: "resource"
        case .resourceTemplate: "resource template"
        case .provider: "provider"
        }
    }

    /// The mismatch's own facts after its message:
    /// "at /structuredContent/status: expected a string matching ^(paid|sent)$, actual "void"".
    static func facts(_ mismatch: Mismatch, width: Int) -> String {
        "at \(location(mismatch.pointer)): expected \(DisplayText.singleLine(mismatch.expected)), actual \(DisplayText.value(mismatch.actual, width: width))"
    }

    /// Whether the message is the standard `<pointer>: expected <expected>, got <actual>`, which
    /// states the facts already; other messages (static checks phrase their own) are followed by
    /// them.
    static func statesFacts(_ mismatch: Mismatch) -> Bool {
        Mismatch(pointer: mismatch.pointer, expected: mismatch.expected, actual: mismatch.actual).message == mismatch.message
    }

    /// The message, then the facts when it does not state them: a mismatch on one line.
    static func line(_ mismatch: Mismatch, width: Int) -> String {
        let message = DisplayText.singleLine(mismatch.message)
        return statesFacts(mismatch) ? message : "\(message) (\(facts(mismatch, width: width)))"
    }

    /// A check in full, one fact per line: id and description, then every mismatch with its
    /// facts. What JUnit bodies and annotation messages carry.
    static func details(_ check: VerificationCheck, width: Int) -> [String] {
        ["\(DisplayText.singleLine(check.id)): \(DisplayText.singleLine(check.description))"]
            + check.mismatches.map { line($0, width: width) }
    }

    /// "(root)" for the empty pointer, as ``Mismatch`` messages say it.
    static func location(_ pointer: JSONPointer) -> String {
        pointer.tokens.isEmpty ? "(root)" : DisplayText.singleLine(pointer.description)
    }
}
