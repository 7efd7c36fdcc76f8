import AccordEvolution

extension ReportRenderer where Report == EvolutionReport {
    /// GitHub Actions workflow commands, one annotation per finding: `::error` for findings at or
    /// above `fail-on`, `::warning` for other breaking, potentially breaking and review ones, `::notice`
    /// for the rest; `title` is the rule id and `file` (with `line` when the context knows it) is
    /// the snapshot file (``EvolutionReport/anchorFile``). Accepted findings are not annotated.
    /// A last plain line carries the summary.
    public static var github: ReportRenderer {
        ReportRenderer(format: .github) { report, context in
            var lines = report.findings.map { DiffGitHub.command($0, report: report, context: context).line }
            lines.append("\(context.toolName) diff: \(DisplayText.singleLine(DiffPresentation.heading(report))): \(DiffPresentation.counts(report)) — required bump: \(DiffPresentation.bump(report)) — \(DiffPresentation.verdict(report)) (\(DiffPresentation.failOn(report)))")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

enum DiffGitHub {
    static func command(_ finding: Finding, report: EvolutionReport, context: RenderContext) -> WorkflowCommand {
        let kind: WorkflowCommand.Kind =
            report.failOn.fails(finding.severity) ? .error : finding.severity >= .review ? .warning : .notice
        var properties: [WorkflowCommand.Property] = []
        if let file = report.anchorFile {
            properties.append(.init("file", file))
            if let line = context.line(for: finding.pointer) { properties.append(.init("line", String(line))) }
        }
        properties.append(.init("title", finding.ruleID))
        // Each part on its own line; server text cannot add lines of its own (escaped first).
        var message = ["\(DisplayText.singleLine(finding.message)) (\(DiffPresentation.phrase(finding.severity)), at \(DisplayText.singleLine(finding.pointer.description)))"]
        if let change = DiffPresentation.change(finding, width: context.valueWidth) { message.append("change: \(change)") }
        if let hint = finding.hint, !hint.isEmpty { message.append("hint: \(DisplayText.singleLine(hint))") }
        if let consumers = DiffPresentation.consumerLine(finding) { message.append(consumers) }
        return WorkflowCommand(kind, properties: properties, message: message.joined(separator: "\n"))
    }
}
