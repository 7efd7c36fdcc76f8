import AccordJSON

/// Decides which era and version a session speaks (PROTOCOL.md, "Era detection").
///
/// Unpinned: ask `server/discover` with the modern `_meta`; a discover result or a recognised
/// modern error (-32022 listing versions) means modern. Anything else — any error code, an HTTP
/// refusal, or silence within the probe timeout — means a handshake-era server, so fall back to
/// `initialize`. The fallback is never keyed to one error code: legacy servers answer -32601,
/// -32602, or nothing.
struct EraNegotiator {
    let connection: MCPConnection
    /// The transport, to tell it the negotiated version (nil when replaying a handshake).
    let transport: (any MCPTransport)?
    let options: ClientOptions
    let deadline: ContinuousClock.Instant?
    /// False on transports that exist only in the handshake era (legacy HTTP+SSE).
    var modernAllowed = true

    func negotiate() async throws(MCPError) -> ServerHello {
        if let pinned = options.pinnedProtocolVersion {
            switch ProtocolVersion.era(of: pinned) {
            case .modern: return try await discover(version: pinned, probing: false)
            case .handshake: return try await initialize(version: pinned, pinned: true)
            }
        }
        guard modernAllowed else { return try await initialize(version: ProtocolVersion.latestHandshake, pinned: false) }
        do {
            return try await discover(version: ProtocolVersion.latestModern, probing: true)
        } catch {
            switch error.kind {
            case .serverExited, .launchFailed, .authenticationFailed, .authorization, .connectionFailed, .cancelled, .invalidMessage:
                throw error
            case .unsupportedProtocolVersion(_, let offered) where offered.contains(where: { ProtocolVersion.era(of: $0) == .modern }):
                throw error
            default:
                break
            }
        }
        do {
            return try await initialize(version: ProtocolVersion.latestHandshake, pinned: false)
        } catch {
            // A dual-era server whose answer to the probe came late has locked the connection to
            // the modern era (mcp 2.x over stdio does) and refuses initialize with -32022 listing
            // the modern versions: speak one of those.
            guard case .rpcError(_, JSONRPCErrorObject.unsupportedProtocolVersion, _, let data) = error.kind,
                  let modern = Self.versions(in: data?["supported"]).filter({ ProtocolVersion.era(of: $0) == .modern && ProtocolVersion.isSupported($0) }).max()
            else { throw error }
            return try await discover(version: modern, probing: false)
        }
    }

    /// Modern era: `server/discover`. When `probing`, the wait is short and failures are left to
    /// the caller to turn into a fallback.
    func discover(version: String, probing: Bool) async throws(MCPError) -> ServerHello {
        let params = ModernRequest.params(nil, version: version, options: options)
        await transport?.useProtocolVersion(version)
        let wait = probing ? min(options.discoveryProbeTimeout, remaining()) : remaining()
        let result: JSONValue
        do {
            result = try await connection.request("server/discover", params: params, timeout: wait, reportedLimit: probing ? wait : options.timeout)
        } catch {
            guard case .rpcError(_, JSONRPCErrorObject.unsupportedProtocolVersion, _, let data) = error.kind else { throw error }
            let offered = Self.versions(in: data?["supported"])
            if let retry = offered.filter({ ProtocolVersion.era(of: $0) == .modern && ProtocolVersion.isSupported($0) }).max(), retry != version, options.pinnedProtocolVersion == nil {
                return try await discover(version: retry, probing: false)
            }
            throw MCPError(.unsupportedProtocolVersion(requested: version, offered: offered))
        }
        let supported = Self.versions(in: result["supportedVersions"])
        guard supported.isEmpty || supported.contains(version) else {
            if let other = supported.filter({ ProtocolVersion.era(of: $0) == .modern && ProtocolVersion.isSupported($0) }).max(), options.pinnedProtocolVersion == nil {
                return try await discover(version: other, probing: false)
            }
            throw MCPError(.unsupportedProtocolVersion(requested: version, offered: supported))
        }
        return ServerHello(
            protocolVersion: version,
            era: .modern,
            capabilities: result["capabilities"] ?? .object([:]),
            serverInfo: result["_meta"]?[ModernMeta.serverInfo] ?? result["serverInfo"] ?? .null,
            instructions: result["instructions"]?.stringValue
        )
    }

    /// Handshake era: `initialize`, version check, `notifications/initialized`.
    func initialize(version: String, pinned: Bool) async throws(MCPError) -> ServerHello {
        let params: JSONValue = [
            "protocolVersion": .string(version),
            "capabilities": .object([:]),
            "clientInfo": ["name": .string(options.clientName), "version": .string(options.clientVersion)],
        ]
        let result = try await connection.request("initialize", params: params, timeout: remaining(), reportedLimit: options.timeout)
        guard let agreed = result["protocolVersion"]?.stringValue else {
            throw MCPError(.protocolViolation("the initialize result has no protocolVersion"))
        }
        let acceptable = pinned ? agreed == version : (ProtocolVersion.isSupported(agreed) && ProtocolVersion.era(of: agreed) == .handshake)
        guard acceptable else {
            throw MCPError(.unsupportedProtocolVersion(requested: version, offered: [agreed]))
        }
        await transport?.useProtocolVersion(agreed)
        try await connection.notify("notifications/initialized")
        return ServerHello(
            protocolVersion: agreed,
            era: .handshake,
            capabilities: result["capabilities"] ?? .object([:]),
            serverInfo: result["serverInfo"] ?? .null,
            instructions: result["instructions"]?.stringValue
        )
    }

    private func remaining() -> Duration {
        ClientOptions.remaining(until: deadline, options: options)
    }

    private static func versions(in value: JSONValue?) -> [String] {
        value?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
