/// The `accord check` report, each format composed from the diff and verify renderers of the same format plus the gate's own summary and verdict: a renderer per format.
extension CheckReport: RenderableReport {
    public static var renderers: ReportRenderers<CheckReport> {
        ReportRenderers(text: .text, json: .json, markdown: .markdown, sarif: .sarif, junit: .junit, github: .github)
    }
}
