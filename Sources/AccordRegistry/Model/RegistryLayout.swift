/// Where each record lives in the registry repository (docs/registry.md).
///
/// Every provider–consumer pair has a branch of its own, and every participant's deployments in
/// an environment another, each with an independent linear history: writers for different pairs
/// or participants never touch the same ref, so they never race, and a reader fetches only the
/// refs it needs.
///
///     refs/heads/accord/contracts/<provider>/<consumer>
///         versions/<consumer-version>/contract.yaml       the contract text as published
///         versions/<consumer-version>/publication.json    consumer version, branches, hash, time
///         verifications/<provider-version>/<sha256>.json   provider version × contract hash → verdict
///     refs/heads/accord/environments/<environment>/<participant>
///         deployment.json                                 the deployed version and its history
public enum RegistryLayout {
    public static let contractsPrefix = "refs/heads/accord/contracts/"
    public static let environmentsPrefix = "refs/heads/accord/environments/"

    public static func pairRef(provider: String, consumer: String) -> String { contractsPrefix + provider + "/" + consumer }
    public static func providerRefs(_ provider: String) -> String { contractsPrefix + provider + "/" }
    public static func deploymentRef(environment: String, participant: String) -> String { environmentsPrefix + environment + "/" + participant }
    public static func environmentRefs(_ environment: String) -> String { environmentsPrefix + environment + "/" }

    public static func contractPath(version: String) -> String { "versions/\(version)/contract.yaml" }
    public static func publicationPath(version: String) -> String { "versions/\(version)/publication.json" }
    public static func verificationPath(providerVersion: String, contentHash: String) -> String {
        "verifications/\(providerVersion)/\(contentHash.replacingOccurrences(of: "sha256:", with: "")).json"
    }
    public static let deploymentPath = "deployment.json"

    /// The `(provider, consumer)` of a pair ref, or nil for another ref.
    public static func pair(of ref: String) -> (provider: String, consumer: String)? {
        guard ref.hasPrefix(contractsPrefix) else { return nil }
        let parts = ref.dropFirst(contractsPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// The `(environment, participant)` of a deployment ref.
    public static func deployment(of ref: String) -> (environment: String, participant: String)? {
        guard ref.hasPrefix(environmentsPrefix) else { return nil }
        let parts = ref.dropFirst(environmentsPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
