import AccordJSON
import AccordRegistry
import Foundation

/// `accord registry list` / `show`: what is published, verified and deployed, for people (text)
/// and scripts (JSON). A listing, not a verdict, so it has no SARIF, JUnit or annotations.
public struct RegistryListing: Sendable {
    public var registry: String
    public var pairs: [PairRecords]
    public var deployments: [DeploymentRecord]
    /// `show`: every version and verdict instead of the newest.
    public var detailed: Bool

    public init(registry: String, pairs: [PairRecords], deployments: [DeploymentRecord], detailed: Bool) {
        (self.registry, self.pairs, self.deployments, self.detailed) = (registry, pairs, deployments, detailed)
    }

    public var text: String {
        var lines = ["registry \(DisplayText.singleLine(registry))"]
        if pairs.isEmpty, deployments.isEmpty { lines.append("  (empty)") }
        for provider in Set(pairs.map(\.provider)).sorted() {
            lines.append("")
            lines.append("provider \(DisplayText.singleLine(provider))")
            for pair in pairs where pair.provider == provider {
                let shown = detailed ? pair.contracts : Array(pair.contracts.suffix(1))
                for contract in shown {
                    let publication = contract.publication
                    let verdicts = pair.verifications.filter { $0.contentHash == publication.contentHash }
                        .map { "\($0.providerVersion) \($0.passed ? "passed" : "FAILED")" }
                    var line = "  \(pair.consumer) \(publication.consumerVersion) [\(publication.branches.joined(separator: ", "))] \(publication.contentHash.prefix(19))…"
                    line += detailed ? " published \(publication.publishedAt)" : ""
                    line += verdicts.isEmpty ? "; not verified" : "; verified by \(verdicts.joined(separator: ", "))"
                    if pair.isPending(contract) { line += " (pending)" }
                    lines.append(DisplayText.singleLine(line))
                }
                if !detailed, pair.contracts.count > 1 { lines.append("    (\(pair.contracts.count - 1) older version(s); accord registry show --provider \(provider) --consumer \(pair.consumer))") }
            }
        }
        for environment in Set(deployments.map(\.environment)).sorted() {
            lines.append("")
            lines.append("environment \(DisplayText.singleLine(environment))")
            for record in deployments where record.environment == environment {
                lines.append(DisplayText.singleLine("  \(record.participant) \(record.deployed ?? "(nothing deployed)")"))
                if detailed {
                    for event in record.history { lines.append(DisplayText.singleLine("    \(event.at) \(event.action.rawValue) \(event.version)")) }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        func object<Value: Encodable>(_ value: Value) -> JSONValue {
            (try? JSONValue(parsing: Array(RecordJSON.encode(value)))) ?? .null
        }
        let value: JSONValue = [
            "kind": "registry-listing",
            "registry": .string(registry),
            "pairs": .array(pairs.map { pair in
                ["provider": .string(pair.provider), "consumer": .string(pair.consumer),
                 "contracts": .array(pair.contracts.map { object($0.publication) }),
                 "verifications": .array(pair.verifications.map { verification in
                     var trimmed = object(verification)
                     if !detailed { trimmed = trimmed.setting("report", to: nil) }
                     return trimmed
                 })]
            }),
            "deployments": .array(deployments.map { object($0) }),
        ]
        return JSONEncoding.canonical(value) + "\n"
    }
}

private enum RecordJSON {
    static func encode<Value: Encodable>(_ value: Value) -> Data { (try? JSONEncoder().encode(value)) ?? Data("null".utf8) }
}
