import AccordMCP
import ArgumentParser
import Foundation

/// `--oauth*` and `--token-cache`: OAuth 2.1 for an HTTP server (docs/oauth.md). They override
/// the server's `oauth:` block in accord.yaml field by field.
struct OAuthOptions: ParsableArguments {
    @Flag(name: .long, help: "Authorize with OAuth when the server answers 401 (implied by the other --oauth options).")
    var oauth = false

    @Option(name: .long, help: ArgumentHelp("OAuth grant: auto (client credentials when a secret is set, else authorization code), client-credentials, or authorization-code.", valueName: "grant"))
    var oauthGrant: OAuthSettings.Grant?

    @Option(name: .long, help: ArgumentHelp("The OAuth client id (without one, authorization code registers a client when the server allows it).", valueName: "id"))
    var oauthClientID: String?

    @Option(name: .long, help: ArgumentHelp("The environment variable holding the client secret (default ACCORD_OAUTH_CLIENT_SECRET). The secret is never read from a flag or a file.", valueName: "var"))
    var oauthClientSecretEnv: String?

    @Option(name: .long, help: ArgumentHelp("A scope to ask for (repeatable, or space-separated); default: the server's challenge, then its scopes_supported.", valueName: "scope"))
    var oauthScope: [String] = []

    @Option(name: .long, help: ArgumentHelp("Keep OAuth tokens between runs in this file (mode 0600; refused when others can read it).", valueName: "file"))
    var tokenCache: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the browser in the authorization-code flow (default 300).", valueName: "seconds"))
    var oauthWait: Double?

    static let defaultSecretVariable = "ACCORD_OAUTH_CLIENT_SECRET"

    var anyGiven: Bool {
        oauth || oauthGrant != nil || oauthClientID != nil || oauthClientSecretEnv != nil || !oauthScope.isEmpty || tokenCache != nil || oauthWait != nil
    }

    /// The settings for a server, flags over its `oauth:` block; `nil` when neither asks for OAuth.
    func settings(configured: OAuthDefinition?, environment: [String: String]) throws -> OAuthSettings? {
        guard anyGiven || configured != nil else { return nil }
        let file = configured ?? OAuthDefinition()
        let variable = oauthClientSecretEnv ?? file.clientSecretEnvironment ?? Self.defaultSecretVariable
        let secret = environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        let grant = oauthGrant ?? file.grant
        let clientID = oauthClientID ?? file.clientID
        if grant == .clientCredentials {
            guard clientID != nil else { throw UsageError("the client-credentials grant needs --oauth-client-id (or client-id: in the server's oauth: block)") }
            guard secret != nil else { throw UsageError("the client-credentials grant needs the client secret in the environment variable \(variable), which is not set or empty") }
        }
        if let oauthWait, !(oauthWait > 0 && oauthWait.isFinite) { throw UsageError("--oauth-wait must be a positive number of seconds") }
        let scopes = oauthScope.isEmpty ? file.scopes : oauthScope.flatMap { $0.split(separator: " ").map(String.init) }
        let wait = oauthWait ?? file.browserWaitSeconds ?? 300
        return OAuthSettings(
            grant: grant,
            client: clientID.map { OAuthClientCredentials(clientID: $0, secret: secret) },
            scopes: scopes,
            tokenCachePath: tokenCache ?? file.tokenCache,
            browserWait: .milliseconds(Int64(wait * 1000))
        )
    }
}

extension OAuthSettings.Grant: CaseArgument {}
