import AccordJSON
import AsyncHTTPClient

/// MCP's Streamable HTTP transport (2025-03-26 and later, including the stateless 2026-07-28
/// era): every message is a POST to one URL, and replies come back in that POST's response, as
/// a JSON body or as an SSE stream.
///
/// Sends may overlap: each POST is its own exchange, and replies from all of them come out of
/// ``inbound`` in arrival order.
///
/// ```swift
/// let transport = StreamableHTTPTransport(
///     options: HTTPConnectionOptions(url: "http://127.0.0.1:8000/mcp"),
///     requestTimeout: .seconds(30)
/// )
/// try await transport.send(initializeRequest)   // the reply arrives on transport.inbound
/// await transport.close()
/// ```
///
/// Header values (custom headers, the session id) never appear in errors.
public actor StreamableHTTPTransport: MCPTransport {
    public nonisolated let inbound: AsyncThrowingStream<JSONValue, any Error>
    private let inboundContinuation: AsyncThrowingStream<JSONValue, any Error>.Continuation

    private let options: HTTPConnectionOptions
    private let requestTimeout: Duration
    private let exchange: HTTPExchange

    private var sessionID: String?
    private var negotiatedVersion: String?
    private var isClosed = false
    private var notes: [String] = []

    /// - Parameters:
    ///   - options: the URL and custom headers (the `transport` field is not consulted here).
    ///   - requestTimeout: the limit for one whole exchange: connecting, the response head and
    ///     reading the reply body or stream up to the last reply it owes.
    public init(options: HTTPConnectionOptions, requestTimeout: Duration) {
        self.options = options
        self.requestTimeout = requestTimeout
        self.exchange = HTTPExchange(client: HTTPExchange.makeClient())
        (inbound, inboundContinuation) = AsyncThrowingStream.makeStream(of: JSONValue.self)
    }

    deinit {
        // An HTTPClient must be shut down before it is released (debug builds trap otherwise);
        // cover an owner that never called close(). A second shutdown just fails quietly.
        let client = exchange.client
        Task { try? await client.shutdown() }
        inboundContinuation.finish()
    }

    /// The `Mcp-Session-Id` the server assigned, if it assigned one and has not forgotten it.
    public var currentSessionID: String? { sessionID }

    public func useProtocolVersion(_ version: String) {
        negotiatedVersion = version
    }

    public func recentServerLog() -> [String] { [] }

    /// Tolerated oddities seen so far (unexpected SSE event types, JSON without a JSON
    /// `Content-Type`), each reported once.
    public func warnings() -> [String] { notes }

    /// POSTs `message` and delivers every message its response carries to ``inbound``.
    ///
    /// - Throws: ``MCPError``: `.authenticationFailed` (401/403), `.sessionExpired` (404 while a
    ///   session was set; the id is forgotten), `.httpStatus` (other statuses, unless the body
    ///   is a JSON-RPC reply to this request, which is delivered instead), `.streamEnded` (the
    ///   SSE stream closed before the reply), `.invalidMessage`, `.connectionFailed`, `.timeout`.
    public func send(_ message: JSONValue) async throws(MCPError) {
        guard !isClosed else {
            throw MCPError(.connectionFailed(url: options.url, reason: "the transport was already closed"))
        }
        let operation = HTTPMessageInspection.operationName(of: message)
        let seconds = HTTPFailureMapping.seconds(requestTimeout)
        try await HTTPExchange.withDeadline(
            requestTimeout,
            url: options.url,
            onTimeout: { MCPError(.timeout(operation: operation, seconds: seconds)) },
            { try await self.post(message, operation: operation) }
        )
    }

    /// Ends the session (`DELETE`, when the server assigned one), finishes ``inbound`` and shuts
    /// the HTTP client down. Safe to call more than once.
    public func close() async {
        guard !isClosed else { return }
        isClosed = true
        if let sessionID {
            self.sessionID = nil
            await deleteSession(sessionID)
        }
        inboundContinuation.finish()
        try? await exchange.client.shutdown()
    }

    // MARK: - One exchange

    private func post(_ message: JSONValue, operation: String) async throws(MCPError) {
        let sessionAtSend = sessionID
        var request = HTTPClientRequest(url: options.url)
        request.method = .POST
        for field in MCPHTTPHeaders.streamablePost(for: message, custom: options.headers, sessionID: sessionAtSend, negotiatedVersion: negotiatedVersion) {
            request.headers.add(name: field.name, value: field.value)
        }
        request.body = .bytes(JSONEncoding.compactBytes(message))

        let response = try await exchange.execute(request, url: options.url, operation: operation, timeout: requestTimeout)
        let status = Int(response.status.code)
        // Only a successful answer can hand out a session: mcp 2.x attaches a fresh, never
        // initialised Mcp-Session-Id even to its 400 "Missing session ID" rejection.
        if (200..<300).contains(status), let assigned = response.headers.first(name: MCPHTTPHeaders.sessionID), !assigned.isEmpty {
            sessionID = assigned
        }
        let requestIDs = HTTPMessageInspection.requestIDs(in: message)

        guard (200..<300).contains(status) else {
            let body = await exchange.bodyPrefix(response)
            switch HTTPResponseRules.failure(
                status: status, url: options.url,
                challenge: response.headers.first(name: "WWW-Authenticate"),
                body: body, requestIDs: requestIDs
            ) {
            case .replies(let messages):
                deliver(messages)
            case .error where status == 404 && sessionAtSend != nil:
                // mcp answers {"id":null,"error":{"code":-32600,"message":"Session not found"}}.
                if sessionID == sessionAtSend { sessionID = nil }
                throw MCPError(.sessionExpired)
            case .error(let kind):
                throw MCPError(kind)
            }
            return
        }
        if status == 202 || status == 204 { return }

        let mediaType = HTTPResponseRules.mediaType(response.headers.first(name: "Content-Type"))
        if HTTPResponseRules.isEventStream(mediaType) {
            try await readEventStream(response, requestIDs: requestIDs, operation: operation)
        } else {
            // JSON, or a server that forgot the Content-Type: an empty body means "nothing to say".
            let body = try await exchange.collectBody(response, url: options.url, operation: operation, timeout: requestTimeout, limit: HTTPResponseRules.maximumBodyBytes)
            guard body.contains(where: { !Self.isWhitespace($0) }) else { return }
            let messages = try HTTPResponseRules.parseMessages(body)
            if !HTTPResponseRules.isJSON(mediaType) {
                note("a response with Content-Type \(mediaType ?? "(none)") carried JSON; Accord read it anyway")
            }
            deliver(messages)
        }
    }

    /// Reads an SSE reply stream until it ends or has carried a reply to every request sent.
    /// Stopping at the last reply matters: a server may keep the stream open afterwards.
    private func readEventStream(_ response: HTTPClientResponse, requestIDs: [JSONValue], operation: String) async throws(MCPError) {
        var parser = SSEParser()
        var unanswered = requestIDs
        do {
            for try await buffer in response.body {
                for event in parser.feed(buffer.readableBytesView) {
                    guard event.type == "message" else {
                        note("ignored SSE events of type \"\(event.type)\" in a reply stream")
                        continue
                    }
                    // 2025-11-25 servers may prime a stream for resumption with an id and no data.
                    guard !HTTPResponseRules.isBlank(event.data) else { continue }
                    let messages = try HTTPResponseRules.parseMessages(Array(event.data.utf8))
                    deliver(messages)
                    for message in messages {
                        unanswered = HTTPMessageInspection.removingAnswered(by: message, from: unanswered)
                    }
                }
                if !requestIDs.isEmpty, unanswered.isEmpty { return }
                guard parser.bufferedByteCount <= HTTPResponseRules.maximumBodyBytes else {
                    throw MCPError(.invalidMessage(reason: "an SSE event is larger than \(HTTPResponseRules.maximumBodyBytes / 1024 / 1024) MiB", excerpt: ""))
                }
            }
        } catch {
            throw HTTPFailureMapping.map(error, url: options.url, operation: operation, timeout: requestTimeout, phase: .readingBody)
        }
        if !unanswered.isEmpty {
            throw MCPError(.streamEnded(url: options.url, detail: "the server closed the event stream before replying to \(operation)"))
        }
    }

    private func note(_ warning: String) {
        if !notes.contains(warning) { notes.append(warning) }
    }

    private func deliver(_ messages: [JSONValue]) {
        for message in messages { inboundContinuation.yield(message) }
    }

    private func deleteSession(_ id: String) async {
        var request = HTTPClientRequest(url: options.url)
        request.method = .DELETE
        for field in MCPHTTPHeaders.sessionDelete(custom: options.headers, sessionID: id, negotiatedVersion: negotiatedVersion) {
            request.headers.add(name: field.name, value: field.value)
        }
        // Best effort: 405 (the server does not end sessions on request) and errors are fine.
        let timeout = min(requestTimeout, .seconds(3))
        if let response = try? await exchange.client.execute(request, timeout: .nanoseconds(HTTPExchange.nanoseconds(timeout))) {
            _ = await exchange.bodyPrefix(response, limit: 4096)
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
