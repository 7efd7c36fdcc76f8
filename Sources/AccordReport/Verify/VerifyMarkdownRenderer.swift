import AccordContracts

extension ReportRenderer where Report == VerificationReport {
    /// For a pull-request comment: a title, the verdict (the yes/no answer for can-i-deploy), a
    /// table of contracts (consumer, file, checks, failed, pending), then a table of failed checks
    /// per contract with every mismatch. Names, pointers and values are code spans; all other
    /// server and contract text is escaped so it cannot format, link or break a table.
    public static var markdown: ReportRenderer {
        ReportRenderer(format: .markdown) { report, context in VerifyMarkdown(report: report, context: context).render() }
    }
}

private struct VerifyMarkdown {
    let report: VerificationReport
    let context: RenderContext

    func render() -> String {
        let title = context.title ?? "Accord \(VerifyPresentation.command(report)): \(VerifyPresentation.provider(report))"
        var blocks = ["## " + MarkdownEscaping.text(title)]
        blocks.append("Against \(MarkdownEscaping.code(report.target)) (\(report.mode.rawValue))")
        blocks.append(verdict())
        guard !report.verifications.isEmpty else { return blocks.joined(separator: "\n\n") + "\n" }
        blocks.append(contractTable().markdown.trimmingTrailingNewline)
        for contract in report.verifications where contract.failed {
            blocks.append("### " + names(contract, inTable: false) + (contract.pending ? " (\(VerifyPresentation.pendingLabel))" : ""))
            let rows = contract.failedChecks.map { check in
                [MarkdownEscaping.code(check.id, inTable: true), MarkdownEscaping.text(check.description),
                 check.mismatches.map(mismatch).joined(separator: "<br>")]
            }
            blocks.append(MarkdownTable(header: ["Check", "Description", "Mismatches"], rows: rows).markdown.trimmingTrailingNewline)
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// "**Can I deploy ledgerly 2.0.0? NO** — …" or "**FAIL** — …".
    private func verdict() -> String {
        let summary = MarkdownEscaping.text(report.summary)
        guard report.purpose == .canIDeploy else { return "**\(VerifyPresentation.verdict(report))**: \(summary)" }
        return "**Can I deploy \(MarkdownEscaping.text(VerifyPresentation.provider(report)))? \(VerifyPresentation.answer(report))**: \(summary)"
    }

    private func contractTable() -> MarkdownTable {
        let rows = report.verifications.map { contract in
            [names(contract, inTable: true), MarkdownEscaping.code(contract.file, inTable: true),
             String(contract.checks.count), String(contract.failedChecks.count), contract.pending ? "yes" : "no"]
        }
        return MarkdownTable(header: ["Consumer", "Contract", "Checks", "Failed", "Pending"],
                             alignments: [.left, .left, .right, .right, .left], rows: rows)
    }

    /// "`billing-agent` → `ledgerly`".
    private func names(_ contract: ContractVerification, inTable: Bool) -> String {
        "\(MarkdownEscaping.code(contract.consumer, inTable: inTable)) → \(MarkdownEscaping.code(contract.provider, inTable: inTable))"
    }

    /// The message, then where, what was expected and what was there (unless the message says so).
    private func mismatch(_ mismatch: Mismatch) -> String {
        guard !VerifyPresentation.statesFacts(mismatch) else { return MarkdownEscaping.text(mismatch.message) }
        let actual = mismatch.actual == nil ? "*absent*" : MarkdownEscaping.code(DisplayText.value(mismatch.actual, width: context.valueWidth), inTable: true)
        let pointer = MarkdownEscaping.code(VerifyPresentation.location(mismatch.pointer), inTable: true)
        return "\(MarkdownEscaping.text(mismatch.message))<br>at \(pointer): expected \(MarkdownEscaping.text(mismatch.expected)), actual \(actual)"
    }
}
