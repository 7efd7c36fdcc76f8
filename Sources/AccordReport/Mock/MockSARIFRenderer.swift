import AccordEvolution
import AccordJSON

/// Key of a mock result's fingerprint in `partialFingerprints`.
private let fingerprintKey = "accordMock/v1"

extension ReportRenderer where Report == MockReport {
    /// SARIF 2.1.0: rule `mock-unexpected-request` (a result per unexpected request, located at
    /// the closest interaction's contract line, else the snapshot) and `mock-never-called` (a
    /// result per interaction never called, at its contract line; `error` under
    /// `--require-all`, else `note`). Fingerprints: rule, consumer or method, and target.
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
            func fingerprint(_ rule: String, _ name: String, _ method: String) -> [String: String] {
                let kind: ObjectKind = method == "resources/read" ? .resource : method == "prompts/get" ? .prompt : .tool
                return [fingerprintKey: Fingerprint.of(rule: rule, kind: kind, name: name, pointer: .root)]
            }
            var results = report.unexpected.map { request in
                SARIFLog.Result(ruleID: rules[0].id, ruleIndex: 0, level: .error,
                                message: "\(MockPresentation.request(request, width: context.valueWidth)): \(DisplayText.singleLine(request.reason))",
                                artifactURI: SARIFLog.artifactURI(forPath: request.closest?.file ?? report.snapshot), startLine: request.closest?.line ?? 1,
                                logicalName: request.target, logicalFullyQualifiedName: nil, logicalKind: nil,
                                partialFingerprints: fingerprint(rules[0].id, "\(request.method)\u{0}\(request.target ?? "")\u{0}\(request.reason)", request.method),
                                suppression: nil, properties: ["method": .string(request.method), "count": .number(JSONNumber(request.count))])
            }
            results += report.neverCalled.map { use in
                SARIFLog.Result(ruleID: rules[1].id, ruleIndex: 1, level: report.requireAll ? .error : .note,
                                message: "\(DisplayText.singleLine(use.consumer)): interaction \(MockPresentation.interaction(use)) was never called (\(MockPresentation.call(use)))",
                                artifactURI: SARIFLog.artifactURI(forPath: use.file), startLine: use.line ?? 1, logicalName: use.interaction,
                                logicalFullyQualifiedName: nil, logicalKind: nil,
                                partialFingerprints: fingerprint(rules[1].id, "\(use.consumer)\u{0}\(use.interaction)", use.method), suppression: nil,
                                properties: ["consumer": .string(use.consumer), "method": .string(use.method), "target": .string(use.target)])
            }
            let driver = SARIFLog.Driver(name: context.toolName, version: context.toolVersion, informationURI: context.informationURI, rules: rules)
            return SARIFLog(driver: driver, results: results).text
        }
    }
}
