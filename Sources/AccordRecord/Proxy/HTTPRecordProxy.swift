import AccordJSON
import AccordMCP
import AccordServer
import Synchronization

/// The Streamable HTTP recording proxy: served by ``AccordServer``'s HTTP listener (which
/// keeps the client's sessions), it forwards each message as sent to the upstream endpoint
/// over its own upstream session and passes the upstream's reply on as it arrives — a JSON reply
/// as JSON, an SSE reply as an SSE stream written event by event, so progress reaches the client
/// before the result and a server-to-client request (sampling, elicitation, roots) sent mid-call
/// can be answered by the client's next POST, which is forwarded like any other message. A
/// client's GET opens the upstream session's GET stream and relays it (405 when the upstream
/// has none); a client's DELETE ends the upstream session. A ``TrafficObserver`` sees every
/// message both ways. Headers from the client (Authorization among them) are neither forwarded
/// nor kept; upstream headers come from ``StreamableHTTPRelay``'s own.
///
/// An upstream that cannot be reached or cuts a reply answers the client's request with a
/// JSON-RPC error (as the last event of a stream already open) and ends the recording as
/// ``SessionEnding/upstreamExited(status:)``.
///
/// ```swift
/// let proxy = HTTPRecordProxy(relay: StreamableHTTPRelay(url: "http://127.0.0.1:8931/mcp"), observer: observer)
/// let server = try await HTTPServer.bind(try ListenAddress(parsing: "127.0.0.1:9000"), handler: proxy)
/// let ending = await proxy.serve(server)     // until cancelled or the upstream is gone
/// ```
public final class HTTPRecordProxy: ServerMessageHandler {
    private struct Upstream: Sendable {
        var sessionID: String?
        var protocolVersion: String?
    }

    private struct State: Sendable {
        /// Upstream session state by our session id (stateless requests keep nothing).
        var upstreams: [String: Upstream] = [:]
        var failure: String?
        var failed: CheckedContinuation<Void, Never>?
        var failureSeen = false
        /// The proxy is shutting down: requests cut now were cut by us, not by the upstream.
        var stopping = false
    }

    private let relay: StreamableHTTPRelay
    private let observer: TrafficObserver
    private let state = Mutex(State())
    /// Numbers the stateless (modern-era) requests, each a conversation for the observer.
    private let statelessRequests = Atomic<Int>(0)

    public init(relay: StreamableHTTPRelay, observer: TrafficObserver) {
        self.relay = relay
        self.observer = observer
    }

    public func receive(_ message: InboundMessage, in session: ServerSession) async -> [JSONValue] {
        await reply(to: message, in: session).collected()
    }

    public func reply(to message: InboundMessage, in session: ServerSession) async -> ServerReply {
        // Ids are unique within a session; a stateless request is a conversation of its own.
        let conversation = session.id ?? "stateless \(statelessRequests.add(1, ordering: .relaxed).newValue)"
        observer.observe(message.json, from: .client, conversation: conversation)
        let key = session.id
        let upstream = key.flatMap { id in state.withLock { $0.upstreams[id] } } ?? Upstream()
        let reply: StreamableHTTPRelay.OpenReply
        do {
            reply = try await relay.send(message.json, sessionID: upstream.sessionID, negotiatedVersion: upstream.protocolVersion)
        } catch {
            return .messages(failed(message, error, conversation: conversation))
        }
        if let key, let assigned = reply.sessionID, assigned != upstream.sessionID {
            state.withLock { $0.upstreams[key, default: Upstream()].sessionID = assigned }
        }
        switch reply.body {
        case .messages(let answers):
            for answer in answers { passing(answer, answering: message, in: key, conversation: conversation) }
            return .messages(answers)
        case .events(let events):
            return .stream { send in
                do throws(MCPError) {
                    try await events.forEach { answer in
                        self.passing(answer, answering: message, in: key, conversation: conversation)
                        return await send(answer)
                    }
                } catch {
                    for answer in self.failed(message, error, conversation: conversation) { _ = await send(answer) }
                }
            }
        }
    }

    public var offersServerStream: Bool { true }

