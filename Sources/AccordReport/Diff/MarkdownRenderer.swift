import AccordEvolution
import AccordJSON

extension ReportRenderer where Report == EvolutionReport {
    /// For a pull-request comment or a changelog: a title, a summary table (count per severity,
    /// accepted, required bump, verdict), then a table of findings per object, and accepted
    /// findings with their reasons. Pointers and values are code spans; server text is escaped
    /// so it cannot format, link or break a table. With nothing to report: a short
    /// "No changes" note.
    public static var markdown: ReportRenderer {
        ReportRenderer(format: .markdown) { report, context in DiffMarkdown(report: report, context: context).render() }
    }
}

struct DiffMarkdown {
    let report: EvolutionReport
    let context: RenderContext

    func render() -> String {
        let title = context.title ?? "Accord diff: \(DiffPresentation.heading(report))"
        var blocks = ["## " + MarkdownEscaping.text(title)]
        blocks.append("\(MarkdownEscaping.code(report.old.source)) → \(MarkdownEscaping.code(report.new.source))")
        guard !(report.findings.isEmpty && report.accepted.isEmpty) else {
            blocks.append("**No changes**: both snapshots offer the same contract. Required bump: none; **\(DiffPresentation.verdict(report))** (\(DiffPresentation.failOn(report))).")
            return blocks.joined(separator: "\n\n") + "\n"
        }
        blocks.append(summaryTable().markdown.trimmingTrailingNewline)
        for group in DiffPresentation.groupedByObject(report.findings) {
            let findings = DiffPresentation.severityOrder.flatMap { severity in group.findings.filter { $0.severity == severity } }
            blocks.append("### \(heading(group.object))")
            blocks.append(MarkdownTable(header: ["Severity", "Rule", "Pointer", "Change"], rows: findings.map(row)).markdown.trimmingTrailingNewline)
        }
        if !report.accepted.isEmpty {
            blocks.append("### Accepted")
            let rows = report.accepted.map { accepted -> [String] in
                let finding = accepted.finding
                return [MarkdownEscaping.code(finding.ruleID, inTable: true),
                        MarkdownEscaping.text(DiffPresentation.label(ComparedObject(kind: finding.objectKind, name: finding.objectName))),
                        MarkdownEscaping.code(finding.pointer.description, inTable: true),
                        MarkdownEscaping.text(DiffPresentation.acceptance(accepted))]
            }
            blocks.append(MarkdownTable(header: ["Rule", "Object", "Pointer", "Reason"], rows: rows).markdown.trimmingTrailingNewline)
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func summaryTable() -> MarkdownTable {
        var rows = DiffPresentation.countedSeverities(reviewCount: report.count(.review)).map { [DiffPresentation.title($0), String(report.count($0))] }
        rows.append(["Accepted", String(report.accepted.count)])
        rows.append(["Required bump", MarkdownEscaping.text(DiffPresentation.bump(report))])
        rows.append(["Verdict", "**\(DiffPresentation.verdict(report))** (\(MarkdownEscaping.text(DiffPresentation.failOn(report))))"])
        return MarkdownTable(header: ["Summary", ""], alignments: [.left, .right], rows: rows)
    }

    /// "tool `search`": the kind as text, the name as code (names are server text).
    private func heading(_ object: ComparedObject) -> String {
        let kind = DiffPresentation.kindName(object.kind)
        return object.name.isEmpty ? kind : "\(kind) \(MarkdownEscaping.code(object.name))"
    }

    func row(_ finding: Finding) -> [String] {
        var change = [MarkdownEscaping.message(finding.message, inTable: true)]
        if finding.oldValue != nil || finding.newValue != nil {
            change.append("\(value(finding.oldValue)) → \(value(finding.newValue))")
        }
        if let hint = finding.hint, !hint.isEmpty { change.append("*Hint:* " + MarkdownEscaping.message(hint, inTable: true)) }
        switch DiffPresentation.consumerImpact(finding) {
        case .breaks(let consumers): change.append("*Breaks:* " + consumers.map { MarkdownEscaping.code($0, inTable: true) }.joined(separator: ", "))
        case .noneKnown: change.append("*" + MarkdownEscaping.text(DiffPresentation.noKnownConsumer.capitalisingFirstLetter) + "*")
        case nil: break
        }
        if !finding.tags.isEmpty { change.append("*Tags:* " + finding.tags.map { MarkdownEscaping.code($0, inTable: true) }.joined(separator: ", ")) }
        return [DiffPresentation.title(finding.severity), MarkdownEscaping.code(finding.ruleID, inTable: true),
                MarkdownEscaping.code(finding.pointer.description, inTable: true), change.joined(separator: "<br>")]
    }

    private func value(_ value: JSONValue?) -> String {
        guard value != nil else { return "*absent*" }
        return MarkdownEscaping.code(DisplayText.value(value, width: context.valueWidth), inTable: true)
    }
}

extension String {
    /// A rendered block without its final newline, for joining blocks with blank lines.
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
