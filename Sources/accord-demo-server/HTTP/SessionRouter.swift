import Logging
import MCP

/// Gives every MCP session on the HTTP endpoint a transport, a `Server` and a ledger of its own.
///
/// Why one of each per session: the SDK's `StatefulHTTPServerTransport` serves exactly one
/// session (a second `initialize` gets 400), and its `StatelessHTTPServerTransport` has no
/// sessions at all: one `Server` and one ledger for every client, replies as plain JSON. Accord
/// opens a session per command, and over stdio each session is a fresh process with a fresh
/// ledger; a transport, server and ledger per HTTP session keeps results identical over both
/// transports (a `create_invoice` in one session never shifts the numbers another one sees).
///
/// Routing, as Streamable HTTP asks:
/// - a POST without `Mcp-Session-Id` carrying `initialize` opens a session; the transport
///   answers it and names the session in the reply's `Mcp-Session-Id`;
/// - any other request without the header gets 400 (this is also what a 2026-07-28
///   `server/discover` probe gets, which tells a dual-era client to fall back to `initialize`);
/// - a request with the header goes to that session's transport, or gets 404 when the session
///   is unknown or ended, which tells the client to initialize again;
/// - DELETE ends the session: its transport answers 200 and its server stops.
///
/// Sessions a client never deletes stay open until the process ends.
actor SessionRouter {
    typealias ServerFactory = @Sendable () async -> Server

    /// The one MCP endpoint.
    static let endpointPath = "/mcp"

    private struct Session {
        let transport: StatefulHTTPServerTransport
        let server: Server
    }

    private var sessions: [String: Session] = [:]
    private let makeServer: ServerFactory
    private let logger: Logger
    private let transportLogger: Logger

    init(logger: Logger, makeServer: @escaping ServerFactory) {
        self.logger = logger
        self.makeServer = makeServer
        var transportLogger = Logger(label: "ledgerly.http", factory: { StreamLogHandler.standardError(label: $0) })
        transportLogger.logLevel = .warning
        self.transportLogger = transportLogger
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.path == Self.endpointPath else {
            return .error(statusCode: 404, .invalidRequest("Not Found: the MCP endpoint is \(Self.endpointPath)"))
        }
        guard let sessionID = request.header(HTTPHeaderName.sessionID) else {
            return await open(request)
        }
        guard let session = sessions[sessionID] else {
            return .error(statusCode: 404, .invalidRequest("Not Found: no session \(sessionID); send initialize to open a new one"))
        }
        let response = await session.transport.handleRequest(request)
        if request.method.uppercased() == "DELETE", response.statusCode == 200 {
            await close(sessionID)
        }
        return response
    }

    private func open(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.method.uppercased() == "POST", let body = request.body, JSONRPCPeek.isInitializeRequest(body) else {
            return .error(statusCode: 400, .invalidRequest("Bad Request: missing \(HTTPHeaderName.sessionID) header; a session starts with an initialize request"))
        }
        let transport = StatefulHTTPServerTransport(logger: transportLogger)
        let server = await makeServer()
        do {
            try await server.start(transport: SequentialTransport(base: transport, logger: logger))
        } catch {
            logger.error("cannot start a session: \(error)")
            return .error(statusCode: 500, .internalError("cannot start a session: \(error)"))
        }
        let response = await transport.handleRequest(request)
        // No session id: the transport refused the request (406 Accept, 415 Content-Type, 421
        // Host, ...), so there is no session to keep.
        guard let sessionID = response.headers[HTTPHeaderName.sessionID] else {
            await server.stop()
            return response
        }
        sessions[sessionID] = Session(transport: transport, server: server)
        logger.info("session \(sessionID) opened (\(sessions.count) open)")
        return response
    }

    private func close(_ sessionID: String) async {
        guard let session = sessions.removeValue(forKey: sessionID) else { return }
        await session.server.stop()
        logger.info("session \(sessionID) ended (\(sessions.count) open)")
    }
}
