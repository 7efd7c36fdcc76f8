import AccordContracts
import AccordJSON
import AccordServer
import AccordSnapshot
import AccordYAML

/// Everything `accord mock` serves, decided before it serves anything: the typed middle stage
/// of the pipeline contracts + snapshot → **plan** → served requests → ``MockReport``.
///
/// ```swift
/// let plan = try MockPlan.make(contracts: contracts, snapshot: snapshot, snapshotLabel: "snapshots/demo.json", options: MockOptions())
/// let mock = MockServer(plan: plan)
/// await StdioServer(handler: mock.dispatcher).run()
/// let report = await mock.report(endpoint: "stdio")
/// ```
public struct MockPlan: Sendable {
    /// What `initialize` and the list methods answer.
    public var offer: ServerOffer
    /// Every interaction of every contract, in contract then file order, with its reply.
    public var interactions: [PreparedInteraction]
    /// Tool names the snapshot has (a call of one without an interaction is a tool error, not
    /// an unknown tool).
    public var snapshotTools: Set<String>
    public var snapshotLabel: String
    public var options: MockOptions

    /// Builds the plan.
    /// - Throws: ``InputFileError`` (exit 2) naming the contract file, line and field when a
    ///   contract is for another provider, names something the snapshot lacks, or cannot
    ///   produce a reply that satisfies the snapshot's outputSchema.
    public static func make(contracts: [Contract], snapshot: Snapshot, snapshotLabel: String, options: MockOptions) throws(InputFileError) -> MockPlan {
        let providerName = snapshot.serverInfo["name"]?.stringValue
        for contract in contracts where providerName != nil && contract.provider != providerName {
            throw ContractLocation(contract: contract).error(checkID: CheckID.provider, field: "provider",
                                                              "the contract is for \(contract.provider), but \(snapshotLabel) is \(providerName!); mock it from a snapshot of \(contract.provider)")
        }
        var builder = ReplyBuilder(snapshot: snapshot, snapshotLabel: snapshotLabel)
        var prepared: [PreparedInteraction] = []
        for contract in contracts {
            for (index, interaction) in contract.interactions.enumerated() {
                let reply = try builder.reply(for: interaction, index: index, in: contract)
                prepared.append(PreparedInteraction(index: prepared.count, interaction: interaction, file: contract.file, consumer: contract.consumer,
                                                    line: contract.lines[CheckID.interaction(interaction.name)], reply: reply))
            }
        }
        return MockPlan(
            offer: try OfferSelection.offer(snapshot, contracts: contracts, all: options.offerAll, snapshotLabel: snapshotLabel),
            interactions: prepared,
            snapshotTools: Set(snapshot.tools.compactMap { $0["name"]?.stringValue }),
            snapshotLabel: snapshotLabel,
            options: options)
    }
}
