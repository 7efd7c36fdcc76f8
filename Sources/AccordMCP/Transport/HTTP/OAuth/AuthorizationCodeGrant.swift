import Foundation

/// The authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636 S256, RFC 8252 loopback
/// redirect), for a person at a terminal: Accord listens on 127.0.0.1, shows the authorization
/// URL, waits (bounded) for the browser's redirect, checks `state` and trades the code, with
/// its verifier, for a token.
struct AuthorizationCodeGrant: Sendable {
    let http: OAuthHTTP
    let metadata: AuthorizationServerMetadata
    let resource: String
    let prompt: AuthorizationPrompt
    let wait: Duration
    let serverURL: String

    /// A token and the client that got it (registered here when `client` was `nil`).
    struct Outcome: Sendable {
        var token: OAuthToken
        var client: OAuthClientCredentials
        var registered: Bool
    }

    func run(client given: OAuthClientCredentials?, scope: String?) async throws(MCPError) -> Outcome {
        guard let endpoint = metadata.authorizationEndpoint else {
            throw MCPError(.authorization(.grantUnavailable(grant: "authorization code", reason: "\(metadata.issuer) has no authorization_endpoint")))
        }
        // The MCP authorization spec: refuse to proceed without S256 support.
        guard metadata.codeChallengeMethods.contains(PKCE.method) else {
            throw MCPError(.authorization(.grantUnavailable(grant: "authorization code", reason: "\(metadata.issuer) does not list S256 in code_challenge_methods_supported, and Accord requires PKCE")))
        }
        let listener: LoopbackRedirectListener
        do throws(OAuthError) { listener = try LoopbackRedirectListener() } catch { throw MCPError(.authorization(error)) }

        var client: OAuthClientCredentials
        var registered = false
        if let given {
            client = given
        } else if let registration = metadata.registrationEndpoint {
            client = try await DynamicClientRegistration(http: http).register(at: registration, redirectURI: listener.redirectURI, scope: scope)
            registered = true
        } else {
            throw MCPError(.authorization(.grantUnavailable(grant: "authorization code", reason: "no --oauth-client-id was given and \(metadata.issuer) offers no dynamic client registration (registration_endpoint); register a client and pass its id")))
        }

        let pkce = PKCE.random()
        let state = PKCE.randomState()
        var components = URLComponents(string: endpoint)
        var items = components?.queryItems ?? []
        items += [
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "client_id", value: client.clientID),
            URLQueryItem(name: "redirect_uri", value: listener.redirectURI),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "code_challenge", value: pkce.challenge),
            URLQueryItem(name: "code_challenge_method", value: PKCE.method),
            URLQueryItem(name: "resource", value: resource),
        ]
        if let scope { items.append(URLQueryItem(name: "scope", value: scope)) }
        components?.percentEncodedQuery = items.map { "\(OAuthHTTP.percentEncoded($0.name))=\(OAuthHTTP.percentEncoded($0.value ?? ""))" }.joined(separator: "&")
        guard let url = components?.string else {
            throw MCPError(.authorization(.invalidMetadata(url: metadata.issuer, field: "authorization_endpoint", reason: "is not a valid URL")))
        }
        prompt.present(url, serverURL)

        let query = try await listener.waitForRedirect(timeout: wait)
        if let error = query["error"] {
            throw MCPError(.authorization(.authorizationDenied(error: error, description: query["error_description"])))
        }
        guard query["state"] == state else { throw MCPError(.authorization(.stateMismatch)) }
        guard let code = query["code"], !code.isEmpty else {
            throw MCPError(.authorization(.authorizationDenied(error: "no code", description: "the redirect carried no authorization code")))
        }
        let tokens = TokenEndpointClient(http: http, metadata: metadata, client: client, resource: resource)
        let token = try await tokens.requestToken(fields: [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", listener.redirectURI), ("code_verifier", pkce.verifier),
        ])
        return Outcome(token: token, client: client, registered: registered)
    }
}
