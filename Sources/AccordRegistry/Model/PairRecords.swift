import AccordContracts

/// A contract version as published: its publication record and its text.
public struct PublishedContract: Sendable, Equatable {
    public var publication: Publication
    /// The text as stored; ``checkedText()`` is the one to use.
    public var text: String
    /// Where the text lives, for messages: `<registry> <ref>:versions/<v>/contract.yaml`.
    var location: String
    /// Where it lives, for messages and file names: `ledgerly/billing-agent@1.4.0`.
    public var label: String { "\(publication.provider)/\(publication.consumer)@\(publication.consumerVersion)" }

    /// The text, after checking it still has the hash it was published with: a hand-edited
    /// contract is an input error naming the file. (Checked when a text is used, so reading a
    /// large registry for can-i-deploy, which needs only the hashes, hashes nothing.)
    public func checkedText() throws(RegistryError) -> String {
        let actual = ContentHash.sha256(text)
        guard actual == publication.contentHash else {
            throw RegistryError(.input, "\(location): its content hash \(actual) does not match \(publication.contentHash) in publication.json (edited by hand?)")
        }
        return text
    }
}

/// Everything on one provider–consumer pair's ref.
public struct PairRecords: Sendable, Equatable {
    public var provider: String
    public var consumer: String
    /// Oldest publication first.
    public var contracts: [PublishedContract]
    public var verifications: [VerificationResult]

    init(ref: String, files: [String: [UInt8]], registry: String) throws(RegistryError) {
        guard let pair = RegistryLayout.pair(of: ref) else { throw RegistryError(.input, "\(registry): \(ref) is not a contract pair ref") }
        (provider, consumer) = pair
        var contracts: [PublishedContract] = []
        var verifications: [VerificationResult] = []
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let name = "\(registry) \(ref):\(path)"
            if path.hasPrefix("versions/"), path.hasSuffix("/publication.json") {
                let publication = try RecordCoding.decode(Publication.self, bytes, name: name, kind: Publication.kindName)
                let contractPath = RegistryLayout.contractPath(version: publication.consumerVersion)
                guard let textBytes = files[contractPath] else { throw RegistryError(.input, "\(name): its contract \(contractPath) is missing") }
                let text = String(decoding: textBytes, as: UTF8.self)
                guard publication.provider == provider, publication.consumer == consumer else {
                    throw RegistryError(.input, "\(name): names \(publication.provider)/\(publication.consumer) but lives on the ref of \(provider)/\(consumer)")
                }
                contracts.append(PublishedContract(publication: publication, text: text, location: "\(registry) \(ref):\(contractPath)"))
            } else if path.hasPrefix("verifications/"), path.hasSuffix(".json") {
                verifications.append(try RecordCoding.decode(VerificationResult.self, bytes, name: name, kind: VerificationResult.kindName))
            }
        }
        self.contracts = contracts.sorted { ($0.publication.publishedAt, $0.publication.consumerVersion) < ($1.publication.publishedAt, $1.publication.consumerVersion) }
        self.verifications = verifications.sorted { ($0.verifiedAt, $0.providerVersion) < ($1.verifiedAt, $1.providerVersion) }
    }

    /// The newest verdict of `providerVersion` on `contentHash`.
    public func verdict(providerVersion: String, contentHash: String) -> VerificationResult? {
        verifications.last { $0.providerVersion == providerVersion && $0.contentHash == contentHash }
    }

    /// Pending in the Pact sense: this text has never passed with the provider on `branch` (any
    /// branch when nil) — a new or changed contract, or one marked `pending: true`, until it
    /// passes once. A pending contract's failures never block the provider.
    public func isPending(_ contract: PublishedContract, providerBranch: String? = nil) -> Bool {
        !verifications.contains { $0.contentHash == contract.publication.contentHash && $0.passed && (providerBranch == nil || $0.providerBranch == providerBranch) }
    }

    /// The contract published as `consumerVersion`.
    public func contract(version consumerVersion: String) -> PublishedContract? {
        contracts.last { $0.publication.consumerVersion == consumerVersion }
    }
}

/// Which published contracts a provider verifies (`--selector`).
public enum ContractSelector: Sendable, Equatable, CustomStringConvertible {
    /// The newest version of each consumer published from `main`.
    case main
    /// The newest version of each consumer published from this branch.
    case branch(String)
    /// The version of each consumer deployed in this environment now.
    case deployed(String)
    /// Every published version.
    case all

    public init(parsing text: String) throws(RegistryError) {
        switch text {
        case "main": self = .main
        case "all": self = .all
        case let value where value.hasPrefix("branch:"): self = .branch(try RegistryName.validate(String(value.dropFirst(7)), as: .branch))
        case let value where value.hasPrefix("deployed:"): self = .deployed(try RegistryName.validate(String(value.dropFirst(9)), as: .environment))
        default: throw RegistryError(.input, "--selector \(text): expected main, branch:NAME, deployed:ENVIRONMENT or all")
        }
    }

    public var description: String {
        switch self {
        case .main: "main"
        case .branch(let branch): "branch:\(branch)"
        case .deployed(let environment): "deployed:\(environment)"
        case .all: "all"
        }
    }

    /// The selected contracts of `pairs`, given the `deployments` (for `deployed:`).
    public func select(from pairs: [PairRecords], deployments: [DeploymentRecord]) -> [(pair: PairRecords, contract: PublishedContract)] {
        pairs.flatMap { pair -> [(pair: PairRecords, contract: PublishedContract)] in
            let chosen: [PublishedContract]
            switch self {
            case .main: chosen = pair.contracts.last { $0.publication.branches.contains("main") }.map { [$0] } ?? []
            case .branch(let branch): chosen = pair.contracts.last { $0.publication.branches.contains(branch) }.map { [$0] } ?? []
            case .deployed(let environment):
                let version = deployments.first { $0.environment == environment && $0.participant == pair.consumer }?.deployed
                chosen = version.flatMap { pair.contract(version: $0) }.map { [$0] } ?? []
            case .all: chosen = pair.contracts
            }
            return chosen.map { (pair, $0) }
        }
    }
}
