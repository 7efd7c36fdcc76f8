/// `accord can-i-deploy --participant P --version V --to-environment E`: may this version go to
/// the environment, given who is deployed there now?
///
/// YES only when every counterpart deployed in the environment has a passing verification with
/// this version, in both directions: as a provider, against the contract version of each deployed
/// consumer; as a consumer, its contract of this version against each deployed provider version.
/// A pair without a published contract at that consumer version declares no dependency. A
/// consumer's contract that is pending (it never passed with the provider) does not block the
/// provider — Pact's pending semantics — but it does block the consumer.
public struct DeploymentDecision: Sendable, Equatable {
    public struct Pair: Sendable, Equatable {
        public enum State: String, Sendable {
            case verified, failed, unverified
        }
        public var provider: String
        public var providerVersion: String
        public var consumer: String
        public var consumerVersion: String
        public var contentHash: String
        public var state: State
        /// Whether this pair's state stops the deployment.
        public var blocking: Bool
        /// The contract is pending for the provider (so a failure does not block it).
        public var pending: Bool
        /// When the verdict was published, if there is one.
        public var verifiedAt: String?
    }

    public var participant: String
    public var version: String
    public var environment: String
    /// The other participants deployed in the environment, with their versions.
    public var deployed: [String: String]
    public var pairs: [Pair]
    public var registry: String

    public var allowed: Bool { !pairs.contains { $0.blocking } }

    public static func decide(participant: String, version: String, environment: String, registry: String,
                              pairs: [PairRecords], deployments: [DeploymentRecord]) -> DeploymentDecision {
        var deployed: [String: String] = [:]
        for record in deployments where record.environment == environment && record.participant != participant {
            if let version = record.deployed { deployed[record.participant] = version }
        }
        var result: [Pair] = []
        for pair in pairs {
            if pair.provider == participant, let consumerVersion = deployed[pair.consumer], let contract = pair.contract(version: consumerVersion) {
                let verdict = pair.verdict(providerVersion: version, contentHash: contract.publication.contentHash)
                let pending = pair.isPending(contract)
                let state: Pair.State = verdict.map { $0.passed ? .verified : .failed } ?? .unverified
                result.append(Pair(provider: participant, providerVersion: version, consumer: pair.consumer, consumerVersion: consumerVersion,
                                   contentHash: contract.publication.contentHash, state: state, blocking: state != .verified && !pending,
                                   pending: pending, verifiedAt: verdict?.verifiedAt))
            }
            if pair.consumer == participant, let providerVersion = deployed[pair.provider], let contract = pair.contract(version: version) {
                let verdict = pair.verdict(providerVersion: providerVersion, contentHash: contract.publication.contentHash)
                let state: Pair.State = verdict.map { $0.passed ? .verified : .failed } ?? .unverified
                result.append(Pair(provider: pair.provider, providerVersion: providerVersion, consumer: participant, consumerVersion: version,
                                   contentHash: contract.publication.contentHash, state: state, blocking: state != .verified,
                                   pending: pair.isPending(contract), verifiedAt: verdict?.verifiedAt))
            }
        }
        result.sort { ($0.provider, $0.consumer) < ($1.provider, $1.consumer) }
        return DeploymentDecision(participant: participant, version: version, environment: environment, deployed: deployed, pairs: result, registry: registry)
    }
}
