import AccordJSON
import AsyncHTTPClient

/// One message at a time to a Streamable HTTP endpoint, for a proxy (`accord record --upstream`)
/// rather than a client: the caller keeps the session (``Reply/sessionID``) and the negotiated
/// version, and gets back every message the reply carried (a JSON body or an SSE stream read to
/// the response), exactly as sent. Header values given at init are sent on every request and
/// never shown.
///
/// ```swift
/// let relay = StreamableHTTPRelay(url: "http://127.0.0.1:8931/mcp")
/// let reply = try await relay.post(initialize, sessionID: nil, negotiatedVersion: nil)
/// reply.sessionID   // "3f2a…" (the upstream's Mcp-Session-Id)
/// reply.messages    // [the initialize response]
/// await relay.shutdown()
/// ```
public final class StreamableHTTPRelay: Sendable {
    public struct Reply: Sendable, Equatable {
        public var status: Int
        /// The `Mcp-Session-Id` a successful reply handed out, if any.
        public var sessionID: String?
        public var messages: [JSONValue]
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
            case .replies(let messages): return Reply(status: status, sessionID: nil, messages: messages)
            case .error where status == 404 && sessionID != nil: throw MCPError(.sessionExpired)
            case .error(let kind): throw MCPError(kind)
            }
        }
        if status == 202 || status == 204 { return Reply(status: status, sessionID: assigned, messages: []) }
        let mediaType = HTTPResponseRules.mediaType(response.headers.first(name: "Content-Type"))
        guard HTTPResponseRules.isEventStream(mediaType) else {
            let body = try await exchange.collectBody(response, url: url, operation: operation, timeout: timeout, limit: HTTPResponseRules.maximumBodyBytes)
            let messages = body.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) ? try HTTPResponseRules.parseMessages(body) : []
            return Reply(status: status, sessionID: assigned, messages: messages)
        }
        var messages: [JSONValue] = []
        var parser = SSEParser()
        var unanswered = requestIDs
        do {
            reading: for try await buffer in response.body {
                for event in parser.feed(buffer.readableBytesView) where event.type == "message" && !HTTPResponseRules.isBlank(event.data) {
                    let carried = try HTTPResponseRules.parseMessages(Array(event.data.utf8))
                    messages += carried
                    for reply in carried { unanswered = HTTPMessageInspection.removingAnswered(by: reply, from: unanswered) }
                }
                // A server may keep the stream open after the last reply.
                if !requestIDs.isEmpty, unanswered.isEmpty { break reading }
                guard parser.bufferedByteCount <= HTTPResponseRules.maximumBodyBytes else {
                    throw MCPError(.invalidMessage(reason: "an SSE event is larger than \(HTTPResponseRules.maximumBodyBytes / 1024 / 1024) MiB", excerpt: ""))
                }
            }
        } catch {
            throw HTTPFailureMapping.map(error, url: url, operation: operation, timeout: timeout, phase: .readingBody)
        }
        if !unanswered.isEmpty {
            throw MCPError(.streamEnded(url: url, detail: "the server closed the event stream before replying to \(operation)"))
        }
        return Reply(status: status, sessionID: assigned, messages: messages)
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

    public func shutdown() async {
        try? await exchange.client.shutdown()
    }
}
