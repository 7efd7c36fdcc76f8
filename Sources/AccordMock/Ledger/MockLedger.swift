import AccordJSON
import AccordReport

/// What the mock saw: calls per interaction, unexpected requests (grouped by request and
/// reason, in the order first seen) and sessions ended. Shared by every session's requests,
/// hence an actor.
public actor MockLedger {
    private let interactions: [PreparedInteraction]
    private var calls: [Int]
    private var unexpected: [MockReport.UnexpectedRequest] = []
    private var sessions = 0

    public init(interactions: [PreparedInteraction]) {
        self.interactions = interactions
        self.calls = Array(repeating: 0, count: interactions.count)
    }

    func exercised(_ interaction: PreparedInteraction) {
        calls[interaction.index] += 1
    }

    func unexpected(method: String, target: String?, arguments: JSONValue?, reason: String, closest: PreparedInteraction? = nil) {
        if let index = unexpected.firstIndex(where: { $0.method == method && $0.target == target && $0.arguments == arguments && $0.reason == reason }) {
            unexpected[index].count += 1
        } else {
            let location = closest.map { MockReport.ClosestInteraction(file: $0.file, interaction: $0.interaction.name, line: $0.line) }
            unexpected.append(MockReport.UnexpectedRequest(method: method, target: target, arguments: arguments, reason: reason, closest: location))
        }
    }

    func sessionEnded() { sessions += 1 }

    /// The report so far (the CLI asks once serving has stopped).
    public func report(plan: MockPlan, endpoint: String) -> MockReport {
        MockReport(
            provider: plan.offer.serverInfo["name"]?.stringValue ?? "(unnamed)",
            providerVersion: plan.offer.serverInfo["version"]?.stringValue,
            snapshot: plan.snapshotLabel, endpoint: endpoint, requireAll: plan.options.requireAll, sessions: sessions,
            interactions: interactions.map { prepared in
                MockReport.InteractionUse(file: prepared.file, consumer: prepared.consumer, interaction: prepared.interaction.name, line: prepared.line,
                                          method: prepared.interaction.call.method, target: prepared.target,
                                          state: prepared.interaction.given?.state, calls: calls[prepared.index])
            },
            unexpected: unexpected)
    }
}
