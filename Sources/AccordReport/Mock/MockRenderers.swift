/// The `accord mock` report, a renderer per format.
extension MockReport: RenderableReport {
    public static var renderers: ReportRenderers<MockReport> {
        ReportRenderers(text: .text, json: .json, markdown: .markdown, sarif: .sarif, junit: .junit, github: .github)
    }
}
