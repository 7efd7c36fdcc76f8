/// The MCP protocol versions Accord speaks and the era each belongs to.
public enum ProtocolEra: String, Sendable, Codable, Equatable {
    /// Up to 2025-11-25: `initialize`, a session, `notifications/initialized`.
    case handshake
    /// 2026-07-28 and later: stateless, `server/discover`, per-request `_meta`.
    case modern
}

public enum ProtocolVersion {
    /// Every version Accord speaks, oldest first.
    public static let supported = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"]
    /// The newest handshake-era version, requested from servers that lack the modern era.
    public static let latestHandshake = "2025-11-25"
    /// The newest modern-era version.
    public static let latestModern = "2026-07-28"

    public static func isSupported(_ version: String) -> Bool { supported.contains(version) }

    /// The era of a version: dates from 2026-07-28 on are modern.
    public static func era(of version: String) -> ProtocolEra {
        version >= latestModern ? .modern : .handshake
    }
}

/// `_meta` keys of the modern era (public: the serving core in AccordServer reads and writes them too).
public enum ModernMeta {
    public static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
    public static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
    public static let clientInfo = "io.modelcontextprotocol/clientInfo"
    public static let serverInfo = "io.modelcontextprotocol/serverInfo"
}
