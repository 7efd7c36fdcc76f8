import AccordJSON
import AccordMCP
import AccordSnapshot
import Synchronization

/// Watches copies of the messages passing through the proxy and pairs each client request
/// with the server's reply by id. It never changes or delays what is forwarded: the proxy hands
/// it lines after writing them on. Both directions call it concurrently, so its table is behind
/// a lock.
///
/// ```swift
/// let observer = TrafficObserver()
/// observer.observe(line, from: .client)      // {"id":1,"method":"tools/call",…}
/// observer.observe(reply, from: .server)     // {"id":1,"result":{…}}
/// observer.session.exchanges.count           // 1
/// ```
public final class TrafficObserver: Sendable {
    /// Who sent a message.
    public enum Sender: Sendable { case client, server }

    private struct Request: Sendable {
        var id: JSONValue
        var method: String
        var params: JSONValue?
    }

    private struct State: Sendable {
        var session = ObservedSession()
        /// Client requests waiting for the server's reply, by conversation and compact id text.
        var pending: [String: Request] = [:]
        /// The order requests arrived in, so unanswered ones are answered in order.
        var order: [String] = []
        var messages = 0
        var seenExchanges: Set<ObservedExchange> = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Observes one stdio line (or one HTTP body); lines that are not JSON-RPC are ignored.
    public func observe(_ line: some Collection<UInt8>, from sender: Sender) {
        guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
              let value = try? JSONValue(parsing: line) else { return }
        observe(value, from: sender)
    }

    /// Observes a decoded message (a batch is taken apart).
    /// - Parameter conversation: where the message's ids are unique — an HTTP session, or one
    ///   stateless request — so that two clients' request 1 are told apart; nil on stdio.
    public func observe(_ value: JSONValue, from sender: Sender, conversation: String? = nil) {
        if case .array(let batch) = value {
            batch.forEach { observe($0, from: sender, conversation: conversation) }
            return
        }
        guard let message = try? JSONRPCMessage(value) else { return }
        func key(_ id: JSONValue) -> String {
            conversation.map { "\($0) " + JSONEncoding.compact(id) } ?? JSONEncoding.compact(id)
        }
        state.withLock { state in
            state.messages += 1
            switch (sender, message) {
            case (.client, .request(let id, let method, let params)):
                let key = key(id)
                if state.pending[key] == nil { state.order.append(key) }
                state.pending[key] = Request(id: id, method: method, params: params)
            case (.client, .notification("notifications/cancelled", let params)):
                if let id = params?["requestId"] { state.pending[key(id)] = nil }
            case (.server, .response(let id, let result)):
                guard let request = state.pending.removeValue(forKey: key(id)) else { return }
                Self.record(request, .result(result), into: &state)
            case (.server, .errorResponse(let id?, let error)):
                guard let request = state.pending.removeValue(forKey: key(id)) else { return }
                Self.record(request, .error(code: error.code), into: &state)
            default:
                // Notifications, server-to-client requests (sampling, elicitation, roots) and the
                // client's answers to them pass through; they are not part of a contract.
                break
            }
        }
    }

    /// What has been seen so far.
    public var session: ObservedSession { state.withLock { $0.session } }

    /// JSON-RPC messages observed in both directions.
    public var messageCount: Int { state.withLock { $0.messages } }

    /// Ids of client requests the server has not answered, oldest first; marks them answered.
    public func takeUnansweredRequests() -> [JSONValue] {
        state.withLock { state in
            let ids = state.order.compactMap { state.pending[$0]?.id }
            state.pending = [:]
            state.order = []
            return ids
        }
    }

    private static func record(_ request: Request, _ outcome: ObservedExchange.Outcome, into state: inout State) {
        if let exchange = ObservedExchange(method: request.method, params: request.params, outcome: outcome) {
            state.session.callCount += 1
            if state.seenExchanges.insert(exchange).inserted { state.session.exchanges.append(exchange) }
            return
        }
        record(request, outcome, into: &state.session)
    }

    private static func record(_ request: Request, _ outcome: ObservedExchange.Outcome, into session: inout ObservedSession) {
        switch (request.method, outcome) {
        case ("initialize", .result(let result)):
            session.hello = ServerHello(
                protocolVersion: result["protocolVersion"]?.stringValue ?? "",
                era: .handshake,
                capabilities: result["capabilities"] ?? .object([:]),
                serverInfo: result["serverInfo"] ?? .null,
                instructions: result["instructions"]?.stringValue
            )
        case ("server/discover", .result(let result)):
            let requested = request.params?["_meta"]?["io.modelcontextprotocol/protocolVersion"]?.stringValue
            session.hello = ServerHello(
                protocolVersion: requested ?? result["supportedVersions"]?[0]?.stringValue ?? "",
                era: .modern,
                capabilities: result["capabilities"] ?? .object([:]),
                serverInfo: result["_meta"]?["io.modelcontextprotocol/serverInfo"] ?? .null,
                instructions: result["instructions"]?.stringValue
            )
        case (let method, .result(let result)):
            guard let kind = DefinitionKind.allCases.first(where: { $0.listMethod.method == method }) else { return }
            session.listed.insert(kind)
            var known = Set((session.definitions[kind] ?? []).compactMap(kind.identity(of:)))
            for item in result[kind.listMethod.itemsKey]?.arrayValue ?? [] {
                guard let identity = kind.identity(of: item), known.insert(identity).inserted else { continue }
                session.definitions[kind, default: []].append(item)
            }
        case (_, .error):
            break
        }
    }
}
