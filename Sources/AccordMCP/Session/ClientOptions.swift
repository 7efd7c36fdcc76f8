/// How Accord behaves as an MCP client.
public struct ClientOptions: Sendable, Equatable {
    /// The longest single wait; with ``limitsWholeSession`` also the limit for the whole session.
    public var timeout: Duration
    /// True (captures): the session as a whole must finish within `timeout`. False (live
    /// verification runs of many calls): only each wait is bounded by `timeout`.
    public var limitsWholeSession: Bool
    /// A version to insist on instead of negotiating (`--protocol-version`).
    public var pinnedProtocolVersion: String?
    /// The most definitions one list may return in total before Accord gives up.
    public var maximumListItems: Int
    /// How long to wait for an answer to `server/discover` before assuming a handshake-era
    /// server (legacy servers may answer unknown methods with silence).
    public var discoveryProbeTimeout: Duration
    /// The grace period a stdio server gets to exit after stdin closes, and again after SIGTERM.
    public var shutdownGrace: Duration
    /// `clientInfo` sent to servers.
    public var clientName: String
    public var clientVersion: String

    public init(
        timeout: Duration = .seconds(30),
        limitsWholeSession: Bool = true,
        pinnedProtocolVersion: String? = nil,
        maximumListItems: Int = 100_000,
        discoveryProbeTimeout: Duration = .seconds(5),
        shutdownGrace: Duration = .seconds(1),
        clientName: String = "accord",
        clientVersion: String = AccordVersion.current
    ) {
        self.timeout = timeout
        self.limitsWholeSession = limitsWholeSession
        self.pinnedProtocolVersion = pinnedProtocolVersion
        self.maximumListItems = maximumListItems
        self.discoveryProbeTimeout = discoveryProbeTimeout
        self.shutdownGrace = shutdownGrace
        self.clientName = clientName
        self.clientVersion = clientVersion
    }
}

extension ClientOptions {
    /// How long the next wait may take: the time left before the session deadline (at least a
    /// millisecond, so the wait fails with a timeout naming its method), or `timeout` when the
    /// session has no deadline.
    static func remaining(until deadline: ContinuousClock.Instant?, options: ClientOptions) -> Duration {
        guard let deadline else { return options.timeout }
        return max(.milliseconds(1), deadline - ContinuousClock.now)
    }
}

/// Accord's own version, reported as `clientInfo.version` and by `accord --version`.
public enum AccordVersion {
    public static let current = "0.1.0"
}
