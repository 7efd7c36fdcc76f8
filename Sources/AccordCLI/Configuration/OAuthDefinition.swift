import AccordMCP
import AccordYAML

/// `oauth:` of an HTTP server in accord.yaml (docs/oauth.md): how Accord gets a token for it.
///
/// ```yaml
/// servers:
///   billing:
///     url: https://mcp.example.com/mcp
///     oauth:
///       grant: client-credentials        # or authorization-code, auto (default)
///       client-id: accord-ci
///       client-secret-env: BILLING_SECRET # default ACCORD_OAUTH_CLIENT_SECRET; never the secret itself
///       scopes: [mcp:read]               # default: the server's challenge, then scopes_supported
///       token-cache: .accord/tokens.json # optional; mode 0600
/// ```
public struct OAuthDefinition: Sendable, Equatable {
    public var grant: OAuthSettings.Grant = .auto
    public var clientID: String?
    public var clientSecretEnvironment: String?
    public var scopes: [String] = []
    /// Resolved against the config file's folder.
    public var tokenCache: String?
    public var browserWaitSeconds: Double?

    static let keys: Set<String> = ["grant", "client-id", "client-secret-env", "scopes", "token-cache", "browser-wait"]

    static func parse(_ node: YAMLNodeReader, base: String) throws(InputFileError) -> OAuthDefinition {
        if node.isScalar {
            guard try node.bool() else { throw node.error("must be true or a mapping of grant, client-id, client-secret-env, scopes, token-cache, browser-wait") }
            return OAuthDefinition()
        }
        let fields = try node.mapping(allowedKeys: keys)
        var definition = OAuthDefinition()
        if let grant = fields["grant"] {
            let text = try grant.string()
            guard let parsed = OAuthSettings.Grant(rawValue: text) else {
                throw grant.error("must be one of \(OAuthSettings.Grant.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"")
            }
            definition.grant = parsed
        }
        definition.clientID = try fields["client-id"]?.string()
        if let variable = fields["client-secret-env"] {
            let name = try variable.string()
            guard name.range(of: #"^[A-Za-z_][A-Za-z0-9_]*$"#, options: .regularExpression) != nil else {
                throw variable.error("must name an environment variable (the secret itself never goes in this file), found \"\(name)\"")
            }
            definition.clientSecretEnvironment = name
        }
        if let scopes = fields["scopes"] {
            definition.scopes = scopes.isScalar ? try scopes.string().split(separator: " ").map(String.init) : try scopes.strings()
        }
        definition.tokenCache = try fields["token-cache"].map { node throws(InputFileError) in AccordConfiguration.resolve(try node.string(), against: base) }
        if let wait = fields["browser-wait"] {
            guard let seconds = Double(try wait.string()), seconds > 0, seconds.isFinite else { throw wait.error("must be a positive number of seconds") }
            definition.browserWaitSeconds = seconds
        }
        return definition
    }
}
