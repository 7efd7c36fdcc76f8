import AccordEvolution

extension ReportRenderer where Report == EvolutionReport {
    /// For people at a terminal: a header, findings by severity then object, accepted findings,
    /// and a one-line summary with the required bump and the verdict. Coloured only when
    /// ``RenderContext/colour`` is on; otherwise it contains no escape codes at all.
    ///
    /// ```text
    /// accord diff: demo 1.4.2 → 1.5.0
    ///   old: snapshots/demo-1.4.2.json (protocol 2025-06-18)
    ///   new: snapshots/demo-1.5.0.json (protocol 2025-06-18)
    ///
    /// BREAKING (1)
    ///   tool search
    ///     input-property-added-required  /tools/search/inputSchema/properties/limit
    ///       tool `search`: required property `limit` was added
    ///       change: (absent) → {"type":"integer"}
    ///
    /// 1 breaking, 0 potentially breaking, 0 non-breaking, 0 accepted — required bump: major (1.4.2 → 2.0.0) — FAIL (fail-on: breaking)
    /// ```
    public static var text: ReportRenderer {
        ReportRenderer(format: .text) { report, context in DiffText(report: report, context: context).render() }
    }
}

private struct DiffText {
    let report: EvolutionReport
    let context: RenderContext
    let paint: ANSIPainter

    init(report: EvolutionReport, context: RenderContext) {
        self.report = report
        self.context = context
        self.paint = ANSIPainter(enabled: context.colour)
    }

    func render() -> String {
        var lines = header()
        if report.findings.isEmpty && report.accepted.isEmpty {
            lines += ["", "No changes."]
        }
        for severity in DiffPresentation.severityOrder {
            let findings = report.findings.filter { $0.severity == severity }
            guard !findings.isEmpty else { continue }
            lines += ["", paint(style(severity).bold, "\(DiffPresentation.title(severity).uppercased()) (\(findings.count))")]
            for group in DiffPresentation.groupedByObject(findings) {
                lines.append("  " + paint(.bold, safe(DiffPresentation.label(group.object))))
                for finding in group.findings { lines += entry(finding) }
            }
        }
        if !report.accepted.isEmpty {
            lines += ["", paint(.cyan.bold, "ACCEPTED (\(report.accepted.count))")]
            for accepted in report.accepted {
                let finding = accepted.finding
                let object = DiffPresentation.label(ComparedObject(kind: finding.objectKind, name: finding.objectName))
                lines.append("  \(safe(object)): \(paint(.bold, finding.ruleID))  \(paint(.dim, safe(finding.pointer.description)))")
                lines.append("    reason: \(safe(DiffPresentation.acceptance(accepted)))")
            }
        }
        lines += ["", summary()]
        return lines.joined(separator: "\n") + "\n"
    }

    private func header() -> [String] {
        [
            paint(.bold, "\(context.toolName) diff: \(safe(DiffPresentation.heading(report)))"),
            "  old: \(safe(report.old.source)) (protocol \(safe(report.old.protocolVersion)))",
            "  new: \(safe(report.new.source)) (protocol \(safe(report.new.protocolVersion)))",
        ]
    }

    private func entry(_ finding: Finding) -> [String] { FindingTextLines(context: context, paint: paint).entry(finding) }

    private func summary() -> String {
        let verdict = paint(report.failed ? .red.bold : .green.bold, DiffPresentation.verdict(report))
        return "\(DiffPresentation.counts(report)) — required bump: \(DiffPresentation.bump(report)) — \(verdict) (\(DiffPresentation.failOn(report)))"
    }

    private func style(_ severity: Severity) -> ANSIStyle { FindingTextLines.style(severity) }

    /// Server text on one line with control characters visible (no terminal escapes from servers).
    private func safe(_ text: String) -> String { DisplayText.singleLine(text) }
}

/// One finding as the text formats list it (the diff's and the review's): rule id, pointer and
/// tags, the message, the change, the hint and the consumers, server text made visible.
struct FindingTextLines {
    let context: RenderContext
    let paint: ANSIPainter

    func entry(_ finding: Finding) -> [String] {
        var head = "    \(paint(style(finding.severity).bold, finding.ruleID))  \(paint(.dim, safe(finding.pointer.description)))"
        if !finding.tags.isEmpty { head += "  " + paint(.magenta, "[\(safe(finding.tags.joined(separator: ", ")))]") }
        var lines = [head, "      \(safe(finding.message))"]
        if let change = DiffPresentation.change(finding, width: context.valueWidth) { lines.append("      change: \(change)") }
        if let hint = finding.hint, !hint.isEmpty { lines.append("      hint: \(safe(hint))") }
        switch DiffPresentation.consumerImpact(finding) {
        case .breaks(let consumers): lines.append("      consumers: " + paint(.red, safe(consumers.joined(separator: ", "))))
        case .noneKnown: lines.append("      " + paint(.dim, DiffPresentation.noKnownConsumer))
        case nil: break
        }
        return lines
    }

    static func style(_ severity: Severity) -> ANSIStyle {
        switch severity {
        case .breaking: .red
        case .potentiallyBreaking: .yellow
        case .review: .magenta
        case .nonBreaking: .green
        }
    }

    private func style(_ severity: Severity) -> ANSIStyle { Self.style(severity) }

    private func safe(_ text: String) -> String { DisplayText.singleLine(text) }
}
