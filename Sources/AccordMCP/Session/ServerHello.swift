import AccordJSON

/// What a server said about itself when the session began, in either era.
public struct ServerHello: Sendable, Equatable {
    /// The version both sides speak for this session.
    public var protocolVersion: String
    public var era: ProtocolEra
    /// `capabilities` exactly as served.
    public var capabilities: JSONValue
    /// `serverInfo` exactly as served (`{name, version, ...}`), `.null` if absent.
    public var serverInfo: JSONValue
    public var instructions: String?

    public init(protocolVersion: String, era: ProtocolEra, capabilities: JSONValue, serverInfo: JSONValue, instructions: String?) {
        self.protocolVersion = protocolVersion
        self.era = era
        self.capabilities = capabilities
        self.serverInfo = serverInfo
        self.instructions = instructions
    }

    /// Whether the server announced capability `name` (`tools`, `resources`, `prompts`, ...).
    public func announces(_ name: String) -> Bool {
        guard let value = capabilities[name] else { return false }
        return !value.isNull
    }
}
