import AccordJSON
import AccordMCP

/// Captures a live server into a ``Snapshot``: negotiate, list every kind of definition the
/// server's capabilities announce (following pagination), check identities, sort.
public enum SnapshotCapture {
    /// The result of a capture: the snapshot and warnings about tolerated misbehaviour.
    public struct Outcome: Sendable {
        public var snapshot: Snapshot
        public var warnings: [String]
    }

    /// Connects to `endpoint`, captures, and disconnects.
    /// - Throws: ``MCPError`` for anything the server does wrong, including duplicate or missing
    ///   definition identities.
    public static func capture(_ endpoint: ServerEndpoint, options: ClientOptions = ClientOptions()) async throws -> Outcome {
        try await MCPSession.with(endpoint, options: options) { session in
            try await capture(session)
        }
    }

    /// Captures over an open session.
    public static func capture(_ session: MCPSession) async throws(MCPError) -> Outcome {
        let hello = session.hello
        var lists: [DefinitionKind: [JSONValue]] = [:]
        for kind in DefinitionKind.allCases where hello.announces(kind.capability) {
            let (method, itemsKey) = kind.listMethod
            do {
                lists[kind] = try await session.listAll(method, itemsKey: itemsKey)
            } catch {
                // Servers with resources but no templates answer templates/list with -32601.
                guard kind == .resourceTemplate, case .rpcError(_, JSONRPCErrorObject.methodNotFound, _, _) = error.kind else { throw error }
                lists[kind] = []
            }
            try checkIdentities(lists[kind] ?? [], kind: kind)
        }
        let snapshot = Snapshot(
            serverInfo: hello.serverInfo,
            protocolVersion: hello.protocolVersion,
            era: hello.era,
            capabilities: hello.capabilities,
            instructions: hello.instructions,
            tools: lists[.tool] ?? [],
            resources: lists[.resource] ?? [],
            resourceTemplates: lists[.resourceTemplate] ?? [],
            prompts: lists[.prompt] ?? []
        )
        return Outcome(snapshot: snapshot, warnings: await session.warnings())
    }

    /// Every definition needs its identity field, and identities must be unique: a client could
    /// not call two tools of one name, and a diff could not tell them apart.
    static func checkIdentities(_ definitions: [JSONValue], kind: DefinitionKind) throws(MCPError) {
        var seen: Set<String> = []
        for (index, definition) in definitions.enumerated() {
            guard let identity = kind.identity(of: definition) else {
                throw MCPError(.protocolViolation("\(kind.listMethod.method) item \(index) has no string \"\(kind.identityField)\""))
            }
            guard seen.insert(identity).inserted else {
                throw MCPError(.protocolViolation("\(kind.listMethod.method) lists the \(kind.rawValue) \"\(identity)\" more than once; \(kind.identityField)s must be unique"))
            }
        }
    }
}