    /// The upstream session's GET stream, relayed; the upstream's refusal (405: it has none) is
    /// the client's. A stream the upstream ends or cuts just ends: a server may close it at any time.
    public func openServerStream(in session: ServerSession) async -> ServerStreamOpening {
        let upstream = session.id.flatMap { id in state.withLock { $0.upstreams[id] } } ?? Upstream()
        let opened: StreamableHTTPRelay.ServerStream
        do {
            opened = try await relay.openServerStream(sessionID: upstream.sessionID, negotiatedVersion: upstream.protocolVersion)
        } catch {
            return .refused(status: 502, reason: "Bad Gateway: accord record could not open the upstream's event stream: \(String("\(error)".prefix(300)))")
        }
        switch opened {
        case .refused(let status):
            return .refused(status: status, reason: "the upstream server answered the GET for its event stream with HTTP \(status)")
        case .events(let events):
            return .stream { send in
                try? await events.forEach { message in
                    self.observer.observe(message, from: .server, conversation: session.id)
                    return await send(message)
                }
            }
        }
    }

    /// Observes one message of the upstream's reply to `message`; the `initialize` result
    /// settles the session's protocol version, which later upstream requests name.
    private func passing(_ answer: JSONValue, answering message: InboundMessage, in key: String?, conversation: String) {
        observer.observe(answer, from: .server, conversation: conversation)
        guard let key, case .request(let id, "initialize", _) = message.message, answer["id"] == id,
              let version = answer["result"]?["protocolVersion"]?.stringValue else { return }
        state.withLock { $0.upstreams[key, default: Upstream()].protocolVersion = version }
    }

    public func sessionEnded(_ session: ServerSession) async {
        guard let key = session.id, let upstream = state.withLock({ $0.upstreams.removeValue(forKey: key) }),
              let upstreamID = upstream.sessionID else { return }
        await relay.endSession(upstreamID, negotiatedVersion: upstream.protocolVersion)
    }

    /// Serves `server` until the task is cancelled (SIGINT/SIGTERM) or the upstream is gone;
    /// the listener is closed and every upstream session ended before this returns.
    public func serve(_ server: HTTPServer) async -> SessionEnding {
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await server.run() }
                group.addTask { await self.upstreamFailure() }
                await group.next()
                group.cancelAll()
            }
        } onCancel: {
            // Ending the sessions below cuts the calls still open: that is no upstream failure.
            state.withLock { $0.stopping = true }
        }
        state.withLock { $0.stopping = true }
        await relay.shutdown()
        if let failure = state.withLock({ $0.failure }) { return .upstreamExited(status: failure) }
        return .interrupted
    }

    /// Returns once the upstream has failed (or the task is cancelled).
    private func upstreamFailure() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.failureSeen { return true }
                    state.failed = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiting = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.failureSeen = true
                defer { state.failed = nil }
                return state.failed
            }
            waiting?.resume()
        }
    }

    /// The client's request gets a JSON-RPC error; an unreachable upstream ends the recording.
    private func failed(_ message: InboundMessage, _ error: MCPError, conversation: String) -> [JSONValue] {
        let reason = "\(error)"
        let ends: Bool
        switch error.kind {
        case .connectionFailed, .streamEnded, .timeout: ends = true
        default: ends = false
        }
        // Whether the recording was already stopping is read in the same lock that records
        // this failure: once it is recorded, the recording ends and `stopping` turns true at
        // once, but this call's answer is still "the upstream failed".
        let (stopping, waiting) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
            guard ends, !state.stopping else { return (state.stopping, nil) }
            if state.failure == nil { state.failure = "unreachable: \(String(reason.prefix(200)))" }
            state.failureSeen = true
            defer { state.failed = nil }
            return (false, state.failed)
        }
        waiting?.resume()
        guard case .request(let id, _, _) = message.message else { return [] }
        let answer = JSONRPCMessage.errorResponse(id: id, error: JSONRPCErrorObject(
            code: UpstreamGoneReply.code,
            message: stopping ? "accord record: the recording stopped before the upstream server answered"
                : "accord record: the upstream server failed: \(String(reason.prefix(300)))"
        )).json
        observer.observe(answer, from: .server, conversation: conversation)
        return [answer]
    }
}
