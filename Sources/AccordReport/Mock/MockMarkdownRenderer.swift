extension ReportRenderer where Report == MockReport {
    /// For a pull-request comment: a title, the verdict with the summary, a table of every
    /// interaction (consumer, interaction, call, calls) and a table of unexpected requests with
    /// why nothing matched. Names and values are code spans; other text is escaped.
    public static var markdown: ReportRenderer {
        ReportRenderer(format: .markdown) { report, context in
            var blocks = ["## " + MarkdownEscaping.text(context.title ?? "Accord mock: \(MockPresentation.provider(report))")]
            blocks.append("From \(MarkdownEscaping.code(report.snapshot)) on \(MarkdownEscaping.code(report.endpoint))")
            blocks.append("**\(MockPresentation.verdict(report))**: \(MarkdownEscaping.text(report.summary))")
            if !report.interactions.isEmpty {
                let rows = report.interactions.map { use in
                    [MarkdownEscaping.text(use.consumer), MarkdownEscaping.text(use.interaction) + " (" + MarkdownEscaping.code(MockPresentation.location(use), inTable: true) + ")",
                     MarkdownEscaping.code(MockPresentation.call(use), inTable: true), use.exercised ? "\(use.calls)" : "never called"]
                }
                blocks.append(MarkdownTable(header: ["Consumer", "Interaction", "Call", "Calls"], alignments: [.left, .left, .left, .right], rows: rows).markdown.trimmingTrailingNewline)
            }
            if !report.unexpected.isEmpty {
                blocks.append("### Unexpected requests")
                let rows = report.unexpected.map { request in
                    [MarkdownEscaping.code(MockPresentation.request(request, width: context.valueWidth), inTable: true), MarkdownEscaping.message(request.reason, inTable: true)]
                }
                blocks.append(MarkdownTable(header: ["Request", "Why nothing matched"], rows: rows).markdown.trimmingTrailingNewline)
            }
            return blocks.joined(separator: "\n\n") + "\n"
        }
    }
}
