import AccordJSON

/// A bidirectional channel of JSON-RPC messages to one MCP server.
///
/// Transports know framing and connection state (process pipes, HTTP sessions, SSE streams) but
/// not JSON-RPC semantics: `MCPConnection` matches replies to requests. Every message the server
/// sends — replies, notifications, server-to-client requests — comes out of ``inbound`` in arrival
/// order, whatever carried it (a stdout line, a POST's JSON body, an SSE event).
public protocol MCPTransport: AnyObject, Sendable {
    /// Messages from the server. The stream finishes when the server is gone, throwing an
    /// ``MCPError`` that says why (process exited, SSE stream closed) unless `close()` ended it.
    var inbound: AsyncThrowingStream<JSONValue, any Error> { get }

    /// Sends one message (request, notification or response).
    ///
    /// HTTP transports return once the server has accepted the message and any reply carried in
    /// the response body has been yielded to ``inbound``; they throw for HTTP failures (401,
    /// 500, 404 on an expired session, a reply stream cut before the reply to this request).
    func send(_ message: JSONValue) async throws(MCPError)

    /// Tells the transport which protocol version the handshake settled on, so HTTP transports
    /// can send `MCP-Protocol-Version` on every later request.
    func useProtocolVersion(_ version: String) async

    /// The last lines the server logged (stdio stderr), oldest first, for error messages.
    func recentServerLog() async -> [String]

    /// Warnings about tolerated misbehaviour (e.g. non-JSON lines skipped on stdout).
    func warnings() async -> [String]

    /// Ends the connection: stdio closes stdin and reaps the process; HTTP sends `DELETE` for a
    /// session and shuts the client down. Safe to call more than once.
    func close() async
}

/// Where Accord meets a server, as the user described it. Secrets (header values, env values)
/// live here only in memory; nothing derived from this type is ever written to a snapshot.
public enum ServerEndpoint: Sendable, Equatable {
    case stdio(StdioLaunch)
    case http(HTTPConnectionOptions)
}

/// How to start a stdio server.
public struct StdioLaunch: Sendable, Equatable {
    public var command: String
    public var arguments: [String]
    /// Extra environment variables, added to Accord's own environment.
    public var environment: [String: String]
    public var workingDirectory: String?

    public init(command: String, arguments: [String] = [], environment: [String: String] = [:], workingDirectory: String? = nil) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The command line as a user would type it, for messages; environment values are never shown.
    public var displayCommand: String { ([command] + arguments).joined(separator: " ") }
}

/// Which HTTP transport to use: Streamable HTTP, the 2024-11-05 HTTP+SSE one, or detection.
public enum HTTPTransportKind: String, Sendable, Equatable, CaseIterable {
    /// Streamable HTTP, falling back to legacy HTTP+SSE when the URL refuses POST (400/404/405).
    case auto
    case streamableHTTP = "streamable-http"
    case sse
}

/// How to reach an HTTP server.
public struct HTTPConnectionOptions: Sendable, Equatable {
    public var url: String
    /// Header name/value pairs sent on every request (already resolved: no env references left).
    public var headers: [HTTPHeaderField]
    public var transport: HTTPTransportKind
    /// OAuth for this server (docs/oauth.md): its token goes in `Authorization` on every
    /// request, and a 401 gets a new one. `nil`: only the custom headers authenticate.
    public var authorizer: OAuthAuthorizer?

    public init(url: String, headers: [HTTPHeaderField] = [], transport: HTTPTransportKind = .auto, authorizer: OAuthAuthorizer? = nil) {
        self.url = url
        self.headers = headers
        self.transport = transport
        self.authorizer = authorizer
    }

    /// The headers for the next request: the custom ones, with the OAuth token (renewed when it
    /// is about to expire) in place of any custom `Authorization`.
    func requestHeaders(timeout: Duration) async throws(MCPError) -> [HTTPHeaderField] {
        guard let authorizer, let field = try await authorizer.authorizationHeader(timeout: timeout) else { return headers }
        return headers.filter { $0.name.lowercased() != "authorization" } + [field]
    }
}

/// One custom HTTP header. Its value is a secret as far as Accord is concerned: it is never
/// printed, logged or stored.
public struct HTTPHeaderField: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public var description: String { "\(name): <redacted>" }
}

extension MCPTransport {
    /// Transports that tolerate nothing have nothing to warn about.
    public func warnings() async -> [String] { [] }
}
