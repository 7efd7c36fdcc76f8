import AccordJSON

/// A live, era-negotiated conversation with one MCP server.
///
/// Sessions are scoped: the server (or HTTP session) exists only inside ``with(_:options:_:)``,
/// and is shut down — process reaped, `DELETE` sent — when the closure returns or throws. Callers
/// never care which transport or era they hold.
///
/// ```swift
/// let tools = try await MCPSession.with(.stdio(StdioLaunch(command: "mcp-server-time"))) { session in
///     try await session.listAll("tools/list", itemsKey: "tools")
/// }
/// ```
public final class MCPSession: Sendable {
    /// What the server said about itself.
    public let hello: ServerHello
    let connection: MCPConnection
    let options: ClientOptions
    let deadline: ContinuousClock.Instant?
    private let handshake: HandshakeReplay?

    /// How to redo the handshake after an HTTP server forgets a session (404).
    struct HandshakeReplay: Sendable {
        var version: String
    }

    init(hello: ServerHello, connection: MCPConnection, options: ClientOptions, deadline: ContinuousClock.Instant?) {
        self.hello = hello
        self.connection = connection
        self.options = options
        self.deadline = deadline
        self.handshake = hello.era == .handshake ? HandshakeReplay(version: hello.protocolVersion) : nil
    }

    /// Connects to `endpoint`, negotiates the protocol era and version, runs `body`, and shuts the
    /// connection down however `body` ends. The whole call is bounded by `options.timeout`.
    /// - Throws: ``MCPError`` for anything the server does wrong; whatever `body` throws.
    public static func with<Result: Sendable>(
        _ endpoint: ServerEndpoint,
        options: ClientOptions = ClientOptions(),
        _ body: @Sendable (MCPSession) async throws -> Result
    ) async throws -> Result {
        let deadline = options.limitsWholeSession ? ContinuousClock.now.advanced(by: options.timeout) : nil
        switch endpoint {
        case .stdio(let launch):
            return try await StdioTransport.withProcess(launch, shutdownGrace: options.shutdownGrace) { transport in
                try await open(transport, options: options, deadline: deadline).running(body)
            }
        case .http(let http):
            return try await HTTPSessionOpener(options: http, client: options, deadline: deadline).with(body)
        }
    }

    /// Negotiates over an already-connected transport.
    static func open(_ transport: any MCPTransport, options: ClientOptions, deadline: ContinuousClock.Instant?, modernAllowed: Bool = true) async throws(MCPError) -> MCPSession {
        let connection = MCPConnection(transport: transport)
        await connection.start()
        let negotiator = EraNegotiator(connection: connection, transport: transport, options: options, deadline: deadline, modernAllowed: modernAllowed)
        let hello = try await negotiator.negotiate()
        return MCPSession(hello: hello, connection: connection, options: options, deadline: deadline)
    }

    /// Runs `body` and then stops reading replies, however `body` ends (the owner closes the
    /// transport afterwards).
    func running<Result: Sendable>(_ body: @Sendable (MCPSession) async throws -> Result) async throws -> Result {
        do {
            let result = try await body(self)
            await connection.stop()
            return result
        } catch {
            await connection.stop()
            throw error
        }
    }

    /// Sends a request in the session's era (modern requests carry the protocol `_meta`) and
    /// returns its result. An HTTP session the server forgot is re-established once. A modern
    /// `tools/call` the server rejects with -32020 (header mismatch: its `x-mcp-header`
    /// annotations changed or were never listed) is retried once after listing the tools again,
    /// which teaches the transport the `Mcp-Param-*` headers.
    public func request(_ method: String, params: JSONValue? = nil) async throws(MCPError) -> JSONValue {
        let wrapped = hello.era == .modern ? ModernRequest.params(params, version: hello.protocolVersion, options: options) : params
        do {
            return try await connection.request(method, params: wrapped, timeout: remainingTime(), reportedLimit: options.timeout)
        } catch where error.kind == .sessionExpired {
            guard let handshake else { throw error }
            let negotiator = EraNegotiator(connection: connection, transport: nil, options: options, deadline: deadline)
            _ = try await negotiator.initialize(version: handshake.version, pinned: true)
            return try await connection.request(method, params: wrapped, timeout: remainingTime(), reportedLimit: options.timeout)
        } catch where Self.isHeaderMismatch(error) && hello.era == .modern && method == "tools/call" {
            _ = try await listAll("tools/list", itemsKey: "tools")
            return try await connection.request(method, params: wrapped, timeout: remainingTime(), reportedLimit: options.timeout)
        }
    }

    private static func isHeaderMismatch(_ error: MCPError) -> Bool {
        if case .rpcError(_, JSONRPCErrorObject.headerMismatch, _, _) = error.kind { return true }
        return false
    }

    /// Warnings about tolerated misbehaviour seen so far (noise on stdout, stray replies), each
    /// one line with whatever the server chose in it escaped (``UntrustedText``).
    public func warnings() async -> [String] { await connection.warnings().map(UntrustedText.singleLine) }

    /// The time left before the session's deadline, at least a millisecond so a wait can fail
    /// with a clear timeout naming its method.
    func remainingTime() -> Duration {
        ClientOptions.remaining(until: deadline, options: options)
    }
}

/// Adds the modern era's required `_meta` to request params.
enum ModernRequest {
    static func params(_ params: JSONValue?, version: String, options: ClientOptions) -> JSONValue {
        var members = params?.objectValue ?? [:]
        var meta = members["_meta"]?.objectValue ?? [:]
        meta[ModernMeta.protocolVersion] = .string(version)
        meta[ModernMeta.clientCapabilities] = .object([:])
        meta[ModernMeta.clientInfo] = ["name": .string(options.clientName), "version": .string(options.clientVersion)]
        members["_meta"] = .object(meta)
        return .object(members)
    }
}
