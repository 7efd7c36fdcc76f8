import AccordContracts
import AccordEvolution
import AccordProbe

extension ReportRenderer where Report == CheckReport {
    /// For people at a terminal (and CI logs): per server a section — its state, then its diff
    /// and its contract verification as the diff and verify text formats print them, indented
    /// (a diff without findings, or a verification without failures, in one line) — and at the
    /// end one summary block: a line per server and the gate's verdict.
    ///
    /// ```text
    /// accord check: accord.yaml (2 servers)
    ///
    /// demo: FAILED
    ///   accord diff: ledgerly 1.0.0 → 1.1.0
    ///   …
    ///
    /// time: passed
    ///   accord diff: time 1.0.0 → 1.0.0: no changes
    ///
    /// Summary
    ///   demo: FAILED — 1 breaking, 0 potentially breaking, 0 non-breaking, 0 accepted; requires major (2.0.0), declares 1.1.0; contracts: 1 of 2 failed; consumers affected: billing-agent
    ///   time: passed — 0 breaking, 0 potentially breaking, 0 non-breaking, 0 accepted; requires none, declares 1.0.0
    /// check FAILED
    /// ```
    public static var text: ReportRenderer {
        ReportRenderer(format: .text) { report, context in CheckText(report: report, context: context).render() }
    }
}

private struct CheckText {
    let report: CheckReport
    let context: RenderContext
    let part: RenderContext
    let paint: ANSIPainter

    init(report: CheckReport, context: RenderContext) {
        self.report = report
        self.context = context
        self.part = CheckPresentation.partContext(context)
        self.paint = ANSIPainter(enabled: context.colour)
    }

    func render() -> String {
        var lines = [paint(.bold, CheckPresentation.heading(report, context: context))]
        for server in report.servers { lines += [""] + section(server) }
        lines += ["", paint(.bold, "Summary")]
        for server in report.servers {
            lines.append("  " + paint(style(server.status), CheckPresentation.summary(server, context: context)))
        }
        lines.append(paint(style(report.status).bold, CheckPresentation.verdict(report)))
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ server: CheckReport.ServerResult) -> [String] {
        var lines = [paint(style(server.status).bold, "\(DisplayText.singleLine(server.server)): \(CheckPresentation.state(server, context: context))")]
        if let error = server.error { lines += CheckPresentation.quotedError(error).dropFirst().map { "  " + $0 } }
        var parts: [String] = []
        if let diff = server.diff { parts.append(text(diff)) }
        if let verification = server.verification { parts.append(text(verification)) }
        if let probe = server.probe { parts.append(text(probe)) }
        return lines + parts.map(indented).joined(separator: [""])
    }

    /// The diff as the diff text format prints it, or one line when there is nothing to report.
    private func text(_ diff: EvolutionReport) -> String {
        guard diff.findings.isEmpty && diff.accepted.isEmpty else { return ReportRenderer<EvolutionReport>.text.render(diff, part) }
        return "\(context.toolName) diff: \(DisplayText.singleLine(DiffPresentation.heading(diff))): no changes"
    }

    /// The verification as the verify text format prints it, or one line when every check passed.
    private func text(_ verification: VerificationReport) -> String {
        guard verification.failedCheckCount == 0 else { return ReportRenderer<VerificationReport>.text.render(verification, part) }
        return "\(VerifyPresentation.heading(verification, context: context)): \(paint(.green, verification.summary))"
    }

    /// The probe as the probe text format prints it, or one line when it found nothing.
    private func text(_ probe: ProbeReport) -> String {
        guard probe.findings.isEmpty else { return ReportRenderer<ProbeReport>.text.render(probe, part) }
        return "\(context.toolName) probe: \(paint(.green, probe.summary))"
    }

    /// Every non-empty line two spaces in, under the server's state.
    private func indented(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map { $0.isEmpty ? "" : "  " + $0 }
    }

    private func style(_ status: CheckReport.Status) -> ANSIStyle {
        status == .passed ? .green : .red
    }
}
