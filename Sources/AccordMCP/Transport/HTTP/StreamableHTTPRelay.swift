import AccordJSON
import AsyncHTTPClient

/// One message at a time to a Streamable HTTP endpoint, for a proxy (`accord record --upstream`)
/// rather than a client: the caller keeps the session (``Reply/sessionID``) and the negotiated
/// version, and gets back every message the reply carried, exactly as sent. Header values given
/// at init are sent on every request and never shown.
///
/// ``post(_:sessionID:negotiatedVersion:)`` reads the whole reply; ``send(_:sessionID:negotiatedVersion:)``
/// returns as soon as the reply's head is in, so an SSE reply can be passed on event by event
/// (progress before the result, a server-to-client request the caller must answer mid-call), and
/// ``openServerStream(sessionID:negotiatedVersion:)`` opens the GET stream of server-initiated messages.
///
/// ```swift
/// let relay = StreamableHTTPRelay(url: "http://127.0.0.1:8931/mcp")
/// let reply = try await relay.post(initialize, sessionID: nil, negotiatedVersion: nil)
/// reply.sessionID   // "3f2a…" (the upstream's Mcp-Session-Id)
/// reply.messages    // [the initialize response]
///
/// let call = try await relay.send(toolsCall, sessionID: reply.sessionID, negotiatedVersion: "2025-11-25")
/// if case .events(let events) = call.body {
///     try await events.forEach { message in await forward(message) }   // each as it arrives
/// }
/// await relay.shutdown()
/// ```
public final class StreamableHTTPRelay: Sendable {
    public struct Reply: Sendable, Equatable {
        public var status: Int
        /// The `Mcp-Session-Id` a successful reply handed out, if any.
        public var sessionID: String?
        public var messages: [JSONValue]
    }

    /// A reply whose head is in: its messages when the body was JSON (or empty), or the SSE
    /// stream still to be read.
    public struct OpenReply: Sendable {
        public enum Body: Sendable {
            case messages([JSONValue])
            case events(EventStream)
        }

        public var status: Int
        /// The `Mcp-Session-Id` a successful reply handed out, if any.
        public var sessionID: String?
        public var body: Body
    }

    /// What a GET for the server-initiated stream got.
    public enum ServerStream: Sendable {
        case events(EventStream)
        /// The server offers no such stream (405), or refused it with this status.
        case refused(status: Int)
    }

    /// An upstream `text/event-stream` being read: the JSON-RPC messages of its `message`
    /// events, in order. It can be read once.
    public struct EventStream: Sendable {
        let response: HTTPClientResponse
        /// The requests the POST carried; the stream is done once each has its reply (a server
        /// may keep it open after the last one). Empty for the GET stream: read to its end.
        let requestIDs: [JSONValue]
        let url: String
        let operation: String
        let timeout: Duration

        /// Hands each message to `body` as it arrives, until the stream is done or `body` returns
        /// false (the request is then abandoned and its connection closed).
        /// - Throws: ``MCPError`` when the stream is cut before every request was answered, an
        ///   event is not JSON, or an event is larger than 256 MiB.
        public func forEach(_ body: (JSONValue) async -> Bool) async throws(MCPError) {
            var parser = SSEParser()
            var unanswered = requestIDs
            do {
                for try await buffer in response.body {
                    // Raw bytes, not the buffer's view: a byte-by-byte walk of a ByteBufferView
                    // costs a bounds-checked read per byte where the code is not specialised.
                    let events = buffer.withUnsafeReadableBytes { parser.feed($0) }
                    for event in events where event.type == "message" && !HTTPResponseRules.isBlank(event.data) {
                        for message in try HTTPResponseRules.parseMessages(Array(event.data.utf8)) {
                            unanswered = HTTPMessageInspection.removingAnswered(by: message, from: unanswered)
                            // Leaving the loop drops the body, which cancels the request.
                            guard await body(message) else { return }
                        }
                    }
                    if !requestIDs.isEmpty, unanswered.isEmpty { return }
                    guard parser.bufferedByteCount <= HTTPResponseRules.maximumBodyBytes else {
                        throw MCPError(.invalidMessage(reason: "an SSE event is larger than \(HTTPResponseRules.maximumBodyBytes / 1024 / 1024) MiB", excerpt: ""))
                    }
                }
            } catch {
                throw HTTPFailureMapping.map(error, url: url, operation: operation, timeout: timeout, phase: .readingBody)
            }
            if !requestIDs.isEmpty, !unanswered.isEmpty, !Task.isCancelled {
                throw MCPError(.streamEnded(url: url, detail: "the server closed the event stream before replying to \(operation)"))
            }
        }
    }

    public let url: String
    private let headers: [HTTPHeaderField]
    private let timeout: Duration
    private let exchange = HTTPExchange(client: HTTPExchange.makeClient())

