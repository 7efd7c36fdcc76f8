import AccordJSON
import AccordProbe

extension ReportRenderer where Report == ProbeReport {
    /// For the terminal: a header, each finding with the call that reproduces it, every call
    /// made (one line each), the tools skipped and why, and the summary with the verdict last.
    ///
    /// ```text
    /// accord probe: liar 1.0.0 (-- python liar_server.py), seed 1, 5 calls per tool
    ///
    /// BREAKING order: valid-arguments-rejected: tool error: quantity must be at most 10
    ///   reproduce: tools/call order {"quantity":57}
    ///
    /// calls:
    ///   order valid {"quantity":57} → tool-error
    /// skipped:
    ///   delete_all: readOnlyHint is false: it may modify its environment (pass --allow-writes to call it)
    ///
    /// 5 calls to 1 tool, 1 tool skipped, 1 finding (1 breaking): FAIL (…)
    /// ```
    public static var text: ReportRenderer {
        ReportRenderer(format: .text) { report, context in
            let paint = ANSIPainter(enabled: context.colour)
            var lines = [paint(.bold, ProbePresentation.heading(report, context: context))]
            if !report.states.isEmpty { lines.append("provider states: " + report.states.map { "\"\(DisplayText.singleLine($0))\"" }.joined(separator: ", ")) }
            for finding in report.findings {
                let style: ANSIStyle = finding.severity == .breaking ? .red.bold : finding.severity == .potentiallyBreaking ? .yellow.bold : .bold
                lines += ["", paint(style, finding.severity.rawValue.uppercased()) + " " + DisplayText.singleLine(finding.tool) + ": " + finding.kind.rawValue + ": " + DisplayText.singleLine(finding.message),
                          "  reproduce: " + ProbePresentation.call(tool: finding.tool, arguments: finding.arguments)]
            }
            if !report.calls.isEmpty {
                lines += ["", "calls:"]
                lines += report.calls.map { call in
                    "  \(DisplayText.singleLine(call.tool)) \(call.kind.rawValue) \(DisplayText.value(call.arguments, width: context.valueWidth)) → \(call.outcome.label)"
                }
            }
            if !report.skipped.isEmpty {
                lines += ["", "skipped:"]
                lines += report.skipped.map { "  \(DisplayText.singleLine($0.tool)): \(DisplayText.singleLine($0.reason))" }
            }
            if let stopped = report.stoppedEarly { lines += ["", paint(.red, "stopped early: ") + DisplayText.singleLine(stopped)] }
            lines += ["", paint(report.failed ? .red.bold : .green.bold, "\(report.summary): \(ProbePresentation.verdict(report))")]
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
