import AccordContracts
import AccordJSON
@testable import AccordMock
import AccordServer
import Testing

/// Which interaction answers a call, and what the error says when none does.
@Suite struct CallMatcherTests {
    let plan: MockPlan
    let matcher: CallMatcher

    init() throws {
        plan = try MockPlan.make(contracts: [try Demo.contract("billing-agent"), try Demo.contract("collections-bot")], snapshot: try Demo.snapshot(),
                                 snapshotLabel: "snapshots/demo.json", options: MockOptions())
        matcher = CallMatcher(interactions: plan.interactions)
    }

    func message(_ target: MCPCall.Target, states: [String] = []) -> String? {
        guard case .unmatched(let message, _) = matcher.match(target, states: StateSelection(states: states)) else { return nil }
        return message
    }

    @Test func equalArgumentsMatch() {
        guard case .matched(let interaction) = matcher.match(.callTool(name: "get_invoice", arguments: ["invoiceId": "INV-1001"]), states: StateSelection(states: [])) else {
            Issue.record("no match"); return
        }
        #expect(interaction.interaction.name == "fetch a paid invoice")
        // Numbers compare numerically.
        guard case .matched = matcher.match(.callTool(name: "record_payment", arguments: ["invoiceId": "INV-1002", "amountCents": .number(JSONNumber(text: "1.0e4")!), "method": "card"]),
                                            states: StateSelection(states: [])) else { Issue.record("1.0e4 is 10000"); return }
    }

    @Test func aWrongArgumentNamesTheClosestInteractionTheArgumentAndTheMatcher() throws {
        let text = try #require(message(.callTool(name: "get_invoice", arguments: ["invoiceId": "INV-9"])))
        #expect(text == #"accord mock: no interaction matches tools/call get_invoice {"invoiceId":"INV-9"}; closest is "fetch a paid invoice" (\#(PackagePathsLabel.billing):30): argument /invoiceId: expected "INV-1001", got "INV-9""#)
    }

    @Test func missingAndExtraArguments() throws {
        let missing = try #require(message(.callTool(name: "record_payment", arguments: ["invoiceId": "INV-1002", "method": "card"])))
        #expect(missing.contains("argument /amountCents: expected 10000, got nothing (missing)"), "\(missing)")
        let extra = try #require(message(.callTool(name: "get_invoice", arguments: ["invoiceId": "INV-1001", "verbose": true])))
        #expect(extra.contains("argument /verbose: not among the interaction's arguments, got true"), "\(extra)")
    }

    @Test func anUnknownNameNamesTheNearestTarget() throws {
        let text = try #require(message(.callTool(name: "get_invoices", arguments: [:])))
        #expect(text.contains(#"closest is "fetch a paid invoice""#) && text.hasSuffix("which calls tool get_invoice"), "\(text)")
        let read = try #require(message(.readResource(uri: "ledgerly://invoices/INV-1004")))
        #expect(read.contains(#"closest is "read an invoice through its URI""#) && read.contains("which reads ledgerly://invoices/INV-1003"), "\(read)")
    }

    @Test func statesSelectAndExplain() throws {
        let call = MCPCall.Target.callTool(name: "list_invoices", arguments: ["status": "overdue"])
        guard case .matched = matcher.match(call, states: StateSelection(states: [])) else { Issue.record("no state selected: all eligible"); return }
        guard case .matched = matcher.match(call, states: StateSelection(states: ["the seed ledger"])) else { Issue.record("its state selected"); return }
        let text = try #require(message(call, states: ["an empty ledger"]))
        #expect(text.contains(#"it needs provider state "the seed ledger" (selected: "an empty ledger"; select it with --state or _meta "accord/state")"#), "\(text)")
    }

    @Test func argumentsMayBeWrittenAsMatchers() {
        let written: JSONValue = ["invoiceId": ["$regex": "^INV-[0-9]{4}$"], "limit": ["$integer": true]]
        #expect(ArgumentMatching.mismatches(expected: written, actual: ["invoiceId": "INV-1234", "limit": 5]).isEmpty)
        let wrong = ArgumentMatching.mismatches(expected: written, actual: ["invoiceId": "X", "limit": 5])
        #expect(wrong.map(\.message) == [#"/invoiceId: expected a string matching ^INV-[0-9]{4}$, got "X""#])
    }

    @Test func stateFromMeta() {
        #expect(StateSelection.of(meta: ["accord/state": "a"], defaults: ["b"]).states == ["a"])
        #expect(StateSelection.of(meta: ["accord/state": ["a", "c"]], defaults: ["b"]).states == ["a", "c"])
        #expect(StateSelection.of(meta: nil, defaults: ["b"]).states == ["b"])
    }
}

/// Contract files as the plan labels them (the path they were loaded from).
enum PackagePathsLabel {
    static var billing: String { (try? Demo.contract("billing-agent").file) ?? "" }
}