    public init(url: String, headers: [HTTPHeaderField] = [], timeout: Duration = .seconds(300)) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
    }

    /// POSTs `message` and reads the whole reply.
    /// - Throws: ``MCPError`` when the upstream cannot be reached, answers an HTTP error without
    ///   JSON-RPC replies in it (`.sessionExpired` for a 404 in a session), or cuts the stream.
    public func post(_ message: JSONValue, sessionID: String?, negotiatedVersion: String?) async throws(MCPError) -> Reply {
        let reply = try await send(message, sessionID: sessionID, negotiatedVersion: negotiatedVersion)
        switch reply.body {
        case .messages(let messages):
            return Reply(status: reply.status, sessionID: reply.sessionID, messages: messages)
        case .events(let events):
            var messages: [JSONValue] = []
            try await events.forEach { message in
                messages.append(message)
                return true
            }
            return Reply(status: reply.status, sessionID: reply.sessionID, messages: messages)
        }
    }

    /// POSTs `message` and returns once the reply's head is in: a JSON body is read, an SSE
    /// body is left for the caller to read as it arrives (``EventStream/forEach(_:)``).
    /// - Throws: ``MCPError`` as ``post(_:sessionID:negotiatedVersion:)`` does, except for a
    ///   cut stream, which ``EventStream/forEach(_:)`` reports.
    public func send(_ message: JSONValue, sessionID: String?, negotiatedVersion: String?) async throws(MCPError) -> OpenReply {
        let operation = HTTPMessageInspection.operationName(of: message)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for field in MCPHTTPHeaders.streamablePost(for: message, custom: headers, sessionID: sessionID, negotiatedVersion: negotiatedVersion) {
            request.headers.add(name: field.name, value: field.value)
        }
        request.body = .bytes(JSONEncoding.compactBytes(message))
        let response = try await exchange.execute(request, url: url, operation: operation, timeout: timeout)
        let status = Int(response.status.code)
        let assigned = (200..<300).contains(status) ? response.headers.first(name: MCPHTTPHeaders.sessionID).flatMap { $0.isEmpty ? nil : $0 } : nil
        let requestIDs = HTTPMessageInspection.requestIDs(in: message)
        guard (200..<300).contains(status) else {
            let body = await exchange.bodyPrefix(response)
            switch HTTPResponseRules.failure(status: status, url: url, challenge: response.headers.first(name: "WWW-Authenticate"), body: body, requestIDs: requestIDs) {
            case .replies(let messages): return OpenReply(status: status, sessionID: nil, body: .messages(messages))
            case .error where status == 404 && sessionID != nil: throw MCPError(.sessionExpired)
            case .error(let kind): throw MCPError(kind)
            }
        }
        if status == 202 || status == 204 { return OpenReply(status: status, sessionID: assigned, body: .messages([])) }
        let mediaType = HTTPResponseRules.mediaType(response.headers.first(name: "Content-Type"))
        guard HTTPResponseRules.isEventStream(mediaType) else {
            let body = try await exchange.collectBody(response, url: url, operation: operation, timeout: timeout, limit: HTTPResponseRules.maximumBodyBytes)
            let messages = body.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) ? try HTTPResponseRules.parseMessages(body) : []
            return OpenReply(status: status, sessionID: assigned, body: .messages(messages))
        }
        return OpenReply(status: status, sessionID: assigned,
                         body: .events(EventStream(response: response, requestIDs: requestIDs, url: url, operation: operation, timeout: timeout)))
    }

    /// GETs the stream of server-initiated messages (notifications and requests unrelated to
    /// any POST) of an upstream session.
    /// - Throws: ``MCPError`` when the upstream cannot be reached.
    public func openServerStream(sessionID: String?, negotiatedVersion: String?) async throws(MCPError) -> ServerStream {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        for field in MCPHTTPHeaders.serverStream(custom: headers, sessionID: sessionID, negotiatedVersion: negotiatedVersion) {
            request.headers.add(name: field.name, value: field.value)
        }
        let operation = "the server-initiated event stream"
        let response = try await exchange.execute(request, url: url, operation: operation, timeout: timeout)
        let status = Int(response.status.code)
        guard (200..<300).contains(status), HTTPResponseRules.isEventStream(HTTPResponseRules.mediaType(response.headers.first(name: "Content-Type"))) else {
            _ = await exchange.bodyPrefix(response)
            return .refused(status: (200..<300).contains(status) ? 502 : status)
        }
        return .events(EventStream(response: response, requestIDs: [], url: url, operation: operation, timeout: timeout))
    }

    /// Ends an upstream session (`DELETE`); failures are ignored (the session may be gone).
    public func endSession(_ sessionID: String, negotiatedVersion: String?) async {
        var request = HTTPClientRequest(url: url)
        request.method = .DELETE
        for field in MCPHTTPHeaders.sessionDelete(custom: headers, sessionID: sessionID, negotiatedVersion: negotiatedVersion) {
            request.headers.add(name: field.name, value: field.value)
        }
        _ = try? await exchange.client.execute(request, timeout: .seconds(5))
    }

    /// Closes the client; requests and streams still open are cut.
    public func shutdown() async {
        try? await exchange.client.shutdown()
    }
}
