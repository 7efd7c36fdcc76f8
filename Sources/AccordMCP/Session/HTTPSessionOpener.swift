import AccordJSON

/// Opens an HTTP session: Streamable HTTP first, the 2024-11-05 HTTP+SSE transport when the URL
/// refuses POST (400/404/405 without a JSON-RPC body) and the user did not insist on one.
struct HTTPSessionOpener {
    let options: HTTPConnectionOptions
    let client: ClientOptions
    let deadline: ContinuousClock.Instant?

    /// Statuses with which a legacy HTTP+SSE endpoint refuses a POST.
    static let legacyRefusals: Set<Int> = [400, 404, 405]

    func with<Result: Sendable>(_ body: @Sendable (MCPSession) async throws -> Result) async throws -> Result {
        // OAuth before the session: a browser flow must not race the session's request timers.
        try await options.authorizer?.prepare(timeout: client.timeout)
        switch options.transport {
        case .sse:
            return try await withLegacy(body)
        case .streamableHTTP:
            return try await withStreamable(body)
        case .auto:
            do {
                return try await withStreamable(body, refusalIsFallback: true)
            } catch let refusal as LegacyFallback {
                do {
                    return try await withLegacy(body)
                } catch let error as MCPError where Self.isRefusal(error) {
                    // Neither transport works: report what the Streamable HTTP attempt saw.
                    throw refusal.error
                }
            }
        }
    }

    private struct LegacyFallback: Error {
        let error: MCPError
    }

    private static func isRefusal(_ error: MCPError) -> Bool {
        if case .httpStatus(_, let status, _) = error.kind { return legacyRefusals.contains(status) }
        return false
    }

    private func withStreamable<Result: Sendable>(_ body: @Sendable (MCPSession) async throws -> Result, refusalIsFallback: Bool = false) async throws -> Result {
        let transport = StreamableHTTPTransport(options: options, requestTimeout: client.timeout)
        let session: MCPSession
        do {
            session = try await MCPSession.open(transport, options: client, deadline: deadline)
        } catch {
            await transport.close()
            if refusalIsFallback, Self.isRefusal(error) { throw LegacyFallback(error: error) }
            throw error
        }
        return try await run(session, transport: transport, body)
    }

    private func withLegacy<Result: Sendable>(_ body: @Sendable (MCPSession) async throws -> Result) async throws -> Result {
        let transport = LegacySSETransport(options: options, requestTimeout: client.timeout)
        let session: MCPSession
        do {
            try await transport.connect(timeout: ClientOptions.remaining(until: deadline, options: client))
            // HTTP+SSE belongs to the handshake era; the stateless modern era is Streamable HTTP only.
            session = try await MCPSession.open(transport, options: client, deadline: deadline, modernAllowed: false)
        } catch {
            await transport.close()
            throw error
        }
        return try await run(session, transport: transport, body)
    }

    private func run<Result: Sendable>(_ session: MCPSession, transport: any MCPTransport, _ body: @Sendable (MCPSession) async throws -> Result) async throws -> Result {
        do {
            let result = try await session.running(body)
            await transport.close()
            return result
        } catch {
            await transport.close()
            throw error
        }
    }
}
