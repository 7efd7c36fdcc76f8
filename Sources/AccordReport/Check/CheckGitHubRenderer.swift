import AccordContracts
import AccordEvolution
import AccordProbe

extension ReportRenderer where Report == CheckReport {
    /// GitHub Actions workflow commands for the whole gate: per server an `::error` when it
    /// could not be checked (or has no baseline, on the baseline file), then the annotations
    /// and summary line of its diff and of its contract verification as their github formats
    /// write them; last, a plain line per server and the verdict.
    public static var github: ReportRenderer {
        ReportRenderer(format: .github) { report, context in
            let part = CheckPresentation.partContext(context)
            var lines: [String] = []
            for server in report.servers {
                let name = DisplayText.singleLine(server.server)
                if let error = server.error {
                    lines.append(WorkflowCommand(.error, properties: [.init("title", "\(name): could not be checked")],
                                                 message: CheckPresentation.errorLines(error).joined(separator: "\n")).line)
                } else if server.baselineMissing && !server.baselineUpdated {
                    lines.append(WorkflowCommand(.error, properties: [.init("file", server.baseline), .init("title", "\(name): no baseline")],
                                                 message: CheckPresentation.missingBaseline(server, context: context)).line)
                }
                if let diff = server.diff { lines.append(ReportRenderer<EvolutionReport>.github.render(diff, CheckPresentation.diffContext(part, server)).trimmingTrailingNewline) }
                if let verification = server.verification { lines.append(ReportRenderer<VerificationReport>.github.render(verification, part).trimmingTrailingNewline) }
                if let probe = server.probe { lines.append(ReportRenderer<ProbeReport>.github.render(probe, part).trimmingTrailingNewline) }
            }
            lines += report.servers.map { "\(context.toolName) check: " + CheckPresentation.summary($0, context: context) }
            lines.append("\(context.toolName) check: " + CheckPresentation.verdict(report))
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
