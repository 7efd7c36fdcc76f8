import AccordJSON
import AccordMCP
import AccordServer
import Synchronization

/// The Streamable HTTP recording proxy: served by ``AccordServer``'s HTTP listener (which
/// keeps the client's sessions), it forwards each message as sent to the upstream endpoint
/// over its own upstream session, hands the upstream's reply messages back unchanged, and lets
/// a ``TrafficObserver`` watch both. Headers from the client (Authorization among them) are
/// neither forwarded nor kept; upstream headers come from ``StreamableHTTPRelay``'s own.
///
/// An upstream that cannot be reached or cuts a reply answers the client's request with a
/// JSON-RPC error and ends the recording as ``SessionEnding/upstreamExited(status:)``.
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
    }

    private let relay: StreamableHTTPRelay
    private let observer: TrafficObserver
    private let state = Mutex(State())

    public init(relay: StreamableHTTPRelay, observer: TrafficObserver) {
        self.relay = relay
        self.observer = observer
    }

    public func receive(_ message: InboundMessage, in session: ServerSession) async -> [JSONValue] {
        observer.observe(message.json, from: .client)
        let key = session.id
        let upstream = key.flatMap { id in state.withLock { $0.upstreams[id] } } ?? Upstream()
        let reply: StreamableHTTPRelay.Reply
        do {
            reply = try await relay.post(message.json, sessionID: upstream.sessionID, negotiatedVersion: upstream.protocolVersion)
        } catch {
            return failed(message, error)
        }
        if let key {
            var updated = upstream
            if let assigned = reply.sessionID { updated.sessionID = assigned }
            if case .request(let id, "initialize", _) = message.message,
               let version = reply.messages.first(where: { $0["id"] == id })?["result"]?["protocolVersion"]?.stringValue {
                updated.protocolVersion = version
            }
            if updated.sessionID != nil || updated.protocolVersion != nil {
                state.withLock { $0.upstreams[key] = updated }
            }
        }
        for answer in reply.messages { observer.observe(answer, from: .server) }
        return reply.messages
    }

    public func sessionEnded(_ session: ServerSession) async {
        guard let key = session.id, let upstream = state.withLock({ $0.upstreams.removeValue(forKey: key) }),
              let upstreamID = upstream.sessionID else { return }
        await relay.endSession(upstreamID, negotiatedVersion: upstream.protocolVersion)
    }

    /// Serves `server` until the task is cancelled (SIGINT/SIGTERM) or the upstream is gone;
    /// the listener is closed and every upstream session ended before this returns.
    public func serve(_ server: HTTPServer) async -> SessionEnding {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await server.run() }
            group.addTask { await self.upstreamFailure() }
            await group.next()
            group.cancelAll()
        }
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
    private func failed(_ message: InboundMessage, _ error: MCPError) -> [JSONValue] {
        let reason = "\(error)"
        let ends: Bool
        switch error.kind {
        case .connectionFailed, .streamEnded, .timeout: ends = true
        default: ends = false
        }
        if ends {
            let waiting = state.withLock { state -> CheckedContinuation<Void, Never>? in
                if state.failure == nil { state.failure = "unreachable: \(String(reason.prefix(200)))" }
                state.failureSeen = true
                defer { state.failed = nil }
                return state.failed
            }
            waiting?.resume()
        }
        guard case .request(let id, _, _) = message.message else { return [] }
        let answer = JSONRPCMessage.errorResponse(id: id, error: JSONRPCErrorObject(
            code: UpstreamGoneReply.code, message: "accord record: the upstream server failed: \(String(reason.prefix(300)))"
        )).json
        observer.observe(answer, from: .server)
        return [answer]
    }
}
