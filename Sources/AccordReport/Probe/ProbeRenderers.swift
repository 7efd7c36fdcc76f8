import AccordProbe

/// The `accord probe` report, a renderer per format.
extension ProbeReport: RenderableReport {
    public static var renderers: ReportRenderers<ProbeReport> {
        ReportRenderers(text: .text, json: .json, markdown: .markdown, sarif: .sarif, junit: .junit, github: .github)
    }
}
