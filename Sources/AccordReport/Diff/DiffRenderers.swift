import AccordEvolution

extension ReportRenderer where Report == EvolutionReport {
    /// The diff report's renderer for `format`: the one place a format name becomes a renderer
    /// (`--format` and each `--report FORMAT=PATH`).
    ///
    /// ```swift
    /// Console.out(ReportRenderer<EvolutionReport>.for(options.format).render(report, context))
    /// for request in options.reports {
    ///     try write(ReportRenderer<EvolutionReport>.for(request.format).render(report, context.withoutColour), to: request.path)
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

extension EvolutionReport {
    /// This report in `format`: shorthand for `ReportRenderer<EvolutionReport>.for(format).render(self, context)`.
    public func rendered(as format: ReportFormat, context: RenderContext) -> String {
        ReportRenderer<EvolutionReport>.for(format).render(self, context)
    }
}
