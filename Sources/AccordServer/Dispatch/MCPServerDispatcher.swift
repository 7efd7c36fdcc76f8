import AccordJSON
import AccordMCP

/// An MCP server's protocol layer over any transport: the handshake in both eras (`initialize`
/// for 2024-11-05 … 2025-11-25, `server/discover` and per-request `_meta` for 2026-07-28),
/// `ping`, the four list methods with cursor pagination, and the calls (`tools/call`,
/// `resources/read`, `prompts/get`), which go to an ``MCPCallHandler``. Anything else is
/// answered -32601.
///
/// ```swift
/// let dispatcher = MCPServerDispatcher(offer: offer, calls: handler)
/// await StdioServer(handler: dispatcher).run()
/// ```
///
/// Modern-era results carry `resultType: "complete"`; list and discover results also
/// `ttlMs: 0` and `cacheScope: "private"` (the definitions may change with the next run).
public struct MCPServerDispatcher: ServerMessageHandler {
    public let offer: ServerOffer
    public let calls: any MCPCallHandler

    public init(offer: ServerOffer, calls: any MCPCallHandler) {
        self.offer = offer
        self.calls = calls
    }

    public func receive(_ message: InboundMessage, in session: ServerSession) async -> [JSONValue] {
        guard case .request(let id, let method, let params) = message.message else { return [] }
        switch await answer(method: method, params: params, session: session) {
        case .result(let result): return [JSONRPCMessage.response(id: id, result: result).json]
        case .error(let error): return [JSONRPCMessage.errorResponse(id: id, error: error).json]
        }
    }

    public func sessionEnded(_ session: ServerSession) async {
        if let observer = calls as? any MCPSessionObserver { await observer.sessionEnded(session) }
    }

    func answer(method: String, params: JSONValue?, session: ServerSession) async -> MCPCallOutcome {
        let meta = params?["_meta"]
        let modernVersion = meta?[ModernMeta.protocolVersion]?.stringValue
        let modern = modernVersion != nil || method == "server/discover"
        if modern, method != "initialize" {
            if let refusal = VersionNegotiation.modern(requested: modernVersion) { return .error(refusal) }
            session.negotiated(version: modernVersion!, clientInfo: meta?[ModernMeta.clientInfo])
        }
        let outcome = await handshakeAnswer(method: method, params: params, session: session)
        guard modern, case .result(let result) = outcome else { return outcome }
        var completed = result.setting("resultType", to: result["resultType"] ?? "complete")
        if method == "server/discover" || method.hasSuffix("/list") {
            completed = completed.setting("ttlMs", to: 0).setting("cacheScope", to: "private")
        }
        return .result(completed)
    }

    private func handshakeAnswer(method: String, params: JSONValue?, session: ServerSession) async -> MCPCallOutcome {
        switch method {
        case "initialize":
            let version = VersionNegotiation.handshake(requested: params?["protocolVersion"]?.stringValue)
            session.negotiated(version: version, clientInfo: params?["clientInfo"])
            var result: [String: JSONValue] = ["protocolVersion": .string(version), "capabilities": offer.capabilities, "serverInfo": offer.serverInfo]
            if let instructions = offer.instructions { result["instructions"] = .string(instructions) }
            return .result(.object(result))
        case "server/discover":
            var result: [String: JSONValue] = [
                "supportedVersions": .array(VersionNegotiation.supported.map { .string($0) }),
                "capabilities": offer.capabilities,
                "_meta": [ModernMeta.serverInfo: offer.serverInfo],
            ]
            if let instructions = offer.instructions { result["instructions"] = .string(instructions) }
            return .result(.object(result))
        case "ping":
            return .result(.object([:]))
        case "tools/list": return list(offer.tools, key: "tools", params: params)
        case "resources/list": return list(offer.resources, key: "resources", params: params)
        case "resources/templates/list": return list(offer.resourceTemplates, key: "resourceTemplates", params: params)
        case "prompts/list": return list(offer.prompts, key: "prompts", params: params)
        default:
            switch MCPCall.read(method: method, params: params, session: session) {
            case .call(let call)?: return await calls.handle(call)
            case .invalid(let error)?: return .error(error)
            case nil:
                await calls.unhandled(method: method, params: params, session: session)
                return .error(JSONRPCErrorObject(code: JSONRPCErrorObject.methodNotFound, message: "Method not found: \(method)"))
            }
        }
    }

    private func list(_ items: [JSONValue], key: String, params: JSONValue?) -> MCPCallOutcome {
        switch ListPaging.page(items, key: key, cursor: params?["cursor"], size: offer.pageSize) {
        case .success(let page): .result(page)
        case .failure(let error): .error(error.rpcError)
        }
    }
}

/// A call handler that wants to hear when a session ends (stdin EOF, DELETE, shutdown).
public protocol MCPSessionObserver: Sendable {
    func sessionEnded(_ session: ServerSession) async
}
