import AccordContracts

extension ReportRenderer where Report == VerificationReport {
    /// The contract-verification report's renderer for `format`, for `accord verify` and
    /// `accord can-i-deploy` (the report's ``VerificationReport/purpose`` says which).
    ///
    /// ```swift
    /// Console.out(ReportRenderer<VerificationReport>.for(options.format).render(report, context))
    /// for request in options.reports {
    ///     try write(ReportRenderer<VerificationReport>.for(request.format).render(report, context.withoutColour), to: request.path)
    /// }
    /// ```
    public static func `for`(_ format: ReportFormat) -> ReportRenderer {
        switch format {
        case .text: .text
        case .json: .json
        case .markdown: .markdown
        case .sarif: .sarif
        case .junit: .junit
        case .github: .github
        }
    }
}

extension VerificationReport {
    /// This report in `format`: shorthand for `ReportRenderer<VerificationReport>.for(format).render(self, context)`.
    public func rendered(as format: ReportFormat, context: RenderContext) -> String {
        ReportRenderer<VerificationReport>.for(format).render(self, context)
    }
}
