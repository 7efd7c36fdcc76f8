/// A report kind with a renderer for every ``ReportFormat``: the diff, verification and check
/// reports. The one place a format name becomes a renderer is ``ReportRenderer/for(_:)``.
///
/// ```swift
/// Console.out(ReportRenderer<CheckReport>.for(options.format).render(report, context))
/// let markdown = report.rendered(as: .markdown, context: context)
/// ```
public protocol RenderableReport: Sendable {
    /// Each format's renderer for this kind of report.
    static var renderers: ReportRenderers<Self> { get }
}

/// One renderer per format for a report kind.
public struct ReportRenderers<Report>: Sendable {
    public var text, json, markdown, sarif, junit, github: ReportRenderer<Report>

    public init(text: ReportRenderer<Report>, json: ReportRenderer<Report>, markdown: ReportRenderer<Report>,
                sarif: ReportRenderer<Report>, junit: ReportRenderer<Report>, github: ReportRenderer<Report>) {
        (self.text, self.json, self.markdown, self.sarif, self.junit, self.github) = (text, json, markdown, sarif, junit, github)
    }

    /// The renderer of `format`.
    public subscript(format: ReportFormat) -> ReportRenderer<Report> {
        switch format {
        case .text: text
        case .json: json
        case .markdown: markdown
        case .sarif: sarif
        case .junit: junit
        case .github: github
        }
    }
}

extension ReportRenderer where Report: RenderableReport {
    /// The renderer for `format` (`--format` and each `--report FORMAT=PATH`).
    public static func `for`(_ format: ReportFormat) -> ReportRenderer { Report.renderers[format] }
}

extension RenderableReport {
    /// This report in `format`: shorthand for `ReportRenderer<Self>.for(format).render(self, context)`.
    public func rendered(as format: ReportFormat, context: RenderContext) -> String {
        ReportRenderer<Self>.for(format).render(self, context)
    }
}
