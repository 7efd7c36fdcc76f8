extension ReportRenderer where Report == MockReport {
    /// GitHub Actions workflow commands: an `::error` per unexpected request, an annotation per
    /// interaction never called at its contract line (`error` under `--require-all`, else
    /// `notice`), then the summary with the verdict.
    public static var github: ReportRenderer {
        ReportRenderer(format: .github) { report, context in
            var lines = report.unexpected.map { request in
                WorkflowCommand(.error, properties: [.init("title", "unexpected request: \(MockPresentation.request(request, width: 40))")],
                                message: DisplayText.singleLine(request.reason)).line
            }
            lines += report.neverCalled.map { use in
                var properties = [WorkflowCommand.Property("file", use.file)]
                if let line = use.line { properties.append(.init("line", String(line))) }
                properties.append(.init("title", "never called: \(DisplayText.singleLine(use.interaction))"))
                return WorkflowCommand(report.requireAll ? .error : .notice, properties: properties,
                                       message: "\(DisplayText.singleLine(use.consumer)) never called \(MockPresentation.call(use))").line
            }
            lines.append("\(context.toolName) mock: \(report.summary): \(MockPresentation.verdict(report))")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
