import AccordContracts

/// The contract-verification report (`accord verify` and `accord can-i-deploy`; its ``VerificationReport/purpose`` says which): a renderer per format.
extension VerificationReport: RenderableReport {
    public static var renderers: ReportRenderers<VerificationReport> {
        ReportRenderers(text: .text, json: .json, markdown: .markdown, sarif: .sarif, junit: .junit, github: .github)
    }
}
