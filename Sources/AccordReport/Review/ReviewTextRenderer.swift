import AccordEvolution

extension ReportRenderer where Report == ReviewReport {
    /// For people at a terminal: a header, findings by severity then object (each with the rule
    /// id, pointer, a message quoting the offending text with hidden characters made visible),
    /// accepted findings, and a summary line with the verdict.
    ///
    /// ```text
    /// accord review: weather 1.2.0 (weather.json)
    ///   12 texts reviewed, instruction patterns v1
    ///
    /// REVIEW (1)
    ///   tool forecast
    ///     llm-instruction-like-text  /tools/forecast/description  [llm-facing]
    ///       tool `forecast` description: instruction-like text: "<important>" (hidden-instruction-block)
    ///
    /// 1 review, 0 informational, 0 accepted — FAIL (fail-on: review)
    /// ```
    public static var text: ReportRenderer {
        ReportRenderer(format: .text) { report, context in
            let paint = ANSIPainter(enabled: context.colour)
            let entries = FindingTextLines(context: context, paint: paint)
            var lines = [paint(.bold, "\(context.toolName) review: \(DisplayText.singleLine(ReviewPresentation.subject(report)))"),
                         "  \(ReviewPresentation.scope(report))"]
            if report.findings.isEmpty && report.accepted.isEmpty { lines += ["", "Nothing to review."] }
            for severity in DiffPresentation.severityOrder {
                let findings = report.findings.filter { $0.severity == severity }
                guard !findings.isEmpty else { continue }
                lines += ["", paint(FindingTextLines.style(severity).bold, "\(ReviewPresentation.title(severity).uppercased()) (\(findings.count))")]
                for group in DiffPresentation.groupedByObject(findings) {
                    lines.append("  " + paint(.bold, DisplayText.singleLine(DiffPresentation.label(group.object))))
                    for finding in group.findings { lines += entries.entry(finding) }
                }
            }
            if !report.accepted.isEmpty {
                lines += ["", paint(.cyan.bold, "ACCEPTED (\(report.accepted.count))")]
                for accepted in report.accepted {
                    lines.append("  \(paint(.bold, accepted.finding.ruleID))  \(paint(.dim, DisplayText.singleLine(accepted.finding.pointer.description)))")
                    lines.append("    reason: \(DisplayText.singleLine(DiffPresentation.acceptance(accepted)))")
                }
            }
            let verdict = paint(report.failed ? .red.bold : .green.bold, ReviewPresentation.verdict(report))
            lines += ["", "\(ReviewPresentation.counts(report)) — \(verdict) (fail-on: \(report.failOn.rawValue))"]
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// For a pull-request comment: a title, a summary table, then a table of findings per object
    /// (the diff format's rows), server text escaped so it cannot format, link or break a table.
    public static var markdown: ReportRenderer {
        ReportRenderer(format: .markdown) { report, context in
            let rows = DiffMarkdown(report: report.findingsView, context: context)
            var blocks = ["## " + MarkdownEscaping.text(context.title ?? "Accord review: \(ReviewPresentation.subject(report))")]
            blocks.append(MarkdownEscaping.text(ReviewPresentation.scope(report)) + ".")
            let summary: [[String]] = [
                ["Review", String(report.count(.review))],
                ["Informational", String(report.count(.nonBreaking))],
                ["Accepted", String(report.accepted.count)],
                ["Verdict", "**\(ReviewPresentation.verdict(report))** (fail-on: \(MarkdownEscaping.text(report.failOn.rawValue)))"],
            ]
            blocks.append(MarkdownTable(header: ["Summary", ""], alignments: [.left, .right], rows: summary).markdown.trimmingTrailingNewline)
            for group in DiffPresentation.groupedByObject(report.findings) {
                let object = DiffPresentation.kindName(group.object.kind) + (group.object.name.isEmpty ? "" : " " + MarkdownEscaping.code(group.object.name))
                blocks.append("### \(object)")
                let table = MarkdownTable(header: ["Severity", "Rule", "Pointer", "Finding"], rows: group.findings.map { finding in
                    var row = rows.row(finding)
                    row[0] = ReviewPresentation.title(finding.severity)
                    return row
                })
                blocks.append(table.markdown.trimmingTrailingNewline)
            }
            return blocks.joined(separator: "\n\n") + "\n"
        }
    }
}
