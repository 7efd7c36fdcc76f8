/// The outcome of verifying a set of contracts against one provider: what `accord verify` and
/// `accord can-i-deploy` print, and one server's contract part of `accord check`.
///
/// ```swift
/// let report = VerificationReport(purpose: .verify, mode: .static, target: "snapshots/demo.json",
///                                 serverName: "ledgerly", serverVersion: "1.0.0", verifications: verdicts)
/// report.failed   // a non-pending contract has a failed check
/// ```
public struct VerificationReport: Sendable, Equatable {
    /// Which question the report answers.
    public enum Purpose: String, Sendable, Equatable, Codable, CaseIterable {
        /// `accord verify`: every check of every contract.
        case verify
        /// `accord can-i-deploy`: yes or no, with the failed checks as the reasons.
        case canIDeploy = "can-i-deploy"
    }

    /// How the checks were made.
    public enum Mode: String, Sendable, Equatable, Codable, CaseIterable {
        /// Against a snapshot file, without a server.
        case `static`
        /// Against a running server: expectations checked on its live definitions, interactions
        /// really called.
        case live
    }

    public var purpose: Purpose
    public var mode: Mode
    /// What was verified against, safe to print: a snapshot path, a configured server name, a URL
    /// or a command line (never header values or environment values).
    public var target: String
    /// `serverInfo.name` / `serverInfo.version` of the provider verified against, when known.
    public var serverName: String?
    public var serverVersion: String?
    /// One verdict per contract, in the order the contracts were given (files sorted by name).
    public var verifications: [ContractVerification]

    public init(purpose: Purpose = .verify, mode: Mode, target: String, serverName: String? = nil, serverVersion: String? = nil,
                verifications: [ContractVerification]) {
        self.purpose = purpose
        self.mode = mode
        self.target = target
        self.serverName = serverName
        self.serverVersion = serverVersion
        self.verifications = verifications
    }

    /// Whether the run fails: some contract that is not pending has a failed check. Pending
    /// contracts are reported, never failing.
    public var failed: Bool { verifications.contains { $0.failsBuild } }

    /// Checks over all contracts, and how many failed (pending contracts included).
    public var checkCount: Int { verifications.reduce(0) { $0 + $1.checks.count } }
    public var failedCheckCount: Int { verifications.reduce(0) { $0 + $1.failedChecks.count } }

    /// `2 contracts, 31 checks: 5 failed (1 in a pending contract)` — the last line of the text
    /// report.
    public var summary: String {
        let contracts = "\(verifications.count) contract\(verifications.count == 1 ? "" : "s")"
        let checks = "\(checkCount) check\(checkCount == 1 ? "" : "s")"
        let failures = failedCheckCount
        guard failures > 0 else { return "\(contracts), \(checks): all passed" }
        let pendingFailures = verifications.filter(\.pending).reduce(0) { $0 + $1.failedChecks.count }
        let pendingNote = pendingFailures > 0 ? " (\(pendingFailures) in pending contracts, not failing)" : ""
        return "\(contracts), \(checks): \(failures) failed\(pendingNote)"
    }
}
