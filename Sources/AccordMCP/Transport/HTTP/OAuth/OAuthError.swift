/// Why OAuth authorization for an MCP server failed, with what the user can do about it.
///
/// Surfaces as ``MCPError/Kind/authorization(_:)`` (exit code 3, "cannot authenticate"). No
/// case carries a secret: client secrets, codes, verifiers and tokens are never part of an error.
///
/// ```swift
/// OAuthError.tokenRequestRefused(endpoint: "https://as.example/token", status: 401, error: "invalid_client", description: nil).summary
/// // "the authorization server refused the token request at https://as.example/token (HTTP 401, invalid_client): …"
/// ```
public enum OAuthError: Error, Sendable, Equatable {
    /// No metadata document at any of the URLs tried.
    case metadataNotFound(kind: String, tried: [String], lastProblem: String)
    /// A metadata document that breaks its RFC: `field` names the member.
    case invalidMetadata(url: String, field: String, reason: String)
    /// An endpoint that is neither https nor http on a loopback address.
    case insecureEndpoint(url: String, field: String)
    /// The token endpoint answered with an error (RFC 6749 §5.2).
    case tokenRequestRefused(endpoint: String, status: Int, error: String?, description: String?)
    /// The token endpoint answered 2xx with something that is not a token response.
    case invalidTokenResponse(endpoint: String, reason: String)
    /// The authorization server cannot serve the grant Accord was asked for.
    case grantUnavailable(grant: String, reason: String)
    /// Dynamic client registration (RFC 7591) was refused.
    case registrationRefused(endpoint: String, status: Int, detail: String)
    /// The authorization endpoint redirected back with an error, or without a code.
    case authorizationDenied(error: String, description: String?)
    /// The redirect carried a `state` other than the one sent: a forged or crossed redirect.
    case stateMismatch
    /// Nobody completed the authorization in the browser in time.
    case authorizationTimedOut(seconds: Int)
    /// The loopback redirect listener could not start.
    case listenerFailed(reason: String)
    /// The token cache file is readable by group or others.
    case tokenCacheExposed(path: String, mode: String)
    /// The token cache file cannot be read, parsed or written.
    case tokenCacheUnusable(path: String, reason: String)
    /// The server refused a token Accord had just obtained.
    case tokenRejected(url: String, status: Int)

    /// A problem with the local token cache file (an input error), not with the server.
    public var concernsTokenCache: Bool {
        switch self {
        case .tokenCacheExposed, .tokenCacheUnusable: true
        default: false
        }
    }

    /// One line saying what went wrong and what to fix.
    public var summary: String {
        switch self {
        case .metadataNotFound(let kind, let tried, let problem):
            "found no \(kind) (tried \(tried.joined(separator: ", ")); last: \(problem)); check that the server and its authorization server publish it, or that --url is the MCP endpoint"
        case .invalidMetadata(let url, let field, let reason):
            "the metadata at \(url) is not usable: \(field) \(reason); fix the server's metadata (RFC 9728 / RFC 8414)"
        case .insecureEndpoint(let url, let field):
            "\(field) \(url) is not https (plain http is allowed only on 127.0.0.1 and localhost): Accord sends no credentials there"
        case .tokenRequestRefused(let endpoint, let status, let error, let description):
            "the authorization server refused the token request at \(endpoint) (HTTP \(status)\(error.map { ", \($0)" } ?? "")\(description.map { ": \($0)" } ?? ""))"
                + Self.advice(forTokenError: error)
        case .invalidTokenResponse(let endpoint, let reason):
            "the token endpoint \(endpoint) answered without a usable token: \(reason)"
        case .grantUnavailable(let grant, let reason):
            "the \(grant) grant is not available: \(reason)"
        case .registrationRefused(let endpoint, let status, let detail):
            "dynamic client registration at \(endpoint) was refused (HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)")); register a client with the authorization server and pass --oauth-client-id"
        case .authorizationDenied(let error, let description):
            "the authorization was not granted (\(error)\(description.map { ": \($0)" } ?? "")); approve the request in the browser, or check the client's redirect URIs and scopes"
        case .stateMismatch:
            "the authorization redirect carried the wrong state parameter (a stale or forged redirect); start the run again"
        case .authorizationTimedOut(let seconds):
            "nobody completed the authorization in the browser within \(seconds) s; open the printed URL and approve it (raise --oauth-wait if you need longer)"
        case .listenerFailed(let reason):
            "could not listen for the authorization redirect on 127.0.0.1: \(reason)"
        case .tokenCacheExposed(let path, let mode):
            "the token cache \(path) has mode \(mode): it is readable by other users, so Accord will not use it; run `chmod 600 \(path)` (and consider its tokens leaked)"
        case .tokenCacheUnusable(let path, let reason):
            "the token cache \(path) is unusable: \(reason); delete it (Accord writes a new one)"
        case .tokenRejected(let url, let status):
            "\(url) answered HTTP \(status) to the token Accord just obtained from its authorization server; check the scopes and that the token is issued for this server (resource indicator)"
        }
    }

    private static func advice(forTokenError error: String?) -> String {
        switch error {
        case "invalid_client": "; check --oauth-client-id and the secret in the client secret variable"
        case "invalid_scope": "; ask for scopes the client may have (--oauth-scope)"
        case "unauthorized_client", "unsupported_grant_type": "; the client is not allowed this grant (--oauth-grant)"
        case "invalid_grant": "; the code or refresh token is no longer valid: run again (delete the token cache if one is used)"
        default: ""
        }
    }
}

extension MCPError {
    /// The token cache file is unsafe or unusable: the CLI exits 2 (input error), not 3.
    public var isTokenCacheProblem: Bool {
        if case .authorization(let error) = kind { return error.concernsTokenCache }
        return false
    }
}
