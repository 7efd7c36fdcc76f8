import AccordContracts
import AccordJSON
import AccordMCP
import AccordRegistry
import AccordReport

/// The contracts `accord verify --registry` fetched for a provider, and what goes back: each
/// verdict as a verification result.
struct RegistryContracts: Sendable {
    struct Entry: Sendable {
        var pair: PairRecords
        var published: PublishedContract
        var contract: Contract
    }

    var entries: [Entry]
    var contracts: [Contract] { entries.map(\.contract) }

    /// The selected contracts of `providers`, parsed (a file that does not parse names its
    /// place in the registry: `registry:ledgerly/billing-agent@1.4.0`).
    static func fetch(from registry: Registry, providers: [String], selector: ContractSelector) async throws -> RegistryContracts {
        var pairs: [PairRecords] = []
        for provider in providers { pairs += try await registry.pairs(provider: provider) }
        let deployments: [DeploymentRecord]
        if case .deployed(let environment) = selector { deployments = try await registry.deployments(environment: environment) } else { deployments = [] }
        let entries = try selector.select(from: pairs, deployments: deployments).map { pair, published in
            Entry(pair: pair, published: published, contract: try ContractFile.parse(try published.checkedText(), file: "registry:" + published.label))
        }
        return RegistryContracts(entries: entries)
    }

    private func entry(for verification: ContractVerification) -> Entry? { entries.first { $0.contract.file == verification.file } }

    var isEmpty: Bool { entries.isEmpty }

    /// `verifications` with pending decided the Pact way for registry contracts: pending until
    /// this text has passed with the provider on `providerBranch` (or the contract says so and
    /// the local record agrees). Local contracts keep their verdicts.
    func applyingPending(to verifications: [ContractVerification], providerBranch: String) -> [ContractVerification] {
        verifications.map { verification in
            guard let entry = entry(for: verification) else { return verification }
            var verification = verification
            verification.pending = entry.pair.isPending(entry.published, providerBranch: providerBranch)
            return verification
        }
    }

    /// One verification result per registry contract in `report`.
    func results(of report: VerificationReport, providerVersion: String, providerBranch: String) -> [VerificationResult] {
        let context = RenderContext(toolVersion: AccordVersion.current)
        return report.verifications.compactMap { verification in
            guard let entry = entry(for: verification) else { return nil }
            var single = report
            single.verifications = [verification]
            let json = (try? JSONValue(parsing: Array(single.rendered(as: .json, context: context).utf8))) ?? .null
            return VerificationResult(provider: entry.pair.provider, providerVersion: providerVersion, providerBranch: providerBranch,
                                      consumer: entry.pair.consumer, contentHash: entry.published.publication.contentHash,
                                      passed: verification.failedChecks.isEmpty, verifiedAt: RecordCoding.now(), report: json)
        }
    }
}
