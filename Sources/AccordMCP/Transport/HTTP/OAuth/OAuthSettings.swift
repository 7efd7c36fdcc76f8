/// How Accord authorizes itself to one MCP server with OAuth (docs/oauth.md): built by the CLI
/// from `--oauth-*` flags and the server's `oauth:` block in accord.yaml.
///
/// ```swift
/// let settings = OAuthSettings(grant: .clientCredentials,
///                              client: OAuthClientCredentials(clientID: "accord-ci", secret: secret),
///                              scopes: ["mcp:read"])
/// ```
public struct OAuthSettings: Sendable, Equatable {
    /// Which OAuth grant obtains the token.
    public enum Grant: String, Sendable, Equatable, CaseIterable {
        /// Client credentials when a client secret is at hand, else authorization code.
        case auto
        /// RFC 6749 §4.4, for CI: a confidential client, no person involved.
        case clientCredentials = "client-credentials"
        /// RFC 6749 §4.1 with PKCE, for a person at a terminal: a browser and a loopback redirect.
        case authorizationCode = "authorization-code"
    }

    public var grant: Grant
    /// The registered client; `nil` lets the authorization-code flow register one (RFC 7591).
    public var client: OAuthClientCredentials?
    /// Scopes to ask for; empty: the challenge's `scope`, else the server's `scopes_supported`.
    public var scopes: [String]
    /// Where tokens are kept between runs (mode 0600); `nil`: in memory for this run only.
    public var tokenCachePath: String?
    /// How long the authorization-code flow waits for the browser's redirect.
    public var browserWait: Duration

    public init(grant: Grant = .auto, client: OAuthClientCredentials? = nil, scopes: [String] = [], tokenCachePath: String? = nil, browserWait: Duration = .seconds(300)) {
        self.grant = grant
        self.client = client
        self.scopes = scopes
        self.tokenCachePath = tokenCachePath
        self.browserWait = browserWait
    }

    /// The grant `.auto` stands for with these credentials.
    public var effectiveGrant: Grant {
        guard grant == .auto else { return grant }
        return client?.secret != nil ? .clientCredentials : .authorizationCode
    }
}
