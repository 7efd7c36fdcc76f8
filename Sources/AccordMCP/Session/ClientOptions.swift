/// How Accord behaves as an MCP client.
public struct ClientOptions: Sendable, Equatable {
    /// The limit for the whole session (start to last reply); also the longest single wait.
    public var timeout: Duration
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
        pinnedProtocolVersion: String? = nil,
        maximumListItems: Int = 100_000,
        discoveryProbeTimeout: Duration = .seconds(5),
        shutdownGrace: Duration = .seconds(1),
        clientName: String = "accord",
        clientVersion: String = AccordVersion.current
    ) {
        self.timeout = timeout
        self.pinnedProtocolVersion = pinnedProtocolVersion
        self.maximumListItems = maximumListItems
        self.discoveryProbeTimeout = discoveryProbeTimeout
        self.shutdownGrace = shutdownGrace
        self.clientName = clientName
        self.clientVersion = clientVersion
    }
}

/// Accord's own version, reported as `clientInfo.version` and by `accord --version`.
public enum AccordVersion {
    public static let current = "0.1.0"
}
