import AccordJSON

extension ReportRenderer where Report == MockReport {
    /// SARIF 2.1.0: rule `mock-unexpected-request` (a result per unexpected request, without a
    /// location: it happened at run time) and `mock-never-called` (a result per interaction
    /// never called, at its contract line; `error` under `--require-all`, else `note`).
    public static var sarif: ReportRenderer {
        ReportRenderer(format: .sarif) { report, context in
            func rule(_ id: String, _ summary: String, _ help: String, level: SARIFLog.Level) -> SARIFLog.Rule {
                SARIFLog.Rule(id: id, name: DiffSARIF.upperCamelCase(id), shortDescription: summary, fullDescription: "\(summary) \(help)",
                              helpText: "\(summary)\n\n\(help)", helpMarkdown: "\(MarkdownEscaping.text(summary))\n\n\(MarkdownEscaping.text(help))",
                              level: level, properties: ["tags": ["mcp", "contract", "mock"]])
            }
            let rules = [
                rule("mock-unexpected-request", "A request matched no contract interaction.", "The consumer sent a request its contracts do not state; add an interaction or fix the call.", level: .error),
                rule("mock-never-called", "A contract interaction was never called.", "The consumer's tests did not exercise this interaction; remove it or cover it.", level: report.requireAll ? .error : .note),
            ]
            var results = report.unexpected.map { request in
                SARIFLog.Result(ruleID: rules[0].id, ruleIndex: 0, level: .error,
                                message: "\(MockPresentation.request(request, width: context.valueWidth)): \(DisplayText.singleLine(request.reason))",
                                artifactURI: nil, startLine: 1, logicalName: request.target, logicalFullyQualifiedName: nil, logicalKind: nil,
                                partialFingerprints: [:], suppression: nil, properties: ["method": .string(request.method), "count": .number(JSONNumber(request.count))])
            }
            results += report.neverCalled.map { use in
                SARIFLog.Result(ruleID: rules[1].id, ruleIndex: 1, level: report.requireAll ? .error : .note,
                                message: "\(DisplayText.singleLine(use.consumer)): interaction \(MockPresentation.interaction(use)) was never called (\(MockPresentation.call(use)))",
                                artifactURI: SARIFLog.artifactURI(forPath: use.file), startLine: use.line ?? 1, logicalName: use.interaction,
                                logicalFullyQualifiedName: nil, logicalKind: nil, partialFingerprints: [:], suppression: nil,
                                properties: ["consumer": .string(use.consumer), "method": .string(use.method), "target": .string(use.target)])
            }
            let driver = SARIFLog.Driver(name: context.toolName, version: context.toolVersion, informationURI: context.informationURI, rules: rules)
            return SARIFLog(driver: driver, results: results).text
        }
    }
}
