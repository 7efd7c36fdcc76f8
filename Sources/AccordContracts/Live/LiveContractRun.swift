import AccordMCP
import AccordSnapshot

/// Verifies contracts against a running server in full: the server's live definitions are
/// captured in the session, every expectation is checked against them (as ``StaticVerifier``
/// does against a file), and every interaction is really called (``LiveVerifier``). The
/// result has the same check ids as a static verification, each interaction's check being the
/// live one.
///
/// ```swift
/// let run = try await MCPSession.with(endpoint, options: options) { session in
///     try await LiveContractRun.verify(session: session, hook: hook) { snapshot in
///         contracts.filter { $0.provider == snapshot.serverInfo["name"]?.stringValue }
///     }
/// }
/// run.snapshot.serverVersion   // "1.0.0"
/// ```
public struct LiveContractRun: Sendable {
    /// What the server offered during the run.
    public var snapshot: Snapshot
    /// Capture warnings (duplicate names, era quirks), safe to print.
    public var warnings: [String]
    /// The contracts verified, chosen once the server's identity was known.
    public var contracts: [Contract]
    /// One verdict per contract, in order.
    public var verifications: [ContractVerification]

    /// Captures the server, lets `select` choose the contracts for it, and verifies them.
    public static func verify(
        session: MCPSession, hook: ProviderStateHook?, selecting select: @Sendable (Snapshot) -> [Contract]
    ) async throws(MCPError) -> LiveContractRun {
        let capture = try await SnapshotCapture.capture(session)
        let contracts = select(capture.snapshot)
        let live = await LiveVerifier.verify(contracts, session: session, hook: hook)
        let verifications = zip(contracts, live).map { contract, liveVerdict in
            var verdict = StaticVerifier.verify(contract, against: capture.snapshot)
            let called = Dictionary(liveVerdict.checks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            verdict.checks = verdict.checks.map { called[$0.id] ?? $0 }
            return verdict
        }
        return LiveContractRun(snapshot: capture.snapshot, warnings: capture.warnings, contracts: contracts, verifications: verifications)
    }
}
