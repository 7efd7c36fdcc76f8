import AccordContracts
import AccordJSON
import AccordSnapshot
import Foundation
import Testing

/// The demo contracts against Ledgerly 1.0.0 and 2.0.0 (docs/demo-server.md lists the 21 changes).
struct StaticVerificationTests {
    static func demo(_ release: String) throws -> Snapshot {
        try SnapshotFile.read(Paths.repo(release == "1.0.0" ? "snapshots/demo.json" : "snapshots/demo-v2.json"))
    }

    static func contract(_ consumer: String) throws -> Contract {
        try ContractFile.load(Paths.demoContract("\(consumer).yaml"))
    }

    @Test(arguments: ["billing-agent", "collections-bot"])
    func bothContractsPassAgainstRelease1(_ consumer: String) throws {
        let verification = StaticVerifier.verify(try Self.contract(consumer), against: try Self.demo("1.0.0"))
        #expect(verification.failedChecks.map(\.id) == [], "\(verification.failedChecks.flatMap(\.mismatches).map(\.message))")
        #expect(!verification.failed)
        #expect(verification.summary.hasSuffix("all \(verification.checks.count) checks passed"))
    }

    @Test func billingAgentAgainstRelease2FailsExactlyWhereTheBreakingChangesBite() throws {
        let contract = try Self.contract("billing-agent")
        let verification = StaticVerifier.verify(contract, against: try Self.demo("2.0.0"))
        let failures = Dictionary(uniqueKeysWithValues: verification.failedChecks.map { ($0.id, $0.mismatches.map(\.message)) })
        #expect(failures == [
            // #4 customerName removed from get_invoice's output
            "tool:get_invoice:reads:/customerName": [
                "/structuredContent/customerName: not guaranteed by the outputSchema (expected a required property customerName): the outputSchema does not declare it",
            ],
            "interaction:fetch a paid invoice": [
                "/structuredContent/customerName: not guaranteed by the outputSchema (expected a required property customerName): the outputSchema does not declare it",
            ],
            // #1 paidOn became required
            "tool:record_payment:examples[0]": [#"/arguments: missing required property "paidOn""#],
            "tool:record_payment:examples[1]": [#"/arguments: missing required property "paidOn""#],
            "interaction:record a card payment": [#"/arguments: missing required property "paidOn""#],
            // #5 create_invoice became destructive
            "tool:create_invoice:annotations": [
                "/annotations/destructiveHint: the consumer relies on destructiveHint: false, the tool's effective value is true",
            ],
            // #7 tone became required
            "prompt:draft_payment_reminder": ["prompt draft_payment_reminder requires argument tone, which the consumer does not pass"],
            "interaction:draft a reminder for an overdue invoice": [
                "prompt draft_payment_reminder requires argument tone, which the consumer does not pass",
            ],
            // #8 the template's variable was renamed
            "resourceTemplate:ledgerly://invoices/{invoiceId}": [
                "resource template ledgerly://invoices/{invoiceId} is not offered (offered: ledgerly://customers/{customerId}, ledgerly://invoices/{invoiceNumber})",
            ],
        ])
        // The URI the agent actually reads still resolves through the renamed template.
        #expect(verification.checks.first { $0.id == "interaction:read an invoice through its URI" }?.status == .passed)
        #expect(verification.summary == "billing-agent → ledgerly: 9 of \(verification.checks.count) checks failed")
    }

    @Test func collectionsBotAgainstRelease2FailsExactlyWhereTheChangesBite() throws {
        let verification = StaticVerifier.verify(try Self.contract("collections-bot"), against: try Self.demo("2.0.0"))
        let failures = Dictionary(uniqueKeysWithValues: verification.failedChecks.map { ($0.id, $0.mismatches.map(\.message)) })
        #expect(failures == [
            // #6 message maxLength 500 → 160
            "tool:send_invoice_reminder:examples[1]": [#"/arguments/message: "Hi, this is a friendly reminder from Acme's collections … is 200 characters long, at most 160 allowed"#],
            // #12 openWorldHint false → true
            "tool:send_invoice_reminder:annotations": [
                "/annotations/openWorldHint: the consumer relies on openWorldHint: false, the tool's effective value is true",
            ],
            // #2 get_customer_balance removed
            "tool:get_customer_balance": ["tool get_customer_balance is not offered"],
            "tool:get_customer_balance:examples[0]": ["tool get_customer_balance is not offered"],
            "tool:get_customer_balance:reads:/outstandingCents": ["tool get_customer_balance is not offered"],
            "tool:get_customer_balance:reads:/overdueCents": ["tool get_customer_balance is not offered"],
            "interaction:check what a customer owes": ["tool get_customer_balance is not offered"],
            // #13 includeVoid removed
            "prompt:summarize_receivables": ["prompt summarize_receivables has no argument includeVoid (it declares: customerId)"],
            "interaction:weekly briefing including void invoices": ["prompt summarize_receivables has no argument includeVoid (it declares: customerId)"],
        ])
    }

