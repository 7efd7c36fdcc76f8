import AccordJSON
import AccordRegistry

/// `accord can-i-deploy --to-environment`: the decision in every format. Each pair is one line,
/// one table row, one JUnit case, one annotation or SARIF result.
extension DeploymentDecision: RenderableReport {
    public static var renderers: ReportRenderers<DeploymentDecision> {
        ReportRenderers(text: .deployText, json: .deployJSON, markdown: .deployMarkdown, sarif: .deploySARIF, junit: .deployJUnit, github: .deployGitHub)
    }
}

/// The words every format shares.
enum DeploymentPresentation {
    static func verdict(_ decision: DeploymentDecision) -> String { decision.allowed ? "YES" : "NO" }

    static func headline(_ decision: DeploymentDecision) -> String {
        "can-i-deploy \(DisplayText.singleLine(decision.participant)) \(DisplayText.singleLine(decision.version)) to \(DisplayText.singleLine(decision.environment)): \(verdict(decision))"
    }

    /// "ledgerly 2.0.0 × billing-agent 1.4.0".
    static func name(_ pair: DeploymentDecision.Pair) -> String {
        DisplayText.singleLine("\(pair.provider) \(pair.providerVersion) × \(pair.consumer) \(pair.consumerVersion)")
    }

    /// "verification failed (2026-12-06T19:40:00Z)", "not verified", "verified", plus pending.
    static func state(_ pair: DeploymentDecision.Pair) -> String {
        var text = switch pair.state {
        case .verified: "verified"
        case .failed: "verification failed"
        case .unverified: "never verified together"
        }
        if let at = pair.verifiedAt, pair.state != .unverified { text += " (\(DisplayText.singleLine(at)))" }
        if pair.pending, pair.state != .verified { text += pair.blocking ? "" : "; pending contract, not blocking the provider" }
        return text
    }

    static func summary(_ decision: DeploymentDecision) -> String {
        if decision.pairs.isEmpty {
            return decision.deployed.isEmpty
                ? "nothing else is deployed in \(DisplayText.singleLine(decision.environment))"
                : "no contract links \(DisplayText.singleLine(decision.participant)) \(DisplayText.singleLine(decision.version)) with what is deployed in \(DisplayText.singleLine(decision.environment))"
        }
        let blocking = decision.pairs.filter(\.blocking).count
        return blocking == 0 ? "all \(decision.pairs.count) pairs verified" : "\(blocking) of \(decision.pairs.count) pairs block the deployment"
    }
}

extension ReportRenderer where Report == DeploymentDecision {
    static let deployText = ReportRenderer(format: .text) { decision, context in
        let paint = ANSIPainter(enabled: context.colour)
        var lines = [DeploymentPresentation.headline(decision)]
        for pair in decision.pairs {
            let mark = pair.blocking ? paint(.red, "✗") : pair.state == .verified ? paint(.green, "✓") : paint(.yellow, "~")
            lines.append("  \(mark) \(DeploymentPresentation.name(pair)): \(DeploymentPresentation.state(pair))")
        }
        lines.append(DeploymentPresentation.summary(decision))
        return lines.joined(separator: "\n") + "\n"
    }

    static let deployJSON = ReportRenderer(format: .json) { decision, context in
        let pairs: [JSONValue] = decision.pairs.map { pair in
            var object: [String: JSONValue] = [
                "provider": .string(pair.provider), "providerVersion": .string(pair.providerVersion),
                "consumer": .string(pair.consumer), "consumerVersion": .string(pair.consumerVersion),
                "contentHash": .string(pair.contentHash), "state": .string(pair.state.rawValue),
                "blocking": .bool(pair.blocking), "pending": .bool(pair.pending),
            ]
            if let at = pair.verifiedAt { object["verifiedAt"] = .string(at) }
            return .object(object)
        }
        let json: JSONValue = [
            "kind": "can-i-deploy", "tool": .string(context.toolName), "toolVersion": .string(context.toolVersion),
            "participant": .string(decision.participant), "version": .string(decision.version),
            "environment": .string(decision.environment), "registry": .string(decision.registry),
            "deployable": .bool(decision.allowed),
            "deployed": .object(decision.deployed.mapValues { .string($0) }),
            "pairs": .array(pairs),
        ]
        return JSONEncoding.canonical(json) + "\n"
    }

