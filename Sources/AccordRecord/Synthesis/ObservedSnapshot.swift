import AccordSnapshot

extension ObservedSession {
    /// The snapshot of the server as seen through the proxy: its hello and the definitions its
    /// list replies carried. Nil when no `initialize` / `server/discover` reply was seen. A kind
    /// the client never listed is empty here, so a full snapshot needs a client that lists all.
    public var snapshot: Snapshot? {
        guard let hello else { return nil }
        return Snapshot(
            serverInfo: hello.serverInfo,
            protocolVersion: hello.protocolVersion,
            era: hello.era,
            capabilities: hello.capabilities,
            instructions: hello.instructions,
            tools: definitions[.tool] ?? [],
            resources: definitions[.resource] ?? [],
            resourceTemplates: definitions[.resourceTemplate] ?? [],
            prompts: definitions[.prompt] ?? []
        )
    }
}
