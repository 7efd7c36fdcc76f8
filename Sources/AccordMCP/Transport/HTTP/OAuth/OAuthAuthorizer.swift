import AsyncHTTPClient
import Foundation

/// The OAuth side of one MCP server's HTTP transport for a run: it answers "which
/// `Authorization` header goes on this request" and "the server said 401: get a new token".
///
/// Discovery runs on the first 401 (or the pre-flight in ``prepare(timeout:)``); the token then
/// comes from memory, the token cache (`--token-cache`), a refresh token, or a new grant, in that
/// order. Before a request whose token is about to expire it is refreshed or re-granted. A 401 is
/// recovered from at most once per request (the transport retries once) and at most
/// ``maximumRecoveries`` times per run: a server that rejects every token ends the run instead
/// of looping.
///
/// ```swift
/// let authorizer = OAuthAuthorizer(serverURL: "http://127.0.0.1:8000/mcp",
///                                  settings: OAuthSettings(grant: .clientCredentials, client: credentials))
/// let options = HTTPConnectionOptions(url: "http://127.0.0.1:8000/mcp", authorizer: authorizer)
/// ```
///
/// Tokens, secrets, codes and verifiers stay in this actor (and the cache file when asked for):
/// no error, warning or description carries them.
public actor OAuthAuthorizer {
    public nonisolated let serverURL: String
    public nonisolated let settings: OAuthSettings
    private let prompt: AuthorizationPrompt

    private var discovery: OAuthDiscovery.Result?
    private var token: OAuthToken?
    /// The client the current token belongs to (the given one, or one registered for this run).
    private var client: OAuthClientCredentials?
    private var clientRegistered = false
    /// Access tokens the server refused: a cached one is not offered again.
    private var rejected: Set<String> = []
    private var recoveries = 0

    public static let maximumRecoveries = 5

    public init(serverURL: String, settings: OAuthSettings, prompt: AuthorizationPrompt = .terminal()) {
        self.serverURL = serverURL
        self.settings = settings
        self.prompt = prompt
        self.client = settings.client
    }

    /// The header for the next request: the current token, renewed first when it is about to
    /// expire; `nil` before anything asked for authorization.
    public func authorizationHeader(timeout: Duration) async throws(MCPError) -> HTTPHeaderField? {
        guard let current = token else { return nil }
        if current.isUsable(at: Date()) { return current.authorizationHeader }
        guard discovery != nil else { return current.authorizationHeader }
        try await withHTTP(timeout: timeout) { http throws(MCPError) in try await self.renew(http: http, challengeScope: nil) }
        return token?.authorizationHeader
    }

    /// Before the session: when no token is held, an unauthenticated `GET` of the MCP URL asks the
    /// server whether (and how) it wants authorization, so discovery and a grant happen before the
    /// session's request timers start (a person may need minutes in the browser). Any answer but
    /// 401 leaves things as they are.
    public func prepare(timeout: Duration) async throws(MCPError) {
        guard token == nil else { return }
        try await withHTTP(timeout: timeout) { http throws(MCPError) in
            var request = HTTPClientRequest(url: self.serverURL)
            request.method = .GET
            request.headers.add(name: "Accept", value: "text/event-stream")
            let probe = request
            let response: HTTPClientResponse
            do throws(MCPError) {
                response = try await HTTPExchange.withDeadline(timeout, url: self.serverURL, onTimeout: { MCPError(.timeout(operation: "the authorization pre-flight", seconds: HTTPFailureMapping.seconds(timeout))) }) {
                    try await http.exchange.execute(probe, url: self.serverURL, operation: "the authorization pre-flight", timeout: timeout)
                }
            } catch {
                if case .cancelled = error.kind { throw error }
                return  // the session itself will report an unreachable server
            }
            let status = response.status.code
            let challenge = response.headers.first(name: "WWW-Authenticate").flatMap(AuthenticationChallenge.init(parsing:))
            // Only the head matters. Reading a byte and leaving ends the exchange, and a stream that
            // sends nothing (an SSE endpoint that keeps the GET open) is cut off after a second.
            let exchange = http.exchange
            _ = try? await HTTPExchange.withDeadline(.seconds(1), url: self.serverURL, onTimeout: { MCPError(.cancelled) }) {
                await exchange.bodyPrefix(response, limit: 1)
            }
            guard status == 401 else { return }
            try await self.acquire(http: http, challenge: challenge)
        }
    }

    /// After a 401 to a request sent with `rejectedHeader` (or none): gets another token. Returns
    /// whether the request is worth sending again.
    public func recover(challenge header: String?, rejectedHeader: String?, timeout: Duration) async throws(MCPError) -> Bool {
        if let current = token, current.authorizationHeader.value != rejectedHeader {
            return true  // another request already renewed it
        }
        guard recoveries < Self.maximumRecoveries else { return false }
        recoveries += 1
        if let current = token {
            rejected.insert(current.accessToken)
            token = nil
        }
        let challenge = header.flatMap(AuthenticationChallenge.init(parsing:))
        try await withHTTP(timeout: timeout) { http throws(MCPError) in try await self.acquire(http: http, challenge: challenge) }
        return token != nil
    }

    // MARK: - Getting a token

    private func acquire(http: OAuthHTTP, challenge: AuthenticationChallenge?) async throws(MCPError) {
        let found = try await OAuthDiscovery(http: http).discover(serverURL: serverURL, challenge: challenge)
        discovery = found
        if let cached = try cachedEntry(found), !rejected.contains(cached.token.accessToken) {
            client = client ?? OAuthClientCredentials(clientID: cached.key.clientID)
            clientRegistered = cached.registeredClient
            token = cached.token
            if cached.token.isUsable(at: Date()) { return }
        }
        try await renew(http: http, challengeScope: challenge?.scope)
    }

    /// A refresh when a refresh token is held, else (or when the refresh is refused) a new grant.
    private func renew(http: OAuthHTTP, challengeScope: String?) async throws(MCPError) {
        guard let found = discovery else { return }
        if let refresh = token?.refreshToken, let client {
            let tokens = TokenEndpointClient(http: http, metadata: found.authorizationServer, client: client, resource: found.resourceIndicator)
            do {
                try store(try await RefreshTokenGrant(tokens: tokens).run(refreshToken: refresh))
                return
            } catch {
                guard case .authorization(.tokenRequestRefused) = error.kind else { throw error }
                // An expired or revoked refresh token: fall through to a new grant.
            }
        }
        try await grant(http: http, discovery: found, scope: scope(challenge: challengeScope, discovery: found))
    }

    private func grant(http: OAuthHTTP, discovery found: OAuthDiscovery.Result, scope: String?) async throws(MCPError) {
        let metadata = found.authorizationServer
        switch settings.effectiveGrant {
        case .clientCredentials, .auto:
            guard let client = settings.client else {
                throw MCPError(.authorization(.grantUnavailable(grant: "client credentials", reason: "no client id: pass --oauth-client-id")))
            }
            let tokens = TokenEndpointClient(http: http, metadata: metadata, client: client, resource: found.resourceIndicator)
            self.client = client
            try store(try await ClientCredentialsGrant(tokens: tokens).run(scope: scope))
        case .authorizationCode:
            let flow = AuthorizationCodeGrant(http: http, metadata: metadata, resource: found.resourceIndicator, prompt: prompt, wait: settings.browserWait, serverURL: serverURL)
            let outcome = try await flow.run(client: settings.client, scope: scope)
            client = outcome.client
            clientRegistered = outcome.registered
            try store(outcome.token)
        }
    }

    /// `--oauth-scope`, else the challenge's `scope`, else the resource's `scopes_supported`.
    private func scope(challenge: String?, discovery found: OAuthDiscovery.Result) -> String? {
        if !settings.scopes.isEmpty { return settings.scopes.joined(separator: " ") }
        if let challenge, !challenge.isEmpty { return challenge }
        return found.resource.scopesSupported.isEmpty ? nil : found.resource.scopesSupported.joined(separator: " ")
    }

    // MARK: - The cache

    private func cachedEntry(_ found: OAuthDiscovery.Result) throws(MCPError) -> OAuthTokenCache.Entry? {
        guard let path = settings.tokenCachePath else { return nil }
        let key = OAuthTokenCache.Key(issuer: found.authorizationServer.issuer, resource: found.resourceIndicator, clientID: settings.client?.clientID ?? "")
        do throws(OAuthError) {
            return try OAuthTokenCache(path: path).entry(for: key, registeredOnly: settings.client == nil)
        } catch {
            throw MCPError(.authorization(error))
        }
    }

    private func store(_ fresh: OAuthToken) throws(MCPError) {
        token = fresh
        guard let path = settings.tokenCachePath, let found = discovery, let client else { return }
        let key = OAuthTokenCache.Key(issuer: found.authorizationServer.issuer, resource: found.resourceIndicator, clientID: client.clientID)
        do throws(OAuthError) {
            try OAuthTokenCache(path: path).store(OAuthTokenCache.Entry(key: key, token: fresh, registeredClient: clientRegistered))
        } catch {
            throw MCPError(.authorization(error))
        }
    }

    /// Runs `body` with an HTTP client made for it and shut down after it.
    private func withHTTP(timeout: Duration, _ body: (OAuthHTTP) async throws(MCPError) -> Void) async throws(MCPError) {
        let exchange = HTTPExchange(client: HTTPExchange.makeClient())
        do {
            try await body(OAuthHTTP(exchange: exchange, timeout: timeout))
        } catch {
            try? await exchange.client.shutdown()
            throw error
        }
        try? await exchange.client.shutdown()
    }
}

extension OAuthAuthorizer: Equatable {
    /// One authorizer per server per run: identity is equality.
    public static func == (lhs: OAuthAuthorizer, rhs: OAuthAuthorizer) -> Bool { lhs === rhs }
}
