import AccordContracts
import Foundation

/// The contract registry: operations on its records, one commit each (see ``RegistryLayout``).
///
/// ```swift
/// try await RegistryRemote.with("git@host:team/contracts.git") { remote in
///     try await Registry(remote).publish(text, file: "contracts/billing-agent.yaml", consumerVersion: "1.4.0", branch: "main")
/// }
/// ```
public struct Registry: Sendable {
    public let remote: RegistryRemote

    public init(_ remote: RegistryRemote) { self.remote = remote }

    // MARK: Publishing contracts

    public struct Published: Sendable, Equatable {
        public enum Change: String, Sendable { case published, branchAdded = "branch added", replaced, unchanged }
        public var provider: String
        public var consumer: String
        public var consumerVersion: String
        public var contentHash: String
        public var change: Change
    }

    /// Publishes one contract file's text as `consumerVersion` of its consumer, from `branch`.
    /// The same text again is a no-op (or adds the branch); a different text under a published
    /// version is refused unless `force`.
    public func publish(_ text: String, file: String, consumerVersion: String, branch: String, force: Bool = false) async throws -> Published {
        let contract = try ContractFile.parse(text, file: file)
        let provider = try RegistryName.validate(contract.provider, as: .provider)
        let consumer = try RegistryName.validate(contract.consumer, as: .consumer)
        let version = try RegistryName.validate(consumerVersion, as: .version)
        let branch = try RegistryName.validate(branch, as: .branch)
        let hash = contract.contentHash
        let ref = RegistryLayout.pairRef(provider: provider, consumer: consumer)
        let publicationPath = RegistryLayout.publicationPath(version: version)
        var change = Published.Change.published
        let outcome = try await remote.update(ref, message: "publish \(consumer) \(version) for \(provider) (\(branch))") { files throws(RegistryError) in
            let fresh = Publication(provider: provider, consumer: consumer, consumerVersion: version, branches: [branch],
                                    contentHash: hash, publishedAt: RecordCoding.now(), pending: contract.pending)
            guard let existing = files[publicationPath] else {
                change = .published
                return [publicationPath: RecordCoding.encode(fresh), RegistryLayout.contractPath(version: version): Array(text.utf8)]
            }
            var publication = try RecordCoding.decode(Publication.self, existing, name: "\(remote.display) \(ref):\(publicationPath)", kind: Publication.kindName)
            if publication.contentHash == hash {
                guard !publication.branches.contains(branch) else { return nil }
                change = .branchAdded
                publication.branches.append(branch)
                publication.branches.sort()
                return [publicationPath: RecordCoding.encode(publication)]
            }
            guard force else {
                throw RegistryError(.input, "\(file): \(consumer) \(version) is already published for \(provider) with a different text (\(publication.contentHash)); publish it as a new --consumer-version, or replace it with --force")
            }
            change = .replaced
            return [publicationPath: RecordCoding.encode(fresh), RegistryLayout.contractPath(version: version): Array(text.utf8)]
        }
        return Published(provider: provider, consumer: consumer, consumerVersion: version, contentHash: hash, change: outcome == .unchanged ? .unchanged : change)
    }

    // MARK: Verification results

    /// Publishes a provider version's verdict on a contract text.
    public func publish(_ result: VerificationResult) async throws(RegistryError) {
        let ref = RegistryLayout.pairRef(provider: try RegistryName.validate(result.provider, as: .provider),
                                         consumer: try RegistryName.validate(result.consumer, as: .consumer))
        let path = RegistryLayout.verificationPath(providerVersion: try RegistryName.validate(result.providerVersion, as: .version), contentHash: result.contentHash)
        _ = try await remote.update(ref, message: "verify \(result.consumer) (\(result.contentHash.prefix(15))) with \(result.provider) \(result.providerVersion): \(result.passed ? "passed" : "failed")") { _ in
            [path: RecordCoding.encode(result)]
        }
    }

    // MARK: Deployments