    @Test func checkIDsAreTheSameForEverySnapshot() throws {
        let contract = try Self.contract("billing-agent")
        let old = StaticVerifier.verify(contract, against: try Self.demo("1.0.0")).checks.map(\.id)
        let new = StaticVerifier.verify(contract, against: try Self.demo("2.0.0")).checks.map(\.id)
        #expect(old == new)
        #expect(old.count == Set(old).count)
    }

    @Test func fieldsMustBeRequiredTypedAndPresent() throws {
        let tool: JSONValue = [
            "name": "t", "inputSchema": ["type": "object"],
            "outputSchema": [
                "type": "object", "required": ["id", "count", "tags"],
                "properties": [
                    "id": ["type": "string"], "count": ["type": "number"], "note": ["type": "string"],
                    "tags": ["type": "array", "items": ["type": "string"]],
                    "kind": ["enum": ["a", "b"]],
                ],
            ],
            "annotations": [:],
        ]
        let snapshot = Snapshot(serverInfo: ["name": "p"], protocolVersion: "2025-06-18", era: .handshake, capabilities: [:], instructions: nil,
                                tools: [tool, ["name": "bare", "inputSchema": ["type": "object"]]], resources: [], resourceTemplates: [], prompts: [])
        let contract = try ContractFile.parse("""
            accord-contract: 1
            consumer: c
            provider: p
            tools:
              - name: t
                reads: [/id, /note, /missing, /tags/0]
                annotations: { destructiveHint: true, openWorldHint: true, readOnlyHint: false }
              - name: bare
                reads: [/x]
            interactions:
              - name: typed
                call: tools/call
                tool: t
                expect:
                  structuredContent:
                    id: { $integer: true }
                    count: { $integer: true }
                    tags: { $eachLike: { $regex: "^a" } }
            """, file: "c.yaml")
        let verification = StaticVerifier.verify(contract, against: snapshot)
        let failures = Dictionary(uniqueKeysWithValues: verification.failedChecks.map { ($0.id, $0.mismatches.map(\.message)) })
        #expect(failures == [
            "tool:t:reads:/note": ["/structuredContent/note: not guaranteed by the outputSchema (expected a required property note): it is optional in the outputSchema (not listed in required)"],
            "tool:t:reads:/missing": ["/structuredContent/missing: not guaranteed by the outputSchema (expected a required property missing): the outputSchema does not declare it"],
            "tool:bare:reads:/x": ["/structuredContent/x: structuredContent not guaranteed: the tool declares no outputSchema"],
            "interaction:typed": [
                "/structuredContent/count: not guaranteed by the outputSchema (expected an integer): the outputSchema declares type number",
                "/structuredContent/id: not guaranteed by the outputSchema (expected an integer): the outputSchema declares type string",
            ],
        ])
    }

    @Test func aProviderMismatchIsReported() throws {
        let contract = Contract(consumer: "c", provider: "someone-else")
        let verification = StaticVerifier.verify(contract, against: try Self.demo("1.0.0"))
        #expect(verification.failedChecks.map(\.id) == ["provider"])
    }

    @Test func verificationsRoundTripThroughCodable() throws {
        let verification = StaticVerifier.verify(try Self.contract("collections-bot"), against: try Self.demo("2.0.0"))
        let data = try JSONEncoder().encode(verification)
        #expect(try JSONDecoder().decode(ContractVerification.self, from: data) == verification)
    }
}
