import AccordContracts

extension ReportRenderer where Report == VerificationReport {
    /// For people at a terminal: a header (after the answer, for can-i-deploy), then per contract
    /// its summary line and every failed check with its description and mismatches; passed
    /// checks are only counted. The last line is ``VerificationReport/summary``. Coloured only
    /// when ``RenderContext/colour`` is on (failures red, pending yellow, passes green).
    ///
    /// ```text
    /// can-i-deploy ledgerly 2.0.0: NO
    /// accord can-i-deploy: 2 contracts against snapshots/demo-v2.json (ledgerly 2.0.0, static)
    ///
    /// billing-agent → ledgerly: 1 of 9 checks failed
    ///   file: contracts/billing-agent.yaml
    ///   FAIL tool:get_invoice:reads:/customerName
    ///     structuredContent/customerName of get_invoice is guaranteed by its outputSchema
    ///     - /customerName is not declared by the outputSchema of get_invoice
    ///       at /customerName: expected a declared property, actual (absent)
    ///   8 passed
    ///
    /// support-bot → ledgerly: all 4 checks passed (pending: reported, not failing)
    ///   file: contracts/support-bot.yaml
    ///
    /// 2 contracts, 13 checks: 1 failed
    /// ```
    public static var text: ReportRenderer {
        ReportRenderer(format: .text) { report, context in VerifyText(report: report, context: context).render() }
    }
}

private struct VerifyText {
    let report: VerificationReport
    let context: RenderContext
    let paint: ANSIPainter

    init(report: VerificationReport, context: RenderContext) {
        self.report = report
        self.context = context
        self.paint = ANSIPainter(enabled: context.colour)
    }

    func render() -> String {
        var lines: [String] = []
        if report.purpose == .canIDeploy {
            lines.append(paint(report.failed ? .red.bold : .green.bold, VerifyPresentation.canIDeploy(report)))
        }
        lines.append(paint(.bold, VerifyPresentation.heading(report, context: context)))
        if report.verifications.isEmpty { lines += ["", "No contracts."] }
        for contract in report.verifications { lines += [""] + section(contract) }
        lines += ["", paint(report.failed ? .red.bold : .green.bold, report.summary)]
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ contract: ContractVerification) -> [String] {
        let style = self.style(contract)
        var lines = [paint(style.bold, VerifyPresentation.summary(contract)), "  file: \(DisplayText.singleLine(contract.file))"]
        for check in contract.failedChecks {
            lines.append("  \(paint(style.bold, "FAIL")) \(DisplayText.singleLine(check.id))")
            lines.append("    \(DisplayText.singleLine(check.description))")
            for mismatch in check.mismatches {
                lines.append("    - \(DisplayText.singleLine(mismatch.message))")
                if !VerifyPresentation.statesFacts(mismatch) {
                    lines.append("      " + paint(.dim, VerifyPresentation.facts(mismatch, width: context.valueWidth)))
                }
            }
        }
        let passed = contract.checks.count - contract.failedChecks.count
        if contract.failed && passed > 0 { lines.append("  " + paint(.green, "\(passed) passed")) }
        return lines
    }

    /// Red for a contract that fails the run, yellow for a failing pending one, green otherwise.
    private func style(_ contract: ContractVerification) -> ANSIStyle {
        contract.failsBuild ? .red : contract.failed ? .yellow : .green
    }
}
