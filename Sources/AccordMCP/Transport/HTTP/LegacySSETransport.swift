import AccordJSON
import AsyncHTTPClient
import Foundation

/// MCP's 2024-11-05 HTTP+SSE transport: a long-lived GET carries everything the server says,
/// and messages to the server are POSTed to the URL the stream's first `endpoint` event names.
///
/// ```swift
/// let transport = LegacySSETransport(
///     options: HTTPConnectionOptions(url: "http://127.0.0.1:8000/sse", transport: .sse),
///     requestTimeout: .seconds(30)
/// )
/// try await transport.connect()                 // GET /sse, wait for `endpoint`
/// try await transport.send(initializeRequest)   // POST; the reply arrives on transport.inbound
/// await transport.close()
/// ```
///
/// ``inbound`` finishes with `.streamEnded` when the server closes the GET stream (or it
/// fails), and without error after ``close()``.
public actor LegacySSETransport: MCPTransport {
    public nonisolated let inbound: AsyncThrowingStream<JSONValue, any Error>
    private let inboundContinuation: AsyncThrowingStream<JSONValue, any Error>.Continuation

    private let options: HTTPConnectionOptions
    private let requestTimeout: Duration
    private let exchange: HTTPExchange

    private var connection: Task<String, any Error>?
    private var streamReader: Task<Void, Never>?
    private var isClosed = false
    /// Why the event stream ended, once it has: later sends fail with it at once, since no
    /// reply could reach Accord any more.
    private var streamEnding: MCPError?
    private var notes: [String] = []

    /// - Parameters:
    ///   - options: the SSE URL and custom headers (sent on the GET and on every POST).
    ///   - requestTimeout: the limit for one POST exchange, and the default for ``connect(timeout:)``.
    public init(options: HTTPConnectionOptions, requestTimeout: Duration) {
        self.options = options
        self.requestTimeout = requestTimeout
        self.exchange = HTTPExchange(client: HTTPExchange.makeClient())
        (inbound, inboundContinuation) = AsyncThrowingStream.makeStream(of: JSONValue.self)
    }

    deinit {
        streamReader?.cancel()
        let client = exchange.client
        Task { try? await client.shutdown() }
        inboundContinuation.finish()
    }

    /// Opens the event stream and waits for its `endpoint` event. Call before the first
    /// ``send(_:)`` (which otherwise connects by itself); later calls return at once, or
    /// rethrow the first failure.
    ///
    /// - Parameter timeout: how long to wait for the stream and its `endpoint` event; the
    ///   transport's `requestTimeout` when `nil`.
    /// - Returns: the URL messages are POSTed to.
    /// - Throws: ``MCPError``: `.authenticationFailed` or `.httpStatus` for a refused GET,
    ///   `.timeout(operation: "the SSE endpoint event", …)`, `.streamEnded` if the stream closes
    ///   first, `.invalidMessage` for an endpoint on another origin, `.connectionFailed`.
    @discardableResult
    public func connect(timeout: Duration? = nil) async throws(MCPError) -> String {
        guard !isClosed else {
            throw MCPError(.connectionFailed(url: options.url, reason: "the transport was already closed"))
        }
        let task: Task<String, any Error>
        if let connection {
            task = connection
        } else {
            let limit = timeout ?? requestTimeout
            task = Task { () async throws -> String in try await self.openStream(timeout: limit) }
            connection = task
        }
        do {
            return try await task.value
        } catch {
            throw HTTPFailureMapping.map(error, url: options.url, operation: "the SSE endpoint event", timeout: timeout ?? requestTimeout, phase: .awaitingResponse)
        }
    }

    public func useProtocolVersion(_ version: String) {
        // 2024-11-05 predates the MCP-Protocol-Version header; nothing to send.
    }

    public func recentServerLog() -> [String] { [] }

    /// Tolerated oddities seen so far (unexpected event types, replies in POST bodies), each
    /// reported once.
    public func warnings() -> [String] { notes }

    /// POSTs `message` to the endpoint URL; the server's replies arrive on ``inbound``.
    ///
    /// - Throws: ``MCPError``: `.authenticationFailed` (401/403), `.httpStatus` (any other
    ///   non-2xx, unless its body is a JSON-RPC reply to this request, which is delivered
    ///   instead), `.connectionFailed`, `.timeout`, or whatever ``connect(timeout:)`` threw.
    public func send(_ message: JSONValue) async throws(MCPError) {
        let endpoint = try await connect()
        if let streamEnding { throw streamEnding }
        let operation = HTTPMessageInspection.operationName(of: message)
        let seconds = HTTPFailureMapping.seconds(requestTimeout)
        try await HTTPExchange.withDeadline(
            requestTimeout,
            url: endpoint,
            onTimeout: { MCPError(.timeout(operation: operation, seconds: seconds)) },
            { try await self.post(message, to: endpoint, operation: operation) }
        )
    }

    /// Stops the event stream, finishes ``inbound`` and shuts the HTTP client down. Safe to
    /// call more than once.
    public func close() async {
        guard !isClosed else { return }
        isClosed = true
        connection?.cancel()
        streamReader?.cancel()
        inboundContinuation.finish()
        try? await exchange.client.shutdown()
    }

    // MARK: - The event stream

    private func openStream(timeout: Duration) async throws(MCPError) -> String {
        let (endpoints, endpointContinuation) = AsyncThrowingStream.makeStream(of: String.self)
        let url = options.url
        let seconds = HTTPFailureMapping.seconds(timeout)
        do {
            return try await HTTPExchange.withDeadline(
                timeout,
                url: url,
                onTimeout: { MCPError(.timeout(operation: "the SSE endpoint event", seconds: seconds)) },
                { () async throws -> String in
                    try await self.startStream(timeout: timeout, endpointContinuation: endpointContinuation)
                    do {
                        for try await endpoint in endpoints { return endpoint }
                    } catch {
                        throw HTTPFailureMapping.map(error, url: url, operation: "the SSE endpoint event", timeout: timeout, phase: .readingBody)
                    }
                    throw MCPError(.cancelled)
                }
            )
        } catch {
            streamReader?.cancel()
            throw error
        }
    }

    /// GETs the stream and starts the reader that feeds ``inbound`` and the endpoint.
    private func startStream(timeout: Duration, endpointContinuation: AsyncThrowingStream<String, any Error>.Continuation) async throws(MCPError) {
        var request = HTTPClientRequest(url: options.url)
        request.method = .GET
        // OAuth tokens ride along (got in the pre-flight); a 401 here is not retried.
        for field in MCPHTTPHeaders.legacyStream(custom: try await options.requestHeaders(timeout: timeout)) {
            request.headers.add(name: field.name, value: field.value)
        }
        let operation = "the SSE endpoint event"
        let response = try await exchange.execute(request, url: options.url, operation: operation, timeout: timeout)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let body = await exchange.bodyPrefix(response)
            let outcome = HTTPResponseRules.failure(status: status, url: options.url, challenge: response.headers.first(name: "WWW-Authenticate"), body: body, requestIDs: [])
            if case .error(let kind) = outcome { throw MCPError(kind) }
            throw MCPError(.httpStatus(url: options.url, status: status, body: HTTPResponseRules.excerpt(body)))
        }
        let mediaType = HTTPResponseRules.mediaType(response.headers.first(name: "Content-Type"))
        guard HTTPResponseRules.isEventStream(mediaType) else {
            let body = await exchange.bodyPrefix(response)
            throw MCPError(.httpStatus(
                url: options.url, status: status,
                body: "expected an event stream (text/event-stream), got \(mediaType ?? "no Content-Type"): \(HTTPResponseRules.excerpt(body))"
            ))
        }
        guard !isClosed else { throw MCPError(.cancelled) }
        streamReader = Task { await self.readStream(response, endpointContinuation: endpointContinuation) }
    }

    private func readStream(_ response: HTTPClientResponse, endpointContinuation: AsyncThrowingStream<String, any Error>.Continuation) async {
        var parser = SSEParser()
        var endpointSeen = false
        let ending: MCPError?
        do {
            for try await buffer in response.body {
                for event in parser.feed(buffer.readableBytesView) {
                    switch event.type {
                    case "endpoint" where !endpointSeen:
                        let endpoint = try resolveEndpoint(event.data)
                        endpointSeen = true
                        endpointContinuation.yield(endpoint)
                        endpointContinuation.finish()
                    case "message" where HTTPResponseRules.isBlank(event.data):
                        continue
                    case "message":
                        for message in try HTTPResponseRules.parseMessages(Array(event.data.utf8)) {
                            inboundContinuation.yield(message)
                        }
                    case "endpoint":
                        note("ignored a second endpoint event")
                    default:
                        note("ignored SSE events of type \"\(event.type)\"")
                    }
                }
                guard parser.bufferedByteCount <= HTTPResponseRules.maximumBodyBytes else {
                    throw MCPError(.invalidMessage(reason: "an SSE event is larger than \(HTTPResponseRules.maximumBodyBytes / 1024 / 1024) MiB", excerpt: ""))
                }
            }
            ending = MCPError(.streamEnded(url: options.url, detail: "the server closed the event stream"))
        } catch {
            let mapped = HTTPFailureMapping.map(error, url: options.url, operation: "the SSE stream", timeout: requestTimeout, phase: .readingBody)
            ending = mapped.kind == .cancelled ? nil : mapped
        }
        if !endpointSeen {
            endpointContinuation.finish(throwing: ending ?? MCPError(.cancelled))
        }
        streamEnding = ending ?? MCPError(.streamEnded(url: options.url, detail: "the event stream was stopped"))
        if isClosed || ending == nil {
            inboundContinuation.finish()
        } else {
            inboundContinuation.finish(throwing: ending)
        }
    }

    /// The POST URL an `endpoint` event names, resolved against the SSE URL. Another origin is
    /// refused: the user's custom headers (credentials) would follow every message there.
    private func resolveEndpoint(_ data: String) throws(MCPError) -> String {
        let text = data.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let base = URL(string: options.url),
              let resolved = URL(string: text, relativeTo: base)?.absoluteURL,
              resolved.scheme == "http" || resolved.scheme == "https"
        else {
            throw MCPError(.invalidMessage(reason: "the endpoint event does not name a URL", excerpt: HTTPResponseRules.excerpt(Array(text.utf8), characters: 200)))
        }
        guard HTTPExchange.sameOrigin(base, resolved) else {
            throw MCPError(.invalidMessage(reason: "the endpoint event names another origin than the SSE URL; refusing to send headers there", excerpt: HTTPResponseRules.excerpt(Array(text.utf8), characters: 200)))
        }
        return resolved.absoluteString
    }

    private func note(_ warning: String) {
        if !notes.contains(warning) { notes.append(warning) }
    }

    // MARK: - Sending

    private func post(_ message: JSONValue, to endpoint: String, operation: String) async throws(MCPError) {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        for field in MCPHTTPHeaders.legacyPost(custom: try await options.requestHeaders(timeout: requestTimeout)) {
            request.headers.add(name: field.name, value: field.value)
        }
        request.body = .bytes(JSONEncoding.compactBytes(message))

        let response = try await exchange.execute(request, url: endpoint, operation: operation, timeout: requestTimeout)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let body = await exchange.bodyPrefix(response)
            switch HTTPResponseRules.failure(
                status: status, url: endpoint,
                challenge: response.headers.first(name: "WWW-Authenticate"),
                body: body, requestIDs: HTTPMessageInspection.requestIDs(in: message)
            ) {
            case .replies(let messages): for reply in messages { inboundContinuation.yield(reply) }
            case .error(let kind): throw MCPError(kind)
            }
            return
        }
        // Replies belong on the event stream; the body is usually "Accepted". A server that
        // answers in the body instead still gets heard.
        let body = await exchange.bodyPrefix(response, limit: HTTPResponseRules.maximumErrorBodyBytes)
        let mediaType = HTTPResponseRules.mediaType(response.headers.first(name: "Content-Type"))
        if HTTPResponseRules.isJSON(mediaType), let parsed = try? JSONValue(parsing: body) {
            for reply in HTTPMessageInspection.messages(in: parsed) where HTTPMessageInspection.responseID(of: reply) != nil {
                note("the server answered in a POST body instead of on the event stream")
                inboundContinuation.yield(reply)
            }
        }
    }
}
