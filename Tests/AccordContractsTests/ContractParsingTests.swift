import AccordContracts
import AccordJSON
import Foundation
import Testing

struct ContractParsingTests {
    @Test func parsesTheBillingAgentFixture() throws {
        let contract = try ContractFile.load(Paths.demoContract("billing-agent.yaml"))
        #expect(contract.consumer == "billing-agent")
        #expect(contract.provider == "ledgerly")
        #expect(contract.pending == false)
        #expect(contract.tools.map(\.name) == ["get_invoice", "record_payment", "create_invoice"])
        #expect(contract.tools[0].reads.first == pointer("/invoiceId"))
        #expect(contract.tools[0].annotations == ["readOnlyHint": true])
        #expect(contract.tools[1].examples[0] == ["invoiceId": "INV-1002", "amountCents": 10000, "method": "card"])
        #expect(contract.prompts == [PromptExpectation(name: "draft_payment_reminder", arguments: ["invoiceId"])])
        #expect(contract.resourceTemplates == [ResourceTemplateExpectation(uriTemplate: "ledgerly://invoices/{invoiceId}")])
        let fetch = try #require(contract.interactions.first)
        #expect(fetch.given == ProviderState(state: "invoice exists", params: ["id": "INV-1001"]))
        #expect(fetch.call == .callTool(name: "get_invoice", arguments: ["invoiceId": "INV-1001"]))
        guard case .object(let members)? = fetch.expect, case .object(let content)? = members["structuredContent"] else {
            Issue.record("expect is not an object matcher"); return
        }
        #expect(content["status"] == .regex("^(paid|sent)$"))
        #expect(content["lines"] == .eachLike(.object(["description": .like("x"), "amountCents": .integer]), min: 1))
        #expect(content["issueDate"] == .format(.date))
        #expect(members["content"] == .includesElements([.object(["type": .equals("text")])]))
        #expect(contract.interactions[2].call == .readResource(uri: "ledgerly://invoices/INV-1003"))
        #expect(contract.interactions[3].call == .getPrompt(name: "draft_payment_reminder", arguments: ["invoiceId": "INV-1003"]))
        #expect(contract.contentHash.hasPrefix("sha256:") && contract.contentHash.count == 71)
    }

    @Test func loadsAFolderSorted() throws {
        let contracts = try ContractFile.loadFolder(Paths.repo("contracts"))
        #expect(contracts.map(\.consumer) == ["billing-agent", "collections-bot", "customer-portal"])
    }

    @Test func scalarsConvertToJSON() throws {
        let json = try ContractFile.json("""
            a: 1
            b: 1.50
            c: "1"
            d: true
            e: 'false'
            f: null
            g: ~
            h: INV-1
            i: 1e3
            """, file: "x.yaml")
        #expect(json == ["a": 1, "b": .number(JSONNumber(text: "1.50")!), "c": "1", "d": true, "e": "false", "f": nil, "g": nil, "h": "INV-1",
                         "i": .number(JSONNumber(text: "1e3")!)])
    }

    @Test func sha256MatchesAKnownDigest() throws {
        // printf 'accord-contract: 1\nconsumer: a\nprovider: b\n' | sha256sum
        let contract = try ContractFile.parse("accord-contract: 1\nconsumer: a\nprovider: b\n", file: "a.yaml")
        #expect(contract.contentHash == "sha256:5ff75f8b7dcc64ec89ce7e488eb549d78e57f8b89870a465b7a45739a56c0627")
    }

    struct BadContract: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let line: Int?
        let field: String?
        let reason: String
        var testDescription: String { name }
    }

    static let header = "accord-contract: 1\nconsumer: billing-agent\nprovider: ledgerly\n"

    static let bad: [BadContract] = [
        BadContract(name: "YAML syntax error", text: header + "tools: [get_invoice\n", line: 5, field: nil, reason: "invalid YAML"),
        BadContract(name: "unknown matcher", text: header + """
            interactions:
              - name: fetch
                call: tools/call
                tool: get_invoice
                expect:
                  structuredContent:
                    status: { $regexp: "^paid$" }
            """, line: 10, field: "interactions[0].expect.structuredContent.status.$regexp", reason: "unknown matcher $regexp"),
        BadContract(name: "missing consumer", text: "accord-contract: 1\nprovider: ledgerly\n", line: 1, field: "consumer", reason: "missing required field consumer"),
        BadContract(name: "missing interaction call", text: header + "interactions:\n  - name: fetch\n    tool: get_invoice\n",
                    line: 5, field: "interactions[0]", reason: "missing call"),
        BadContract(name: "wrong type", text: header + "tools:\n  - name: get_invoice\n    reads: /invoiceId\n",
                    line: 6, field: "tools[0].reads", reason: "must be a list"),
        BadContract(name: "wrong type (pending)", text: header + "pending: maybe\n", line: 4, field: "pending", reason: "must be true or false"),
        BadContract(name: "unknown key", text: header + "tool:\n  - name: x\n", line: 5, field: "tool", reason: "unknown key"),
        BadContract(name: "invalid JSON Pointer", text: header + "tools:\n  - name: get_invoice\n    reads: [invoiceId]\n",
                    line: 6, field: "tools[0].reads[0]", reason: "invalid JSON Pointer"),
        BadContract(name: "invalid regex", text: header + "interactions:\n  - name: a\n    call: tools/call\n    tool: t\n    expect: { $regex: \"(\" }\n",
                    line: 8, field: "interactions[0].expect.$regex", reason: "invalid regular expression"),
        BadContract(name: "unsupported version", text: "accord-contract: 2\nconsumer: a\nprovider: b\n", line: 1, field: "accord-contract", reason: "unsupported contract format version 2"),
        BadContract(name: "duplicate interaction", text: header + "interactions:\n  - { name: a, call: tools/call, tool: t }\n  - { name: a, call: tools/call, tool: t }\n",
                    line: 6, field: "interactions[1]", reason: "duplicate interaction name a"),
        BadContract(name: "unknown format", text: header + "interactions:\n  - { name: a, call: tools/call, tool: t, expect: { $format: ipv4 } }\n",
                    line: 5, field: "interactions[0].expect.$format", reason: "unknown format ipv4"),
        BadContract(name: "unknown call", text: header + "interactions:\n  - { name: a, call: tools/list }\n",
                    line: 5, field: "interactions[0].call", reason: "unknown call"),
    ]

    @Test(arguments: bad)
    func badContractsNameFileLineAndField(_ row: BadContract) {
        do {
            _ = try ContractFile.parse(row.text, file: "contracts/bad.yaml")
            Issue.record("\(row.name) parsed")
        } catch {
            #expect(error.file == "contracts/bad.yaml")
            #expect(error.line == row.line, "\(error)")
            #expect(error.field == row.field, "\(error)")
            #expect(error.reason.contains(row.reason), "\(error)")
        }
    }
}
