import AccordContracts
import AccordEvolution
import AccordProbe

extension ReportRenderer where Report == CheckReport {
    /// One document for the GitHub step summary or a pull-request comment: a summary table (a
    /// row per server: status, breaking findings, required bump against the declared version,
    /// contracts failed, consumers affected) and the verdict, then per server its state and the
    /// diff and verification as their markdown formats write them, headings demoted below the
    /// server's.
    public static var markdown: ReportRenderer {
        ReportRenderer(format: .markdown) { report, context in CheckMarkdown(report: report, context: context).render() }
    }
}

private struct CheckMarkdown {
    let report: CheckReport
    let context: RenderContext

    func render() -> String {
        let title = context.title ?? "Accord check: \(report.configuration)"
        var blocks = ["## " + MarkdownEscaping.text(title)]
        if !report.servers.isEmpty { blocks.append(summaryTable().markdown.trimmingTrailingNewline) }
        blocks.append("**\(MarkdownEscaping.text(CheckPresentation.verdict(report)))**")
        let part = CheckPresentation.partContext(context)
        for server in report.servers {
            blocks.append("### \(MarkdownEscaping.code(server.server)): \(CheckPresentation.word(server.status))")
            blocks += notes(server)
            if let diff = server.diff { blocks.append(demoted(ReportRenderer<EvolutionReport>.markdown.render(diff, part))) }
            if let verification = server.verification { blocks.append(demoted(ReportRenderer<VerificationReport>.markdown.render(verification, part))) }
            if let probe = server.probe { blocks.append(demoted(ReportRenderer<ProbeReport>.markdown.render(probe, part))) }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func summaryTable() -> MarkdownTable {
        let none = "—"
        let rows = report.servers.map { server -> [String] in
            let consumers = CheckPresentation.consumersAffected(server).map { names in
                names.isEmpty ? "none known" : names.map { MarkdownEscaping.code($0, inTable: true) }.joined(separator: ", ")
            }
            return [
                MarkdownEscaping.code(server.server, inTable: true),
                status(server),
                server.diff.map { String($0.count(.breaking)) } ?? none,
                server.diff.map { MarkdownEscaping.text(CheckPresentation.bump($0)) } ?? none,
                server.verification.map { MarkdownEscaping.text(CheckPresentation.contracts($0)) } ?? none,
                consumers ?? none,
            ]
        }
        return MarkdownTable(header: ["Server", "Status", "Breaking", "Required bump", "Contracts failed", "Consumers affected"],
                             alignments: [.left, .left, .right, .left, .left, .left], rows: rows)
    }

    /// "**FAILED** (no baseline)", "passed (baseline updated)", "**ERROR**".
    private func status(_ server: CheckReport.ServerResult) -> String {
        let word = CheckPresentation.word(server.status)
        let bold = server.status == .passed ? word : "**\(word)**"
        if server.error == nil && server.baselineUpdated { return bold + " (baseline updated)" }
        if server.error == nil && server.baselineMissing { return bold + " (no baseline)" }
        return bold
    }

    /// The error (each line quoted), or what happened to the baseline.
    private func notes(_ server: CheckReport.ServerResult) -> [String] {
        if let error = server.error {
            return [CheckPresentation.errorLines(error).map { "> " + MarkdownEscaping.text($0) }.joined(separator: "\n")]
        }
        if server.baselineUpdated { return ["Baseline \(MarkdownEscaping.code(server.baseline)) updated."] }
        if server.baselineMissing {
            return ["No baseline \(MarkdownEscaping.code(server.baseline)): run \(MarkdownEscaping.code("\(context.toolName) check --update")) to write it."]
        }
        return []
    }

    /// A part's markdown two heading levels down, under the `###` of its server. Only lines the
    /// part renderers start with `#` are headings: server text never starts a line (it is
    /// escaped and kept on one line inside our own text).
    private func demoted(_ markdown: String) -> String {
        markdown.trimmingTrailingNewline.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("#") ? "##" + $0 : String($0) }
            .joined(separator: "\n")
    }
}
