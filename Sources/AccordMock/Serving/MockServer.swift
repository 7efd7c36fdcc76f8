import AccordJSON
import AccordMCP
import AccordReport
import AccordServer

/// `accord mock`'s server: the plan's offer behind an ``MCPServerDispatcher`` whose calls a
/// ``MockCallHandler`` answers from the contracts, recording everything in a ``MockLedger``.
/// Serve ``dispatcher`` on any transport, then ask for the ``report(endpoint:)``.
public struct MockServer: Sendable {
    public let plan: MockPlan
    public let ledger: MockLedger
    /// The message handler to give a transport (``StdioServer``, ``HTTPServer``).
    public let dispatcher: MCPServerDispatcher

    public init(plan: MockPlan) {
        self.plan = plan
        let ledger = MockLedger(interactions: plan.interactions)
        self.ledger = ledger
        self.dispatcher = MCPServerDispatcher(offer: plan.offer, calls: MockCallHandler(plan: plan, ledger: ledger))
    }

    /// The consumer's verdict so far; `endpoint` is `stdio` or the URL served.
    public func report(endpoint: String) async -> MockReport {
        await ledger.report(plan: plan, endpoint: endpoint)
    }
}

/// Answers `tools/call`, `resources/read` and `prompts/get` from the contracts' interactions.
///
/// - A matching interaction's prepared reply.
/// - A tool the snapshot has but no interaction calls: a tool result with `isError: true`
///   saying so (a consumer sees what a real server would give for a failed call).
/// - Anything else: a JSON-RPC error (-32602; -32002 for resources) whose message names the
///   closest interaction and what differs.
///
/// All but the first are recorded as unexpected, as are methods the mock does not serve.
struct MockCallHandler: MCPCallHandler, MCPSessionObserver {
    static let resourceNotFound = -32002

    let plan: MockPlan
    let ledger: MockLedger
    let matcher: CallMatcher

    init(plan: MockPlan, ledger: MockLedger) {
        self.plan = plan
        self.ledger = ledger
        self.matcher = CallMatcher(interactions: plan.interactions)
    }

    func handle(_ call: MCPCall) async -> MCPCallOutcome {
        let states = StateSelection.of(meta: call.meta, defaults: plan.options.states)
        let target = call.target
        let arguments = CallMatcher.arguments(of: target)
        switch matcher.match(target, states: states) {
        case .matched(let interaction):
            await ledger.exercised(interaction)
            return .result(interaction.reply)
        case .unmatched(let message, let closest):
            if case .callTool(let name, _) = target, plan.snapshotTools.contains(name),
               !plan.interactions.contains(where: { $0.interaction.call.method == "tools/call" && $0.target == name }) {
                let offered = plan.offer.tools.contains { $0["name"]?.stringValue == name }
                let text = "accord mock: no interaction in the contracts calls tool \(name)\(offered ? "" : " (it is in the snapshot but not offered without --all)"); add an interaction for it to a contract to mock its result"
                await ledger.unexpected(method: target.method, target: name, arguments: arguments, reason: text)
                return .result(["content": [["type": "text", "text": .string(text)]], "isError": true])
            }
            await ledger.unexpected(method: target.method, target: target.name, arguments: arguments, reason: message, closest: closest)
            let code = target.method == "resources/read" ? Self.resourceNotFound : JSONRPCErrorObject.invalidParams
            return .error(JSONRPCErrorObject(code: code, message: message))
        }
    }

    func unhandled(method: String, params: JSONValue?, session: ServerSession) async {
        await ledger.unexpected(method: method, target: nil, arguments: nil,
                                reason: "accord mock: method \(method) is not served (only the handshake, ping, the lists, tools/call, resources/read and prompts/get)")
    }

    func sessionEnded(_ session: ServerSession) async {
        if session.id != nil || session.transport == .stdio { await ledger.sessionEnded() }
    }
}
