import AccordJSON
import AccordMCP
import AccordSnapshot

/// Small snapshots for rule tests: one server with whatever definitions a row needs.
struct SnapshotBuilder {
    var version = "1.0.0"
    var protocolVersion = "2025-11-25"
    var era: ProtocolEra = .handshake
    var capabilities: JSONValue = ["tools": ["listChanged": true], "resources": ["subscribe": true], "prompts": [:]]
    var instructions: String? = "Use the tools."
    var tools: [JSONValue] = []
    var resources: [JSONValue] = []
    var templates: [JSONValue] = []
    var prompts: [JSONValue] = []
    var serverInfo: JSONValue? = nil

    var snapshot: Snapshot {
        Snapshot(
            serverInfo: serverInfo ?? ["name": "test-server", "version": .string(version)],
            protocolVersion: protocolVersion,
            era: era,
            capabilities: capabilities,
            instructions: instructions,
            tools: tools,
            resources: resources,
            resourceTemplates: templates,
            prompts: prompts
        )
    }

    static func tool(_ name: String, input: JSONValue = ["type": "object"], output: JSONValue? = nil, extra: [String: JSONValue] = [:]) -> JSONValue {
        var members: [String: JSONValue] = ["name": .string(name), "inputSchema": input]
        if let output { members["outputSchema"] = output }
        for (key, value) in extra { members[key] = value }
        return .object(members)
    }
}
