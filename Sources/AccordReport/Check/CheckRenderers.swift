extension ReportRenderer where Report == CheckReport {
    /// The `accord check` report's renderer for `format`. Each is composed from the diff and
    /// verify renderers of the same format, plus the gate's own summary and verdict.
    ///
    /// ```swift
    /// Console.out(ReportRenderer<CheckReport>.for(options.format).render(report, context))
    /// for request in options.reports {
    ///     try write(ReportRenderer<CheckReport>.for(request.format).render(report, context.withoutColour), to: request.path)
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

extension CheckReport {
    /// This report in `format`: shorthand for `ReportRenderer<CheckReport>.for(format).render(self, context)`.
    public func rendered(as format: ReportFormat, context: RenderContext) -> String {
        ReportRenderer<CheckReport>.for(format).render(self, context)
    }
}
