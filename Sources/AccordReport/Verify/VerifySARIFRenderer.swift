import AccordContracts
import AccordEvolution
import AccordJSON

extension ReportRenderer where Report == VerificationReport {
    /// SARIF 2.1.0 for GitHub code scanning: the contract rules (``ContractCheckRule``, one per
    /// aspect such as `contract-read-not-guaranteed`) as `tool.driver.rules`, and one result per
    /// failed check, located in the contract file (at the expectation's line) with the check id as logical
    /// location. Level `error`, or `note` for checks of pending contracts (reported, not
    /// failing). The message names the consumer, the check and every mismatch.
    public static var sarif: ReportRenderer {
        ReportRenderer(format: .sarif) { report, context in VerifySARIF.log(report, context: context).text }
    }
}

enum VerifySARIF {
    /// Key of the check's fingerprint (consumer and check id) in `partialFingerprints`.
    static let fingerprintKey = "accordContractCheck/v1"

    static func log(_ report: VerificationReport, context: RenderContext) -> SARIFLog {
        let rules = ContractCheckRule.all
        let results = report.verifications.flatMap { contract in
            contract.failedChecks.map { check in result(check, in: contract, ruleIndex: rules.firstIndex { $0.aspect == check.subject.aspect } ?? -1) }
        }
        let driver = SARIFLog.Driver(name: context.toolName, version: context.toolVersion, informationURI: context.informationURI, rules: rules.map(rule))
        return SARIFLog(driver: driver, results: results)
    }

    private static func rule(_ rule: ContractCheckRule) -> SARIFLog.Rule {
        let facts = "Reported per failed check of a consumer contract, at the contract file; level error, or note when the contract is pending."
        return SARIFLog.Rule(
            id: rule.id,
            name: DiffSARIF.upperCamelCase(rule.id),
            shortDescription: rule.summary,
            fullDescription: "\(rule.summary) \(facts)",
            helpText: "\(rule.summary)\n\n\(rule.help)\n\(facts)",
            helpMarkdown: "\(MarkdownEscaping.text(rule.summary))\n\n\(MarkdownEscaping.text(rule.help))\n\n| check aspect | level | pending contract |\n|---|---|---|\n| \(rule.aspect.rawValue) | error | note |",
            level: .error,
            properties: ["aspect": .string(rule.aspect.rawValue), "tags": ["mcp", "contract", .string(rule.aspect.rawValue)]])
    }

    private static func result(_ check: VerificationCheck, in contract: ContractVerification, ruleIndex: Int) -> SARIFLog.Result {
        let rule = ContractCheckRule.rule(for: check.subject.aspect)
        var message = "\(VerifyPresentation.title(contract)): check \(DisplayText.singleLine(check.id)) failed (\(DisplayText.singleLine(check.description)))"
        message += ": " + check.mismatches.map { VerifyPresentation.line($0, width: 0) }.joined(separator: "; ")
        if contract.pending { message += ". Pending contract: reported, not failing." }
        let subject = check.subject
        return SARIFLog.Result(
            ruleID: rule.id,
            ruleIndex: ruleIndex,
            level: contract.pending ? .note : .error,
            message: message,
            artifactURI: contract.file.isEmpty ? nil : SARIFLog.artifactURI(forPath: contract.file),
            startLine: check.line ?? 1,
            logicalName: subject.name.isEmpty ? nil : subject.name,
            logicalFullyQualifiedName: check.id,
            logicalKind: subject.kind.rawValue,
            partialFingerprints: [fingerprintKey: fingerprint(check, in: contract, rule: rule)],
            suppression: nil,
            properties: [
                "consumer": .string(contract.consumer),
                "provider": .string(contract.provider),
                "pending": .bool(contract.pending),
                "checkId": .string(check.id),
                "subject": ["kind": .string(subject.kind.rawValue), "name": .string(subject.name), "aspect": .string(subject.aspect.rawValue)],
                "mismatches": .array(check.mismatches.map(VerificationReportDocument.mismatch)),
            ])
    }

    /// Stable across runs and snapshots: the rule, the consumer and the check id (not the file
    /// path, so moving a contract keeps its alerts).
    private static func fingerprint(_ check: VerificationCheck, in contract: ContractVerification, rule: ContractCheckRule) -> String {
        Fingerprint.of(rule: rule.id, kind: objectKind(check.subject.kind), name: "\(contract.consumer)\u{0}\(check.id)", pointer: .root)
    }

    private static func objectKind(_ kind: CheckSubject.Kind) -> ObjectKind {
        switch kind {
        case .tool: .tool
        case .prompt: .prompt
        case .resource: .resource
        case .resourceTemplate: .resourceTemplate
        case .provider: .server
        }
    }
}
