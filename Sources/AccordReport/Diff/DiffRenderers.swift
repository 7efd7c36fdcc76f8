import AccordEvolution

/// The diff report: a renderer per format.
extension EvolutionReport: RenderableReport {
    public static var renderers: ReportRenderers<EvolutionReport> {
        ReportRenderers(text: .text, json: .json, markdown: .markdown, sarif: .sarif, junit: .junit, github: .github)
    }
}
