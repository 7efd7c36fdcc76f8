/// The client credentials grant (RFC 6749 §4.4): a confidential client trades its id and secret
/// for a token. For CI, where no person is at hand.
struct ClientCredentialsGrant: Sendable {
    let tokens: TokenEndpointClient

    func run(scope: String?) async throws(MCPError) -> OAuthToken {
        guard tokens.client.secret != nil else {
            throw MCPError(.authorization(.grantUnavailable(grant: "client credentials", reason: "no client secret: set the variable named by --oauth-client-secret-env (default ACCORD_OAUTH_CLIENT_SECRET)")))
        }
        if !tokens.metadata.grantTypes.isEmpty, !tokens.metadata.grantTypes.contains("client_credentials") {
            throw MCPError(.authorization(.grantUnavailable(grant: "client credentials", reason: "\(tokens.metadata.issuer) does not list client_credentials in grant_types_supported; use --oauth-grant authorization-code")))
        }
        var fields = [("grant_type", "client_credentials")]
        if let scope { fields.append(("scope", scope)) }
        return try await tokens.requestToken(fields: fields)
    }
}

/// The refresh token grant (RFC 6749 §6): a new access token without asking anyone again.
struct RefreshTokenGrant: Sendable {
    let tokens: TokenEndpointClient

    func run(refreshToken: String) async throws(MCPError) -> OAuthToken {
        var token = try await tokens.requestToken(fields: [("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
        // A server that does not rotate refresh tokens leaves the old one valid (RFC 6749 §6).
        if token.refreshToken == nil { token.refreshToken = refreshToken }
        return token
    }
}