    /// Records that `version` of `participant` is now deployed in `environment` (or, with
    /// `undeploy`, no longer is). Returns false when that was already so.
    public func recordDeployment(participant: String, version: String, environment: String, undeploy: Bool = false) async throws(RegistryError) -> Bool {
        let participant = try RegistryName.validate(participant, as: .participant)
        let version = try RegistryName.validate(version, as: .version)
        let environment = try RegistryName.validate(environment, as: .environment)
        let ref = RegistryLayout.deploymentRef(environment: environment, participant: participant)
        let message = undeploy ? "undeploy \(participant) \(version) from \(environment)" : "deploy \(participant) \(version) to \(environment)"
        let outcome = try await remote.update(ref, message: message) { files throws(RegistryError) in
            var record = try files[RegistryLayout.deploymentPath].map { bytes throws(RegistryError) in
                try RecordCoding.decode(DeploymentRecord.self, bytes, name: "\(remote.display) \(ref):\(RegistryLayout.deploymentPath)", kind: DeploymentRecord.kindName)
            } ?? DeploymentRecord(environment: environment, participant: participant)
            if undeploy {
                guard record.deployed == version else {
                    throw RegistryError(.input, "\(participant) \(version) is not deployed in \(environment) (deployed there: \(record.deployed ?? "nothing"))")
                }
                record.deployed = nil
                record.history.append(.init(action: .undeployed, version: version, at: RecordCoding.now()))
            } else {
                guard record.deployed != version else { return nil }
                record.deployed = version
                record.history.append(.init(action: .deployed, version: version, at: RecordCoding.now()))
            }
            return [RegistryLayout.deploymentPath: RecordCoding.encode(record)]
        }
        return outcome != .unchanged
    }

    // MARK: Reading

    /// The contracts and verdicts of every pair of `provider` (every provider when nil).
    public func pairs(provider: String? = nil) async throws(RegistryError) -> [PairRecords] {
        let prefix = try provider.map { name throws(RegistryError) in RegistryLayout.providerRefs(try RegistryName.validate(name, as: .provider)) }
            ?? RegistryLayout.contractsPrefix
        return try await pairs(refs: try await remote.refs(under: prefix).keys.filter { RegistryLayout.pair(of: $0) != nil }.sorted())
    }

    /// The pairs `participant` is the provider or the consumer of (only those are fetched).
    public func pairs(involving participant: String) async throws(RegistryError) -> [PairRecords] {
        let refs = try await remote.refs(under: RegistryLayout.contractsPrefix).keys.filter { ref in
            RegistryLayout.pair(of: ref).map { $0.provider == participant || $0.consumer == participant } ?? false
        }
        return try await pairs(refs: refs.sorted())
    }

    private func pairs(refs: [String]) async throws(RegistryError) -> [PairRecords] {
        try await remote.fetch(refs)
        let files = try await remote.files(of: refs)
        return try refs.map { ref throws(RegistryError) in try PairRecords(ref: ref, files: files[ref] ?? [:], registry: remote.display) }
    }

    /// The deployment records of `environment` (every environment when nil).
    public func deployments(environment: String? = nil) async throws(RegistryError) -> [DeploymentRecord] {
        let prefix = try environment.map { name throws(RegistryError) in RegistryLayout.environmentRefs(try RegistryName.validate(name, as: .environment)) }
            ?? RegistryLayout.environmentsPrefix
        let refs = try await remote.refs(under: prefix).keys.filter { RegistryLayout.deployment(of: $0) != nil }.sorted()
        try await remote.fetch(refs)
        let files = try await remote.files(of: refs)
        var records: [DeploymentRecord] = []
        for ref in refs {
            guard let bytes = files[ref]?[RegistryLayout.deploymentPath] else { continue }
            records.append(try RecordCoding.decode(DeploymentRecord.self, bytes, name: "\(remote.display) \(ref):\(RegistryLayout.deploymentPath)", kind: DeploymentRecord.kindName))
        }
        return records
    }
}
