import AccordJSON
import AsyncHTTPClient

/// MCP's Streamable HTTP transport (2025-03-26 and later, including the stateless 2026-07-28
/// era): every message is a POST to one URL, and replies come back in that POST's response, as
/// a JSON body or as an SSE stream.
///
/// Sends may overlap: each POST is its own exchange, and replies from all of them come out of
/// ``inbound`` in arrival order. In the handshake era a cut reply stream is resumed (`GET` with
/// `Last-Event-ID`, honouring `retry:`, at most ``maximumResumptions`` times) and, once the
/// session is initialized, the optional standalone `GET` stream is opened for what the server
/// sends on its own. In the modern era a `tools/call` carries the `Mcp-Param-*` headers its
/// tool's `x-mcp-header` annotations ask for (learned from `tools/list`). docs/transports.md
/// has the whole picture.
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
    private var toolParameters = ToolParameterHeaders()
    /// The standalone GET stream for server-initiated messages, while it is open.
    private var listener: Task<Void, Never>?

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
    ///   SSE stream closed before the reply and could not be resumed), `.protocolViolation` (a
    ///   compressed body, a JSON body answering none of the requests sent, a response that is not
    ///   valid HTTP), `.invalidMessage`, `.connectionFailed`, `.timeout`.
    public func send(_ message: JSONValue) async throws(MCPError) {
        guard !isClosed else {
            throw MCPError(.connectionFailed(url: options.url, reason: "the transport was already closed"))
        }
        let operation = HTTPMessageInspection.operationName(of: message)
        let custom = try await options.requestHeaders(timeout: requestTimeout)
        do {
            try await postWithinDeadline(message, operation: operation, custom: custom)
        } catch {
            // OAuth: a 401 gets one new token and one retry (the server did not act on the request).
            let sent = custom.last { $0.name.lowercased() == "authorization" }?.value
            guard let authorizer = options.authorizer, case .authenticationFailed(_, 401, let challenge) = error.kind,
                  try await authorizer.recover(challenge: challenge, rejectedHeader: sent, timeout: requestTimeout)
            else { throw error }
            let renewed = try await options.requestHeaders(timeout: requestTimeout)
            do {
                try await postWithinDeadline(message, operation: operation, custom: renewed)
            } catch {
                guard case .authenticationFailed(let url, 401, _) = error.kind else { throw error }
                throw MCPError(.authorization(.tokenRejected(url: url, status: 401)))
            }
        }
        if message["method"]?.stringValue == "notifications/initialized" { startListening() }
    }

    private func postWithinDeadline(_ message: JSONValue, operation: String, custom: [HTTPHeaderField]) async throws(MCPError) {
        let seconds = HTTPFailureMapping.seconds(requestTimeout)
        try await HTTPExchange.withDeadline(
            requestTimeout,
            url: options.url,
            onTimeout: { MCPError(.timeout(operation: operation, seconds: seconds)) },
            { try await self.post(message, operation: operation, custom: custom) }
        )
    }

    /// Ends the session (`DELETE`, when the server assigned one), finishes ``inbound`` and shuts
    /// the HTTP client down. Safe to call more than once.
    public func close() async {
        guard !isClosed else { return }
        isClosed = true
        listener?.cancel()
        listener = nil
        if let sessionID {
            self.sessionID = nil
            await deleteSession(sessionID)
        }
        inboundContinuation.finish()
        try? await exchange.client.shutdown()
    }

    // MARK: - One exchange

    private func post(_ message: JSONValue, operation: String, custom: [HTTPHeaderField]) async throws(MCPError) {
        let sessionAtSend = sessionID
        var request = HTTPClientRequest(url: options.url)
        request.method = .POST
        let modern = MCPHTTPHeaders.isModern(message)
        for field in MCPHTTPHeaders.streamablePost(
            for: message, custom: custom, sessionID: sessionAtSend, negotiatedVersion: negotiatedVersion,
            parameters: modern ? parameterHeaders(for: message) : []
        ) {
            request.headers.add(name: field.name, value: field.value)
        }
        request.body = .bytes(JSONEncoding.compactBytes(message))

        let response = try await exchange.execute(request, url: options.url, operation: operation, timeout: requestTimeout)
        let status = Int(response.status.code)
        // Only a successful answer can hand out a session: mcp 2.x attaches a fresh, never
        // initialised Mcp-Session-Id even to its 400 "Missing session ID" rejection.
        if (200..<300).contains(status), let assigned = response.headers.first(name: MCPHTTPHeaders.sessionID), !assigned.isEmpty {
            if let current = sessionID, current != assigned {
                note("the server changed its Mcp-Session-Id in the middle of the session; Accord follows the newest")
            }
            sessionID = assigned
        }
        let exchangeState = Exchange(message: message, operation: operation, requestIDs: HTTPMessageInspection.requestIDs(in: message))

        guard (200..<300).contains(status) else {
            let body = await exchange.bodyPrefix(response)
            switch HTTPResponseRules.failure(
                status: status, url: options.url,
                challenge: response.headers.first(name: "WWW-Authenticate"),
                body: body, requestIDs: exchangeState.requestIDs
            ) {
            case .replies(let messages):
                deliver(messages, answering: exchangeState)
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
        try HTTPResponseRules.checkUncompressed(response.headers.first(name: "Content-Encoding"), operation: operation)

        let mediaType = HTTPResponseRules.mediaType(response.headers.first(name: "Content-Type"))
        if HTTPResponseRules.isEventStream(mediaType) {
            // 2026-07-28 streams are not resumable; earlier ones may be (Last-Event-ID).
            try await readEventStream(response, exchange: exchangeState, resumable: !modern)
        } else {
            // JSON, or a server that forgot the Content-Type: an empty body means "nothing to say".
            let body = try await exchange.collectBody(response, url: options.url, operation: operation, timeout: requestTimeout, limit: HTTPResponseRules.maximumBodyBytes)
            guard body.contains(where: { !Self.isWhitespace($0) }) else { return }
            let messages = try HTTPResponseRules.parseMessages(body)
            if !HTTPResponseRules.isJSON(mediaType) {
                note("a response with Content-Type \(mediaType ?? "(none)") carried JSON; Accord read it anyway")
            }
            deliver(messages, answering: exchangeState)
            // A JSON body is the whole answer: if it answers nothing that was asked, waiting on
            // would only end in a timeout.
            let answered = messages.contains { HTTPMessageInspection.answers($0, anyOf: exchangeState.requestIDs) }
            if !exchangeState.requestIDs.isEmpty, !answered {
                throw MCPError(.protocolViolation("the JSON response to \(operation) carries no reply to it (only messages for requests Accord never sent)"))
            }
        }
    }

    /// One POST: the message, its name for errors and the ids whose replies it owes.
    private struct Exchange: Sendable {
        var message: JSONValue
        var operation: String
        var requestIDs: [JSONValue]
    }

    /// How often a cut reply stream is resumed (`GET` with `Last-Event-ID`) before Accord gives up.
    static let maximumResumptions = 3
    /// The wait before a resumption when the server sent no `retry:` field.
    static let defaultReconnectionDelay = Duration.seconds(1)

    /// Reads an SSE reply stream until it has carried a reply to every request sent (a server
    /// may keep the stream open afterwards) or ends. A stream that ends early after an event id
    /// is resumed with `GET` + `Last-Event-ID` after the server's `retry:` delay, at most
    /// ``maximumResumptions`` times; the whole exchange stays within the request timeout.
    private func readEventStream(_ first: HTTPClientResponse, exchange state: Exchange, resumable: Bool) async throws(MCPError) {
        var unanswered = state.requestIDs
        var cursor = StreamCursor()
        var response = first
        var resumptions = 0
        while true {
            let ending = try await readEvents(response, exchange: state, unanswered: &unanswered, cursor: &cursor)
            if state.requestIDs.isEmpty || unanswered.isEmpty { return }
            guard resumable, let lastEventID = cursor.lastEventID else {
                throw ending ?? MCPError(.streamEnded(url: options.url, detail: "the server closed the event stream before replying to \(state.operation)"))
            }
            guard resumptions < Self.maximumResumptions else {
                throw MCPError(.streamEnded(url: options.url, detail: "the event stream for \(state.operation) broke off \(resumptions + 1) times; gave up after \(resumptions) resumptions with Last-Event-ID"))
            }
            resumptions += 1
            do {
                try await Task.sleep(for: cursor.retry ?? Self.defaultReconnectionDelay)
            } catch {
                throw MCPError(.cancelled)
            }
            response = try await resumeStream(after: lastEventID, operation: state.operation)
        }
    }

    /// Where a reply stream stands: the last event id and `retry:` delay the server set.
    private struct StreamCursor {
        var lastEventID: String?
        var retry: Duration?
    }

    /// Reads one response's events into ``inbound``. Returns when every reply is in (`nil`) or
    /// the stream ended (the reason, or `nil` for a clean close); throws for what resuming
    /// cannot fix (an event that is not JSON, one over the size limit, cancellation).
    private func readEvents(_ response: HTTPClientResponse, exchange state: Exchange, unanswered: inout [JSONValue], cursor: inout StreamCursor) async throws(MCPError) -> MCPError? {
        var parser = SSEParser()
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
                    deliver(messages, answering: state)
                    for message in messages {
                        unanswered = HTTPMessageInspection.removingAnswered(by: message, from: unanswered)
                    }
                }
                if let id = parser.lastEventIDInForce, MCPHTTPHeaders.isHeaderSafe(id) { cursor.lastEventID = id }
                if let milliseconds = parser.reconnectionTime { cursor.retry = .milliseconds(min(milliseconds, 60_000)) }
                if !state.requestIDs.isEmpty, unanswered.isEmpty { return nil }
                guard parser.bufferedByteCount <= HTTPResponseRules.maximumBodyBytes else {
                    throw MCPError(.invalidMessage(reason: "an SSE event is larger than \(HTTPResponseRules.maximumBodyBytes / 1024 / 1024) MiB", excerpt: ""))
                }
            }
        } catch let error as MCPError {
            throw error
        } catch {
            let mapped = HTTPFailureMapping.map(error, url: options.url, operation: state.operation, timeout: requestTimeout, phase: .readingBody)
            guard case .streamEnded = mapped.kind else { throw mapped }
            return mapped
        }
        return nil
    }

    /// `GET` with `Last-Event-ID`: the server replays what the cut stream would have carried.
    private func resumeStream(after lastEventID: String, operation: String) async throws(MCPError) -> HTTPClientResponse {
        var request = HTTPClientRequest(url: options.url)
        request.method = .GET
        let custom = try await options.requestHeaders(timeout: requestTimeout)
        for field in MCPHTTPHeaders.streamableGet(custom: custom, sessionID: sessionID, negotiatedVersion: negotiatedVersion, lastEventID: lastEventID) {
            request.headers.add(name: field.name, value: field.value)
        }
        let response = try await exchange.execute(request, url: options.url, operation: operation, timeout: requestTimeout)
        let status = Int(response.status.code)
        let mediaType = HTTPResponseRules.mediaType(response.headers.first(name: "Content-Type"))
        guard (200..<300).contains(status), HTTPResponseRules.isEventStream(mediaType) else {
            _ = await exchange.bodyPrefix(response, limit: 4096)
            throw MCPError(.streamEnded(url: options.url, detail: "the event stream for \(operation) broke off, and resuming it with Last-Event-ID was refused (HTTP \(status)\(HTTPResponseRules.isEventStream(mediaType) ? "" : ", not an event stream"))"))
        }
        return response
    }

    // MARK: - Server-initiated messages

    /// Opens the optional standalone SSE stream (`GET`, handshake era with a session) on which a
    /// server sends requests and notifications of its own, such as `notifications/tools/
    /// list_changed`. A server that does not offer it (405, or anything but an event stream)
    /// is fine: the stream is optional, and Accord then simply hears nothing there.
    private func startListening() {
        guard listener == nil, !isClosed, sessionID != nil else { return }
        listener = Task { await self.listen() }
    }

    private func listen() async {
        var request = HTTPClientRequest(url: options.url)
        request.method = .GET
        guard let custom = try? await options.requestHeaders(timeout: requestTimeout) else { return }
        for field in MCPHTTPHeaders.streamableGet(custom: custom, sessionID: sessionID, negotiatedVersion: negotiatedVersion) {
            request.headers.add(name: field.name, value: field.value)
        }
        guard let response = try? await exchange.execute(request, url: options.url, operation: "the server's event stream", timeout: requestTimeout) else { return }
        let status = Int(response.status.code)
        guard (200..<300).contains(status), HTTPResponseRules.isEventStream(HTTPResponseRules.mediaType(response.headers.first(name: "Content-Type"))) else {
            _ = await exchange.bodyPrefix(response, limit: 4096)
            return
        }
        var parser = SSEParser()
        do {
            for try await buffer in response.body {
                for event in parser.feed(buffer.readableBytesView) where event.type == "message" && !HTTPResponseRules.isBlank(event.data) {
                    guard let messages = try? HTTPResponseRules.parseMessages(Array(event.data.utf8)) else {
                        note("ignored an event on the server's event stream that is not JSON")
                        continue
                    }
                    for message in messages { inboundContinuation.yield(message) }
                }
                guard !isClosed, parser.bufferedByteCount <= HTTPResponseRules.maximumBodyBytes else { return }
            }
        } catch {
            // Cancelled by close(), or the server ended the stream: either way nothing is owed.
        }
    }

    /// `Mcp-Param-*` for a modern `tools/call` of a tool whose `x-mcp-header` annotations an
    /// earlier `tools/list` taught.
    private func parameterHeaders(for message: JSONValue) -> [HTTPHeaderField] {
        guard message["method"]?.stringValue == "tools/call", let tool = message["params"]?["name"]?.stringValue else { return [] }
        return toolParameters.fields(forCall: tool, arguments: message["params"]?["arguments"])
    }

    private func note(_ warning: String) {
        if !notes.contains(warning) { notes.append(warning) }
    }

    /// Hands `messages` to ``inbound``; replies to `tools/list` also teach the tools' parameter
    /// headers first, so a `tools/call` sent right after the reply carries them.
    private func deliver(_ messages: [JSONValue], answering state: Exchange) {
        if state.message["method"]?.stringValue == "tools/list" {
            for message in messages where HTTPMessageInspection.answers(message, anyOf: state.requestIDs) {
                if let result = message["result"] { toolParameters.learn(fromToolsListResult: result) }
            }
            for problem in toolParameters.problems { note(problem) }
        }
        for message in messages { inboundContinuation.yield(message) }
    }

    private func deleteSession(_ id: String) async {
        var request = HTTPClientRequest(url: options.url)
        request.method = .DELETE
        let custom = (try? await options.requestHeaders(timeout: min(requestTimeout, .seconds(3)))) ?? options.headers
        for field in MCPHTTPHeaders.sessionDelete(custom: custom, sessionID: id, negotiatedVersion: negotiatedVersion) {
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