    static let deployMarkdown = ReportRenderer(format: .markdown) { decision, context in
        let title = context.title ?? DeploymentPresentation.headline(decision)
        let rows = decision.pairs.map { pair in
            [pair.blocking ? "✗" : pair.state == .verified ? "✓" : "~",
             MarkdownEscaping.code("\(pair.provider) \(pair.providerVersion)", inTable: true),
             MarkdownEscaping.code("\(pair.consumer) \(pair.consumerVersion)", inTable: true),
             MarkdownEscaping.message(DeploymentPresentation.state(pair), inTable: true)]
        }
        var text = "## \(MarkdownEscaping.text(title))\n\n"
        if !rows.isEmpty { text += MarkdownTable(header: ["", "provider", "consumer", "verification"], rows: rows).markdown + "\n" }
        return text + MarkdownEscaping.text(DeploymentPresentation.summary(decision)) + "\n"
    }

    static let deployJUnit = ReportRenderer(format: .junit) { decision, context in
        let cases = decision.pairs.map { pair in
            JUnitDocument.Case(classname: "can-i-deploy.\(decision.environment)", name: DeploymentPresentation.name(pair),
                               failures: pair.blocking ? [.init(message: DeploymentPresentation.state(pair), type: pair.state.rawValue, body: DeploymentPresentation.state(pair))] : [])
        }
        return JUnitDocument(name: context.title ?? DeploymentPresentation.headline(decision),
                             suites: [.init(name: "can-i-deploy \(decision.participant) \(decision.version) to \(decision.environment)", cases: cases)]).xml
    }

    static let deployGitHub = ReportRenderer(format: .github) { decision, _ in
        var lines = decision.pairs.filter(\.blocking).map { pair in
            WorkflowCommand(.error, properties: [.init("title", "can-i-deploy")], message: "\(DeploymentPresentation.name(pair)): \(DeploymentPresentation.state(pair))").line
        }
        lines.append(WorkflowCommand(decision.allowed ? .notice : .error, message: DeploymentPresentation.headline(decision) + " — " + DeploymentPresentation.summary(decision)).line)
        return lines.joined(separator: "\n") + "\n"
    }

    static let deploySARIF = ReportRenderer(format: .sarif) { decision, context in
        let rule = SARIFLog.Rule(id: "deployment-pair-unverified", name: "DeploymentPairUnverified",
                                 shortDescription: "A counterpart deployed in the environment has no passing verification with this version",
                                 fullDescription: "can-i-deploy: every counterpart deployed in the target environment needs a passing verification with the version being deployed.",
                                 helpText: "Verify the pair and publish the result (accord verify --registry … --publish-results), or deploy a compatible version.",
                                 helpMarkdown: "Verify the pair and publish the result (`accord verify --registry … --publish-results`), or deploy a compatible version.",
                                 level: .error, properties: [:])
        let results = decision.pairs.filter(\.blocking).map { pair in
            SARIFLog.Result(ruleID: rule.id, ruleIndex: 0, level: .error, message: "\(DeploymentPresentation.name(pair)): \(DeploymentPresentation.state(pair))",
                            artifactURI: nil, startLine: 1, logicalName: "\(pair.provider)/\(pair.consumer)",
                            logicalFullyQualifiedName: "\(decision.environment)/\(pair.provider)/\(pair.consumer)", logicalKind: "module",
                            partialFingerprints: ["accordPair/v1": "\(decision.environment)/\(pair.provider)/\(pair.consumer)/\(pair.contentHash)"],
                            suppression: nil, properties: [:])
        }
        return SARIFLog(driver: .init(name: context.toolName, version: context.toolVersion, informationURI: context.informationURI, rules: [rule]), results: results).text + "\n"
    }
}
