import AccordJSON
import AccordProbe

extension ReportRenderer where Report == ProbeReport {
    /// For a pull-request comment: a title, the verdict with the summary, a table of findings
    /// (severity, kind, tool, the reproducing arguments, what happened), a table of every call
    /// and the tools skipped. Names and values are code spans; other text is escaped.
    public static var markdown: ReportRenderer {
        ReportRenderer(format: .markdown) { report, context in
            var blocks = ["## " + MarkdownEscaping.text(context.title ?? "Accord probe: \(ProbePresentation.server(report))")]
            blocks.append("Seed \(MarkdownEscaping.code(String(report.options.seed))), \(report.options.callsPerTool) call(s) per tool"
                + (report.options.invalid ? ", with invalid arguments" : "") + (report.options.allowWrites ? ", writes allowed" : ""))
            blocks.append("**\(ProbePresentation.verdict(report))**: \(MarkdownEscaping.text(report.summary))")
            if !report.findings.isEmpty {
                blocks.append("### Findings")
                let rows = report.findings.map { finding in
                    [finding.severity.rawValue, MarkdownEscaping.code(finding.kind.rawValue, inTable: true), MarkdownEscaping.code(finding.tool, inTable: true),
                     MarkdownEscaping.code(JSONEncoding.compact(finding.arguments), inTable: true), MarkdownEscaping.message(finding.message, inTable: true)]
                }
                blocks.append(MarkdownTable(header: ["Severity", "Finding", "Tool", "Arguments", "What happened"], rows: rows).markdown.trimmingTrailingNewline)
            }
            if !report.calls.isEmpty {
                blocks.append("### Calls")
                let rows = report.calls.map { call in
                    [MarkdownEscaping.code(call.tool, inTable: true), call.kind.rawValue, MarkdownEscaping.code(JSONEncoding.compact(call.arguments), inTable: true),
                     MarkdownEscaping.message(call.outcome.detail, inTable: true)]
                }
                blocks.append(MarkdownTable(header: ["Tool", "Kind", "Arguments", "Outcome"], rows: rows).markdown.trimmingTrailingNewline)
            }
            if !report.skipped.isEmpty {
                blocks.append("### Skipped tools")
                let rows = report.skipped.map { [MarkdownEscaping.code($0.tool, inTable: true), MarkdownEscaping.message($0.reason, inTable: true)] }
                blocks.append(MarkdownTable(header: ["Tool", "Why not called"], rows: rows).markdown.trimmingTrailingNewline)
            }
            if let stopped = report.stoppedEarly { blocks.append("**Stopped early**: " + MarkdownEscaping.text(stopped)) }
            return blocks.joined(separator: "\n\n") + "\n"
        }
    }
}
