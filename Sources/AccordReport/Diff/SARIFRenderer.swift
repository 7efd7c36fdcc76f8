import AccordEvolution
import AccordJSON

extension ReportRenderer where Report == EvolutionReport {
    /// SARIF 2.1.0 for GitHub code scanning: the whole rule catalogue as `tool.driver.rules`
    /// (default level from the rule's severity: breaking → error, potentially breaking and
    /// review → warning, non-breaking → note), one result per finding located in the snapshot file
    /// (``EvolutionReport/anchorFile``) with the JSON Pointer as logical location and the
    /// finding's fingerprint as partial fingerprint. Accepted findings are results with an
    /// external, accepted suppression carrying the policy's reason.
    public static var sarif: ReportRenderer {
        ReportRenderer(format: .sarif) { report, context in DiffSARIF.log(report, context: context).text }
    }
}

enum DiffSARIF {
    /// Key of Accord's fingerprint in `partialFingerprints`, versioned with the hash scheme.
    static let fingerprintKey = "accordFingerprint/v1"

    static func log(_ report: EvolutionReport, context: RenderContext) -> SARIFLog {
        let rules = RuleCatalogue.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
        var results = report.findings.map { result($0, ruleIndex: index[$0.ruleID] ?? -1, report: report, context: context, suppression: nil) }
        results += report.accepted.map {
            result($0.finding, ruleIndex: index[$0.finding.ruleID] ?? -1, report: report, context: context, suppression: DiffPresentation.acceptance($0))
        }
        let driver = SARIFLog.Driver(name: context.toolName, version: context.toolVersion, informationURI: context.informationURI, rules: rules.map(rule))
        return SARIFLog(driver: driver, results: results)
    }

    static func level(_ severity: Severity) -> SARIFLog.Level {
        switch severity {
        case .breaking: .error
        case .potentiallyBreaking, .review: .warning
        case .nonBreaking: .note
        }
    }

    private static func rule(_ rule: Rule) -> SARIFLog.Rule {
        let severity = DiffPresentation.phrase(rule.severity)
        let release = rule.semver == .none ? "no release of its own" : "a \(rule.semver.rawValue) release"
        let facts = "Default severity: \(severity); direction: \(rule.direction.rawValue); requires \(release)."
        return SARIFLog.Rule(
            id: rule.id,
            name: upperCamelCase(rule.id),
            shortDescription: rule.summary,
            fullDescription: "\(rule.summary) \(facts)",
            helpText: "\(rule.summary)\n\n\(facts)\nCatalogue section: \(rule.section.rawValue).",
            helpMarkdown: "\(MarkdownEscaping.text(rule.summary))\n\n| severity | direction | semver | section |\n|---|---|---|---|\n| \(severity) | \(rule.direction.rawValue) | \(rule.semver.rawValue) | \(MarkdownEscaping.text(rule.section.rawValue)) |",
            level: level(rule.severity),
            properties: [
                "severity": .string(rule.severity.rawValue),
                "direction": .string(rule.direction.rawValue),
                "semver": .string(rule.semver.rawValue),
                "section": .string(rule.section.rawValue),
                "tags": ["mcp", "contract", .string(rule.direction.rawValue)],
            ])
    }

    private static func result(_ finding: Finding, ruleIndex: Int, report: EvolutionReport, context: RenderContext, suppression: String?) -> SARIFLog.Result {
        var message = finding.message
        if let hint = finding.hint, !hint.isEmpty { message += ". Hint: \(hint)" }
        switch DiffPresentation.consumerImpact(finding) {
        case .breaks(let consumers): message += ". Breaks consumers: \(consumers.joined(separator: ", "))"
        case .noneKnown: message += ". " + DiffPresentation.noKnownConsumer.capitalisingFirstLetter
        case nil: break
        }
        var properties: [String: JSONValue] = [
            "severity": .string(finding.severity.rawValue),
            "direction": .string(finding.direction.rawValue),
            "semver": .string(finding.semver.rawValue),
            "objectKind": .string(finding.objectKind.rawValue),
            "objectName": .string(finding.objectName),
            "fingerprint": .string(finding.fingerprint),
        ]
        if !finding.tags.isEmpty { properties["tags"] = .array(unique(finding.tags).map { .string($0) }) }
        if let consumers = finding.consumers { properties["consumers"] = .array(consumers.map { .string($0) }) }
        if let old = finding.oldValue { properties["oldValue"] = old }
        if let new = finding.newValue { properties["newValue"] = new }
        return SARIFLog.Result(
            ruleID: finding.ruleID,
            ruleIndex: ruleIndex,
            level: level(finding.severity),
            message: message,
            artifactURI: report.anchorFile.map(SARIFLog.artifactURI(forPath:)),
            startLine: context.line(for: finding.pointer) ?? 1,
            logicalName: finding.objectName.isEmpty ? nil : finding.objectName,
            logicalFullyQualifiedName: finding.pointer.description,
            logicalKind: finding.objectKind.rawValue,
            partialFingerprints: [fingerprintKey: finding.fingerprint],
            suppression: suppression,
            properties: properties)
    }

    /// `input-property-added-required` → `InputPropertyAddedRequired` (SARIF's readable rule name).
    static func upperCamelCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
