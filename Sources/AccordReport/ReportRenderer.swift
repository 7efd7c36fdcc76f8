/// One output format for one kind of report, as a value: a format tag and a pure function from
/// the report to text.
///
/// Each format is a static member, in the manner of swift-snapshot-testing's strategies, so a
/// caller picks a value instead of switching over formats; new report kinds (contract
/// verification) get their own members in a constrained extension and reuse the format
/// builders (`SARIFLog`, `JUnitDocument`, `WorkflowCommand`, `MarkdownTable`, `ANSIStyle`).
///
/// ```swift
/// let renderer = ReportRenderer<EvolutionReport>.for(.sarif)
/// let sarif = renderer.render(report, RenderContext(toolVersion: "0.4.0"))
/// ```
///
/// Renderers are deterministic: the same report and context give the same bytes (no dates,
/// no host paths beyond those the report already names, JSON keys sorted).
public struct ReportRenderer<Report>: Sendable {
    /// The format this renderer writes.
    public let format: ReportFormat
    /// The rendering function: pure, total (never throws; hostile input is escaped, not rejected).
    public let render: @Sendable (Report, RenderContext) -> String

    public init(format: ReportFormat, render: @escaping @Sendable (Report, RenderContext) -> String) {
        self.format = format
        self.render = render
    }

    /// Renders `report`: `renderer(report, context)` reads like the call it is.
    public func callAsFunction(_ report: Report, _ context: RenderContext) -> String {
        render(report, context)
    }

    /// The same renderer with a transformation of its context, e.g. colour always off for files.
    public func pullback(context transform: @escaping @Sendable (RenderContext) -> RenderContext) -> ReportRenderer {
        let render = self.render
        return ReportRenderer(format: format) { report, context in render(report, transform(context)) }
    }
}
