import AccordContracts

extension ReportRenderer where Report == VerificationReport {
    /// GitHub Actions workflow commands, one annotation per failed check on the contract file:
    /// `::error` when it fails the run, `::warning` in a pending contract; `title` names the
    /// consumer and the check id, the message the description and every mismatch, one per
    /// line. A last plain line carries the summary (the answer, for can-i-deploy).
    public static var github: ReportRenderer {
        ReportRenderer(format: .github) { report, context in
            var lines = VerifyGitHub.commands(report, context: context).map(\.line)
            lines.append(VerifyPresentation.oneLine(report, context: context))
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

enum VerifyGitHub {
    static func commands(_ report: VerificationReport, context: RenderContext) -> [WorkflowCommand] {
        report.verifications.flatMap { contract in
            contract.failedChecks.map { check in
                var properties: [WorkflowCommand.Property] = []
                if !contract.file.isEmpty {
                    properties.append(.init("file", contract.file))
                    if let line = check.line { properties.append(.init("line", String(line))) }
                }
                properties.append(.init("title", "\(DisplayText.singleLine(contract.consumer)): \(DisplayText.singleLine(check.id))"))
                var message = VerifyPresentation.details(check, width: context.valueWidth)
                if contract.pending { message.append("(\(VerifyPresentation.pendingLabel))") }
                // Each part on its own line; contract and server text cannot add lines of its own (escaped first).
                return WorkflowCommand(contract.pending ? .warning : .error, properties: properties, message: message.joined(separator: "\n"))
            }
        }
    }
}
