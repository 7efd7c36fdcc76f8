import AccordEvolution
import AccordJSON
import AccordProbe

extension ReportRenderer where Report == ProbeReport {
    /// SARIF 2.1.0: one rule per ``ProbeFindingKind`` and one result per finding, at the
    /// tool as logical location; level `error` for breaking, `warning` for potentially
    /// breaking, `note` otherwise. The message carries the reproducing call; the arguments are
    /// also a result property. Fingerprints: kind, tool and arguments.
    public static var sarif: ReportRenderer {
        ReportRenderer(format: .sarif) { report, context in ProbeSARIF.log(report, context: context).text }
    }
}

enum ProbeSARIF {
    static func log(_ report: ProbeReport, context: RenderContext) -> SARIFLog {
            let kinds = ProbeFindingKind.allCases
            let rules = kinds.map { kind in
                SARIFLog.Rule(id: "probe-" + kind.rawValue, name: DiffSARIF.upperCamelCase("probe-" + kind.rawValue), shortDescription: kind.summary,
                              fullDescription: "\(kind.summary) Severity: \(kind.severity.rawValue).", helpText: "\(kind.summary)\n\nSeverity: \(kind.severity.rawValue). See docs/probe.md.",
                              helpMarkdown: "\(MarkdownEscaping.text(kind.summary))\n\nSeverity: \(kind.severity.rawValue).", level: DiffSARIF.level(kind.severity),
                              properties: ["tags": ["mcp", "probe"], "severity": .string(kind.severity.rawValue)])
            }
            let results = report.findings.map { finding in
                let index = kinds.firstIndex(of: finding.kind) ?? 0
                return SARIFLog.Result(
                    ruleID: rules[index].id, ruleIndex: index, level: DiffSARIF.level(finding.severity),
                    message: "\(DisplayText.singleLine(finding.tool)): \(ProbePresentation.finding(finding)). Reproduce: \(ProbePresentation.call(tool: finding.tool, arguments: finding.arguments))",
                    artifactURI: nil, startLine: 1, logicalName: finding.tool, logicalFullyQualifiedName: nil, logicalKind: "tool",
                    partialFingerprints: ["accordProbe/v1": Fingerprint.of(rule: rules[index].id, kind: .tool, name: finding.tool + "\u{0}" + JSONEncoding.compact(finding.arguments), pointer: finding.pointer ?? .root)],
                    suppression: nil, properties: ["arguments": finding.arguments, "severity": .string(finding.severity.rawValue)])
            }
            let driver = SARIFLog.Driver(name: context.toolName, version: context.toolVersion, informationURI: context.informationURI, rules: rules)
            return SARIFLog(driver: driver, results: results)
    }
}
