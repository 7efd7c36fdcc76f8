import AccordJSON
import AccordMCP

/// Everything a snapshot says about the server itself, without its definition lists: what the
/// server-level comparison, the version check and the report's sides read.
///
/// ```swift
/// let header = snapshot.header
/// print(header.serverName ?? "server", header.serverVersion ?? "-")
/// ```
public struct SnapshotHeader: Sendable, Equatable {
    public var serverInfo: JSONValue
    public var protocolVersion: String
    public var era: ProtocolEra
    public var capabilities: JSONValue
    public var instructions: String?

    public init(serverInfo: JSONValue, protocolVersion: String, era: ProtocolEra, capabilities: JSONValue, instructions: String?) {
        self.serverInfo = serverInfo
        self.protocolVersion = protocolVersion
        self.era = era
        self.capabilities = capabilities
        self.instructions = instructions
    }

    /// The server's declared `serverInfo.name`, if any.
    public var serverName: String? { serverInfo["name"]?.stringValue }

    /// The server's declared `serverInfo.version`, if any.
    public var serverVersion: String? { serverInfo["version"]?.stringValue }
}

extension Snapshot {
    /// This snapshot's server-level fields.
    public var header: SnapshotHeader {
        SnapshotHeader(serverInfo: serverInfo, protocolVersion: protocolVersion, era: era, capabilities: capabilities, instructions: instructions)
    }

    /// This snapshot's definitions of one kind.
    public func definitions(_ kind: DefinitionKind) -> [JSONValue] {
        switch kind {
        case .tool: tools
        case .resource: resources
        case .resourceTemplate: resourceTemplates
        case .prompt: prompts
        }
    }
}
