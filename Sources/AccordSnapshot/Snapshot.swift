import AccordJSON
import AccordMCP

/// What one server offered at one moment: the unit Accord diffs, verifies and commits.
///
/// Definitions are stored exactly as served (unknown fields and number spellings included),
/// sorted by identity so the file is canonical: capturing the same server twice gives the same
/// bytes. Nothing era-dependent (`ttlMs`, `cacheScope`, `resultType`), no timestamps, host paths
/// or secrets are stored.
public struct Snapshot: Sendable, Equatable {
    /// The snapshot file format; bumped only for incompatible layout changes.
    public static let formatVersion = 1

    public var serverInfo: JSONValue
    public var protocolVersion: String
    public var era: ProtocolEra
    public var capabilities: JSONValue
    public var instructions: String?
    public var tools: [JSONValue]
    public var resources: [JSONValue]
    public var resourceTemplates: [JSONValue]
    public var prompts: [JSONValue]

    public init(
        serverInfo: JSONValue,
        protocolVersion: String,
        era: ProtocolEra,
        capabilities: JSONValue,
        instructions: String?,
        tools: [JSONValue],
        resources: [JSONValue],
        resourceTemplates: [JSONValue],
        prompts: [JSONValue]
    ) {
        self.serverInfo = serverInfo
        self.protocolVersion = protocolVersion
        self.era = era
        self.capabilities = capabilities
        self.instructions = instructions
        self.tools = DefinitionKind.tool.sorted(tools)
        self.resources = DefinitionKind.resource.sorted(resources)
        self.resourceTemplates = DefinitionKind.resourceTemplate.sorted(resourceTemplates)
        self.prompts = DefinitionKind.prompt.sorted(prompts)
    }

    /// The server's declared `serverInfo.version`, if any.
    public var serverVersion: String? { serverInfo["version"]?.stringValue }

    /// The canonical JSON document.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "formatVersion": .number(JSONNumber(Self.formatVersion)),
            "serverInfo": serverInfo,
            "protocolVersion": .string(protocolVersion),
            "era": .string(era.rawValue),
            "capabilities": capabilities,
            "tools": .array(tools),
            "resources": .array(resources),
            "resourceTemplates": .array(resourceTemplates),
            "prompts": .array(prompts),
        ]
        if let instructions { members["instructions"] = .string(instructions) }
        return .object(members)
    }

    /// The canonical file text: sorted keys, two-space indent, trailing newline.
    public var canonicalText: String { JSONEncoding.canonical(json) }
}

/// The four kinds of definitions a server lists, with the field that identifies each.
public enum DefinitionKind: String, Sendable, CaseIterable {
    case tool
    case resource
    case resourceTemplate
    case prompt

    /// The snapshot key holding this kind's list.
    public var snapshotKey: String {
        switch self {
        case .tool: "tools"
        case .resource: "resources"
        case .resourceTemplate: "resourceTemplates"
        case .prompt: "prompts"
        }
    }

    /// The field whose value identifies a definition of this kind.
    public var identityField: String {
        switch self {
        case .tool, .prompt: "name"
        case .resource: "uri"
        case .resourceTemplate: "uriTemplate"
        }
    }

    /// The list method and the result key of its items.
    public var listMethod: (method: String, itemsKey: String) {
        switch self {
        case .tool: ("tools/list", "tools")
        case .resource: ("resources/list", "resources")
        case .resourceTemplate: ("resources/templates/list", "resourceTemplates")
        case .prompt: ("prompts/list", "prompts")
        }
    }

    /// The capability that announces this kind.
    public var capability: String {
        switch self {
        case .tool: "tools"
        case .resource, .resourceTemplate: "resources"
        case .prompt: "prompts"
        }
    }

    public func identity(of definition: JSONValue) -> String? {
        definition[identityField]?.stringValue
    }

    /// Definitions ordered by identity (UTF-8 byte order); ties (duplicates, which captures
    /// reject but hand-written files may hold) fall back to their compact text, computed only then.
    public func sorted(_ definitions: [JSONValue]) -> [JSONValue] {
        definitions
            .map { (key: identity(of: $0) ?? "", value: $0) }
            .sorted { lhs, rhs in
                if lhs.key != rhs.key { return lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8) }
                return JSONEncoding.compact(lhs.value).utf8.lexicographicallyPrecedes(JSONEncoding.compact(rhs.value).utf8)
            }
            .map(\.value)
    }
}
