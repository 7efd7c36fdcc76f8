import AccordJSON

/// Everything that can go wrong talking to an MCP server, with what a user needs to fix it.
///
/// Every case maps to exit code 3 ("server error") in the CLI. `serverLog` carries the last lines
/// the server wrote to stderr (stdio) so a crash or a refused start explains itself.
public struct MCPError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server process could not be started (missing executable, bad cwd).
        case launchFailed(command: String, reason: String)
        /// The server process ended (or closed its stdout) while Accord still expected replies.
        case serverExited(detail: String)
        /// No answer within the allowed time.
        case timeout(operation: String, seconds: Double)
        /// A message that is not JSON-RPC 2.0 (bad JSON, wrong shape); `excerpt` shows its start.
        case invalidMessage(reason: String, excerpt: String)
        /// The server broke a rule of MCP (e.g. a repeated pagination cursor, a missing result).
        case protocolViolation(String)
        /// The server answered a request with a JSON-RPC error object.
        case rpcError(method: String, code: Int, message: String, data: JSONValue?)
        /// An HTTP status Accord cannot continue after; `body` is the start of the response body.
        case httpStatus(url: String, status: Int, body: String)
        /// 401 (no or bad credentials) or 403 (credentials without the needed scope or right);
        /// `challenge` is the `WWW-Authenticate` header. The two get different advice.
        case authenticationFailed(url: String, status: Int, challenge: String?)
        /// OAuth authorization (discovery, a grant, the token cache) failed: docs/oauth.md.
        case authorization(OAuthError)
        /// TCP/TLS connection to an HTTP server failed.
        case connectionFailed(url: String, reason: String)
        /// HTTP 404 on a request carrying `Mcp-Session-Id`: the server forgot the session.
        case sessionExpired
        /// An HTTP response body or SSE stream ended before the reply to a request arrived.
        case streamEnded(url: String, detail: String)
        /// The server offered only protocol versions Accord does not speak.
        case unsupportedProtocolVersion(requested: String, offered: [String])
        /// A list grew past the configured cap.
        case tooManyItems(list: String, cap: Int)
        /// Accord's own request was cancelled (Ctrl-C).
        case cancelled
    }

    public var kind: Kind
    /// The last lines the server wrote to stderr, oldest first (empty for HTTP servers).
    public var serverLog: [String]

    public init(_ kind: Kind, serverLog: [String] = []) {
        self.kind = kind
        self.serverLog = serverLog
    }

    /// A copy carrying `lines` as the server log, unless one is already attached.
    public func withServerLog(_ lines: [String]) -> MCPError {
        guard serverLog.isEmpty, !lines.isEmpty else { return self }
        return MCPError(kind, serverLog: lines)
    }

    /// One line saying what went wrong. Everything in it that the server chose (bodies, error
    /// messages, names, headers) is escaped with ``UntrustedText/singleLine(_:)``: a hostile
    /// server cannot put terminal escapes or forged lines into a terminal or CI log.
    public var summary: String {
        UntrustedText.singleLine(rawSummary)
    }

    private var rawSummary: String {
        switch kind {
        case .launchFailed(let command, let reason):
            "could not start the server `\(command)`: \(reason)"
        case .serverExited(let detail):
            "the server exited before answering (\(detail))"
        case .timeout(let operation, let seconds):
            "the server did not answer \(operation) within \(Self.format(seconds)) s (raise --timeout if the server is just slow)"
        case .invalidMessage(let reason, let excerpt):
            "the server sent a message that is not valid JSON-RPC: \(reason); it began: \(excerpt)"
        case .protocolViolation(let detail):
            "the server broke the MCP protocol: \(detail)"
        case .rpcError(let method, let code, let message, let data):
            "the server answered \(method) with error \(code): \(message)" + (data.map { " (data: \(Self.clip($0.description, 300)))" } ?? "")
        case .httpStatus(let url, let status, let body):
            "\(url) answered HTTP \(status)" + (body.isEmpty ? "" : ": \(Self.clip(body, 300))")
        case .authenticationFailed(let url, let status, let challenge):
            Self.authenticationSummary(url: url, status: status, challenge: challenge)
        case .authorization(let error):
            "OAuth: " + error.summary
        case .connectionFailed(let url, let reason):
            "could not connect to \(url): \(reason)"
        case .sessionExpired:
            "the server no longer knows this session (HTTP 404)"
        case .streamEnded(let url, let detail):
            "the reply stream from \(url) ended early: \(detail)"
        case .unsupportedProtocolVersion(let requested, let offered):
            "the server does not speak protocol \(requested); it offered \(offered.isEmpty ? "nothing Accord knows" : offered.joined(separator: ", "))"
        case .tooManyItems(let list, let cap):
            "\(list) returned more than \(cap) items; raise --max-items if this is expected"
        case .cancelled:
            "cancelled"
        }
    }

    public var description: String {
        guard !serverLog.isEmpty else { return summary }
        return summary + "\nlast lines the server wrote to stderr:\n" + serverLog.map { "  | " + UntrustedText.singleLine($0) }.joined(separator: "\n")
    }

    /// 401: the server wants (other) credentials. 403: it knows who is asking and refuses; with
    /// `error="insufficient_scope"` the challenge names the scope the token lacks.
    private static func authenticationSummary(url: String, status: Int, challenge header: String?) -> String {
        let challenge = header.flatMap(AuthenticationChallenge.init(parsing:))
        var details: [String] = []
        if let error = challenge?.error {
            details.append("error \(error)" + (challenge?.errorDescription.map { ": \(clip($0, 200))" } ?? ""))
        }
        if let metadata = challenge?.resourceMetadata { details.append("resource metadata at \(clip(metadata, 300))") }
        let facts = details.isEmpty ? "" : " (" + details.joined(separator: "; ") + ")"
        let quoted = header.map { " [WWW-Authenticate: \(clip($0, 300))]" } ?? ""
        guard status == 403 else {
            return "\(url) answered HTTP \(status): authentication required\(facts)\(quoted)"
                + "; pass a token with --bearer-token-env VAR or a header with --header 'Authorization: ...'"
        }
        if let scope = challenge?.scope {
            return "\(url) answered HTTP 403: insufficient scope: the credentials were accepted but lack the scope \"\(clip(scope, 200))\"\(facts)\(quoted)"
                + "; use a token granted that scope"
        }
        return "\(url) answered HTTP 403: forbidden: the server refused these credentials or this client\(facts)\(quoted)"
            + "; check the token's scopes and rights (a local server also answers 403 to a foreign Origin header)"
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    static func format(_ seconds: Double) -> String {
        if seconds == seconds.rounded() { return String(Int(seconds)) }
        return String((seconds * 10).rounded() / 10)
    }
}
