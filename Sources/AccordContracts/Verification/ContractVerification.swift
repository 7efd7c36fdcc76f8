import AccordJSON

/// The verdict on one contract: one check per expectation and interaction.
public struct ContractVerification: Sendable, Equatable, Codable {
    public var consumer: String
    public var provider: String
    public var file: String
    /// Reported but not failing (see ``isPending(_:_:)``).
    public var pending: Bool
    public var checks: [VerificationCheck]

    public init(consumer: String, provider: String, file: String, pending: Bool, checks: [VerificationCheck]) {
        self.consumer = consumer
        self.provider = provider
        self.file = file
        self.pending = pending
        self.checks = checks
    }

    /// Any check failed (whether or not the contract is pending).
    public var failed: Bool { checks.contains { $0.status == .failed } }

    /// Whether this verdict should fail a build: failed and not pending.
    public var failsBuild: Bool { failed && !pending }

    public var failedChecks: [VerificationCheck] { checks.filter { $0.status == .failed } }

    /// `billing-agent → ledgerly: 3 of 14 checks failed` (with `(pending)` when pending).
    public var summary: String {
        let failures = failedChecks.count
        let verdict = failures == 0 ? "all \(checks.count) checks passed" : "\(failures) of \(checks.count) checks failed"
        return "\(consumer) → \(provider): \(verdict)\(pending ? " (pending)" : "")"
    }
}

/// One expectation or interaction and its outcome.
public struct VerificationCheck: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Equatable, Codable {
        case passed
        case failed
    }

    /// Stable across runs and snapshots: `tool:get_invoice`, `tool:get_invoice:reads:/customerName`,
    /// `tool:get_invoice:examples[0]`, `tool:get_invoice:annotations`, `prompt:…`, `resource:…`,
    /// `resourceTemplate:…`, `interaction:<name>`.
    public var id: String
    /// The object and aspect the check concerns.
    public var subject: CheckSubject
    /// The line of the expectation in the contract file, when known.
    public var line: Int?
    public var description: String
    public var status: Status
    public var mismatches: [Mismatch]

    public init(id: String, subject: CheckSubject, description: String, mismatches: [Mismatch]) {
        self.id = id
        self.subject = subject
        self.description = description
        self.status = mismatches.isEmpty ? .passed : .failed
        self.mismatches = mismatches
    }
}
