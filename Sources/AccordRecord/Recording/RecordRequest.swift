import Foundation

/// What to record into.
public struct RecordRequest: Sendable {
    public var consumer: String
    public var provider: String?
    /// The contract file.
    public var output: String
    /// The snapshot file (`--snapshot-out`), if wanted.
    public var snapshotOutput: String?
    public var resultLimit: Int
    public var scrubber: SecretScrubber

    /// By default the scrubber knows the secret-looking values of this process's environment,
    /// which the server command inherits.
    public init(consumer: String, provider: String? = nil, output: String, snapshotOutput: String? = nil,
                resultLimit: Int = ContractSynthesiser.defaultResultLimit,
                scrubber: SecretScrubber = .forEnvironment(ProcessInfo.processInfo.environment)) {
        self.consumer = consumer
        self.provider = provider
        self.output = output
        self.snapshotOutput = snapshotOutput
        self.resultLimit = resultLimit
        self.scrubber = scrubber
    }
}
