import AccordContracts
import AccordJSON
@testable import AccordMock
import AccordYAML
import Testing

/// The plan: what is offered, the replies, and the contracts that cannot be served.
@Suite struct MockPlanTests {
    static func plan(_ contracts: [Contract], all: Bool = false, snapshot: String = "snapshots/demo.json") throws -> MockPlan {
        try MockPlan.make(contracts: contracts, snapshot: try Demo.snapshot(snapshot), snapshotLabel: snapshot, options: MockOptions(offerAll: all))
    }

    @Test func offersWhatTheContractsNameOrEverything() throws {
        let billing = try Self.plan([try Demo.contract("billing-agent")])
        #expect(billing.offer.tools.compactMap { $0["name"]?.stringValue } == ["create_invoice", "get_invoice", "record_payment"])
        #expect(billing.offer.prompts.compactMap { $0["name"]?.stringValue } == ["draft_payment_reminder"])
        #expect(billing.offer.resources.compactMap { $0["uri"]?.stringValue } == ["ledgerly://config"])
        #expect(billing.offer.resourceTemplates.compactMap { $0["uriTemplate"]?.stringValue } == ["ledgerly://invoices/{invoiceId}"])
        #expect(billing.offer.serverInfo["name"] == "ledgerly")
        #expect(billing.offer.instructions?.hasPrefix("Ledgerly is a small invoicing ledger.") == true)
        let everything = try Self.plan([try Demo.contract("billing-agent")], all: true)
        #expect(everything.offer.tools.count == 7)
    }

    /// Each reply satisfies its tool's outputSchema (required members the contract left out are
    /// generated) and its own expectation; literals stay as written.
    @Test func repliesSatisfyOutputSchemaAndExpectation() throws {
        let snapshot = try Demo.snapshot()
        let plan = try Self.plan([try Demo.contract("billing-agent"), try Demo.contract("collections-bot")])
        for prepared in plan.interactions {
            #expect(prepared.interaction.effectiveExpectation.mismatches(prepared.reply, at: .root).isEmpty, "\(prepared.label)")
            if case .callTool(let name, _) = prepared.interaction.call, let schema = snapshot.tools.first(where: { $0["name"]?.stringValue == name })?["outputSchema"] {
                let structured = try #require(prepared.reply["structuredContent"])
                #expect(JSONSchemaValidator(schema: schema).validate(structured).isEmpty, "\(prepared.label): \(structured)")
                #expect(prepared.reply["content"]?[0]?["type"] == "text")
            }
        }
        let payment = try #require(plan.interactions.first { $0.interaction.name == "record a card payment" })
        #expect(payment.reply["structuredContent"]?["balanceCents"] == 38000)
        #expect(payment.reply["structuredContent"]?["invoiceId"] == "INV-1002")
        #expect(payment.reply["isError"] == false)
        // Required members the contract left out read like data: plain values the schema accepts.
        #expect(payment.reply["structuredContent"]?["amountPaidCents"] == 0)
        #expect(payment.reply["structuredContent"]?["status"] == "mock")
        let invoice = try #require(plan.interactions.first { $0.interaction.name == "fetch a paid invoice" })
        #expect(invoice.reply["structuredContent"]?["currency"] == "EUR", "the first enum value")
        #expect(invoice.reply["structuredContent"]?["dueDate"] == "2025-03-15", "the date format's sample")
    }

    @Test func repliesAreTheSameOnEveryRun() throws {
        let first = try Self.plan([try Demo.contract("billing-agent")]).interactions.map(\.reply)
        let second = try Self.plan([try Demo.contract("billing-agent")]).interactions.map(\.reply)
        #expect(first == second)
    }

    static let unsatisfiable = """
        accord-contract: 1
        consumer: test-agent
        provider: ledgerly
        interactions:
          - name: a fine call
            call: tools/call
            tool: get_customer_balance
            arguments: { customerId: CUST-003 }
          - name: a total that is text
            call: tools/call
            tool: get_invoice
            arguments: { invoiceId: INV-1001 }
            expect:
              structuredContent:
                totalCents: "a lot"
        """

    @Test func aReplyTheOutputSchemaRejectsStopsTheMockNamingFileLineAndField() throws {
        let contract = try Demo.contract(text: Self.unsatisfiable)
        #expect {
            try Self.plan([contract])
        } throws: { error in
            guard let error = error as? InputFileError else { return false }
            return error.file == "contracts/test-agent.yaml" && error.line == 9 && error.field == "interactions[1].expect.structuredContent.totalCents"
                && error.reason.contains("outputSchema of get_invoice") && error.description.hasPrefix("contracts/test-agent.yaml:9: interactions[1].expect.structuredContent.totalCents:")
        }
    }

    @Test func aContractNamingWhatTheSnapshotLacksOrAnotherProvider() throws {
        // customer-portal is written against release 2.0.0: get_customer does not exist in 1.0.0.
        #expect {
            try Self.plan([try Demo.contract("customer-portal")])
        } throws: { error in
            guard let error = error as? InputFileError else { return false }
            return error.field == "interactions[0]" && error.reason.contains("get_customer") && error.line != nil
        }
        #expect(throws: Never.self) { try Self.plan([try Demo.contract("customer-portal")], snapshot: "snapshots/demo-v2.json") }
        let other = try Demo.contract(text: "accord-contract: 1\nconsumer: x\nprovider: weather\n")
        #expect {
            try Self.plan([other])
        } throws: { error in
            (error as? InputFileError)?.field == "provider" && (error as? InputFileError)?.line == 3
        }
    }
}
