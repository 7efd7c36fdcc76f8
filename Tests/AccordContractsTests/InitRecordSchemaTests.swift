import AccordContracts
import AccordJSON
import AccordSnapshot
import Foundation
import Testing

struct ContractInitTests {
    @Test func generatedContractReadsBackAndVerifiesAgainstItsSnapshot() throws {
        let snapshot = try StaticVerificationTests.demo("1.0.0")
        let tools = snapshot.tools.compactMap { $0["name"]?.stringValue }
        let (contract, yaml) = try ContractInit.make(
            consumer: "new-agent", snapshot: snapshot, tools: tools,
            prompts: ["draft_payment_reminder", "summarize_receivables"],
            resources: ["ledgerly://config", "ledgerly://invoices/{invoiceId}"]
        )
        #expect(try ContractFile.parse(yaml, file: "new-agent.yaml") == contract)
        #expect(contract.provider == "ledgerly")
        #expect(contract.pending)
        #expect(contract.tools.count == tools.count)
        #expect(contract.interactions.count == tools.count)
        #expect(contract.tools.first { $0.name == "get_invoice" }?.reads.contains(pointer("/customerName")) == true)
        #expect(contract.prompts.first?.arguments == ["invoiceId"])
        #expect(contract.resourceTemplates == [ResourceTemplateExpectation(uriTemplate: "ledgerly://invoices/{invoiceId}")])
        let verification = StaticVerifier.verify(contract, against: snapshot)
        #expect(verification.failedChecks.flatMap(\.mismatches).map(\.message) == [])
        // The same snapshot gives the same file.
        #expect(try ContractInit.make(consumer: "new-agent", snapshot: snapshot, tools: tools).yaml
                == ContractInit.make(consumer: "new-agent", snapshot: snapshot, tools: tools).yaml)
        // And what it wrote for 1.0.0 trips over 2.0.0's removal of customerName (#4).
        let v2 = StaticVerifier.verify(contract, against: try StaticVerificationTests.demo("2.0.0"))
        #expect(v2.failedChecks.map(\.id).contains("tool:get_invoice:reads:/customerName"))
    }

    @Test func unknownNamesAreRefused() throws {
        let snapshot = try StaticVerificationTests.demo("2.0.0")
        #expect(throws: ContractInit.Failure.self) {
            _ = try ContractInit.make(consumer: "x", snapshot: snapshot, tools: ["get_customer_balance"])
        }
    }
}

struct VerificationRecordTests {
    @Test func pendingUntilThisVersionHasPassed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-record-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + VerificationRecord.defaultFileName
        let text = "accord-contract: 1\nconsumer: a\nprovider: ledgerly\npending: true\n"
        let contract = try ContractFile.parse(text, file: "contracts/a.yaml")
        var record = try VerificationRecord.load(path)
        #expect(record == VerificationRecord())
        #expect(isPending(contract, record))
        record.recordPass(of: contract)
        try record.save(to: path)
        let reloaded = try VerificationRecord.load(path)
        #expect(reloaded == record)
        #expect(!isPending(contract, reloaded))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\n  \"formatVersion\": 1,\n  \"passed\": {\n    \"a.yaml\": \"\(contract.contentHash)\"\n  }\n}\n")
        // An edited pending contract is pending again until the new text passes.
        let edited = try ContractFile.parse(text + "resources:\n  - uri: ledgerly://config\n", file: "contracts/a.yaml")
        #expect(isPending(edited, reloaded))
        // A contract that is not pending never is.
        let firm = try ContractFile.parse("accord-contract: 1\nconsumer: a\nprovider: ledgerly\n", file: "contracts/a.yaml")
        #expect(!isPending(firm, VerificationRecord()))
    }

    @Test func pendingVerdictsDoNotFailTheBuild() throws {
        var contract = try StaticVerificationTests.contract("collections-bot")
        contract.pending = true
        let verification = StaticVerifier.verify(contract, against: try StaticVerificationTests.demo("2.0.0"))
        #expect(verification.failed && verification.pending && !verification.failsBuild)
        #expect(verification.summary.hasSuffix("(pending)"))
    }

    @Test func aBrokenRecordNamesTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("accord-record-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "{\"formatVersion\": 1, \"passed\": []}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { _ = try VerificationRecord.load(path) }
    }
}

struct ContractSchemaTests {
    static let schema: JSONValue = {
        let data = FileManager.default.contents(atPath: Paths.repo("docs/schemas/accord-contract.schema.json"))!
        return try! JSONValue(parsing: Array(data))
    }()

    @Test(arguments: ["billing-agent.yaml", "collections-bot.yaml", "customer-portal.yaml"])
    func exampleContractsConformToTheSchema(_ name: String) throws {
        let path = Paths.demoContract(name)
        let json = try ContractFile.json(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(JSONSchemaValidator(schema: Self.schema).validate(json).map(\.description) == [])
    }

    @Test func initOutputConformsToTheSchema() throws {
        let snapshot = try StaticVerificationTests.demo("1.0.0")
        let yaml = try ContractInit.make(consumer: "a", snapshot: snapshot, tools: ["create_invoice", "list_invoices"], prompts: ["summarize_receivables"]).yaml
        #expect(JSONSchemaValidator(schema: Self.schema).validate(try ContractFile.json(yaml, file: "a.yaml")).map(\.description) == [])
    }

    @Test func theSchemaRejectsAnUnknownMatcherAndAMissingCall() throws {
        let json = try ContractFile.json("""
            accord-contract: 1
            consumer: a
            provider: b
            interactions:
              - name: x
                expect: { status: { $regexp: "^a" } }
            """, file: "x.yaml")
        #expect(!JSONSchemaValidator(schema: Self.schema).isValid(json))
    }
}
