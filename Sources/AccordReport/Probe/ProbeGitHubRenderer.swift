import AccordJSON
import AccordProbe

extension ReportRenderer where Report == ProbeReport {
    /// GitHub Actions workflow commands: an annotation per finding (`error` when it fails the
    /// run under fail-on, else `warning`) with the reproducing call, then the summary.
    public static var github: ReportRenderer {
        ReportRenderer(format: .github) { report, context in
            var lines = report.findings.map { finding in
                WorkflowCommand(report.failOn.fails(finding.severity) ? .error : .warning,
                                properties: [.init("title", "probe \(finding.kind.rawValue): \(DisplayText.singleLine(finding.tool))")],
                                message: "\(DisplayText.singleLine(finding.message)) (reproduce: \(ProbePresentation.call(tool: finding.tool, arguments: finding.arguments)))").line
            }
            lines.append("\(context.toolName) probe: \(report.summary): \(ProbePresentation.verdict(report))")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
