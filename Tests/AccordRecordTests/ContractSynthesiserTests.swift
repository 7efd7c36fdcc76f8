import AccordContracts
import AccordJSON
import AccordMCP
@testable import AccordRecord
import AccordSnapshot
import Testing

@Suite struct ContractSynthesiserTests {
    static let timeTool: JSONValue = [
        "name": "get_current_time",
        "inputSchema": ["type": "object", "properties": ["timezone": ["type": "string"]], "required": ["timezone"]],
        "outputSchema": [
            "type": "object",
            "properties": ["timezone": ["type": "string"], "datetime": ["type": "string"], "is_dst": ["type": "boolean"], "note": ["type": "string"]],
            "required": ["timezone", "datetime", "is_dst"],
        ],
    ]

    static func timeResult(_ zone: String, _ time: String) -> JSONValue {
        [
            "content": [["type": "text", "text": .string("{\"timezone\": \"\(zone)\", \"datetime\": \"\(time)\"}")]],
            "structuredContent": ["timezone": .string(zone), "datetime": .string(time), "is_dst": false, "note": "optional"],
            "isError": false,
        ]
    }

    static func session(_ exchanges: [ObservedExchange]) -> ObservedSession {
        ObservedSession(
            hello: ServerHello(protocolVersion: "2025-11-25", era: .handshake, capabilities: ["tools": [:]], serverInfo: ["name": "mcp-time", "version": "1.0"], instructions: nil),
            definitions: [.tool: [timeTool]], listed: [.tool], exchanges: exchanges
        )
    }

    static func call(_ zone: String, _ time: String) -> ObservedExchange {
        ObservedExchange(call: .callTool(name: "get_current_time", arguments: ["timezone": .string(zone)]), outcome: .result(timeResult(zone, time)))
    }

    @Test func repeatedSameShapeCallsBecomeOneInteraction() throws {
        let session = Self.session([Self.call("UTC", "2026-12-06T18:57:06+00:00"), Self.call("Europe/Paris", "2026-12-06T19:57:06+01:00"), Self.call("UTC", "2026-12-06T18:58:00+00:00")])
        let recorded = try ContractSynthesiser(consumer: "time-agent").synthesise(session)
        #expect(recorded.contract.interactions.count == 1)
        #expect(recorded.contract.pending)
        #expect(recorded.contract.provider == "mcp-time")
        #expect(recorded.contract.tools.map(\.name) == ["get_current_time"])
        #expect(recorded.contract.tools.first?.examples == [["timezone": "UTC"], ["timezone": "Europe/Paris"]])
        let interaction = try #require(recorded.contract.interactions.first)
        #expect(interaction.call == .callTool(name: "get_current_time", arguments: ["timezone": "UTC"]))
        guard case .object(let expect)? = interaction.expect, case .object(let structured)? = expect["structuredContent"] else {
            Issue.record("no structuredContent matcher: \(recorded.yaml)")
            return
        }
        #expect(structured["datetime"] == .format(.dateTime))
        #expect(structured["is_dst"] == .like(false))
        #expect(structured["note"] == nil, "optional in the outputSchema, so not guaranteed: \(recorded.yaml)")
        #expect(expect["isError"] == .equals(false))
        #expect(!recorded.yaml.contains("2026-12-06"), "a timestamp became a literal:\n\(recorded.yaml)")
        #expect(StaticVerifier.verify(recorded.contract, against: try #require(session.snapshot)).failedChecks.isEmpty)
    }

    @Test func differentShapesStaySeparateWithUniqueNames() throws {
        let error = ObservedExchange(call: .callTool(name: "get_current_time", arguments: ["timezone": "Mars/Olympus"]),
                                     outcome: .result(["content": [["type": "text", "text": "Invalid timezone"]], "isError": true]))
        let other = ObservedExchange(call: .callTool(name: "get_current_time", arguments: ["timezone": 3]), outcome: .result(Self.timeResult("UTC", "2026-12-06T18:57:06Z")))
        let recorded = try ContractSynthesiser(consumer: "a").synthesise(Self.session([Self.call("UTC", "2026-12-06T18:57:06Z"), error, other]))
        #expect(recorded.contract.interactions.map(\.name) == ["call get_current_time", "call get_current_time (tool error)", "call get_current_time (2)"])
        guard case .object(let expect)? = recorded.contract.interactions[1].expect else { Issue.record("no expect"); return }
        #expect(expect["isError"] == .equals(true))
    }

    @Test func structuredContentIsLeftOutWithoutAnOutputSchema() throws {
        var session = Self.session([Self.call("UTC", "2026-12-06T18:57:06Z")])
        session.definitions = [:]
        let recorded = try ContractSynthesiser(consumer: "a").synthesise(session)
        guard case .object(let expect)? = recorded.contract.interactions.first?.expect else { Issue.record("no expect"); return }
        #expect(expect["structuredContent"] == nil)
        #expect(expect["content"] != nil)
    }

    @Test func largeResultsAreSummarisedNotCopied() throws {
        let big = String(repeating: "payload ", count: 4000)
        let exchange = ObservedExchange(call: .readResource(uri: "notes://all"), outcome: .result(["contents": [["uri": "notes://all", "text": .string(big), "deep": ["a": ["b": ["c": 1]]]]]]))
        let recorded = try ContractSynthesiser(consumer: "a").synthesise(Self.session([exchange]))
        #expect(!recorded.yaml.contains("payload"))
        #expect(recorded.yaml.utf8.count < 2000)
        #expect(recorded.contract.resources.map(\.uri) == ["notes://all"])
    }

    @Test func secretsNeverReachTheText() throws {
        let token = "ghp_FAKEtok3nFAKEtok3nFAKEtok3n1234567890"
        let exchanges = [
            ObservedExchange(call: .callTool(name: "get_current_time", arguments: ["timezone": "UTC", "api_key": "hunter2-hunter2", "note": .string("Bearer \(token)")]),
                             outcome: .result(Self.timeResult("UTC", "2026-12-06T18:57:06Z"))),
            ObservedExchange(call: .getPrompt(name: "plan", arguments: ["password": "hunter2-hunter2"]), outcome: .result(["messages": [["role": "user", "content": ["type": "text", "text": .string(token)]]]])),
            ObservedExchange(call: .readResource(uri: "notes://x?token=hunter2-hunter2"), outcome: .error(code: -32002)),
        ]
        let recorded = try ContractSynthesiser(consumer: "a", scrubber: SecretScrubber(knownSecrets: ["env-secret-value"])).synthesise(Self.session(exchanges))
        for secret in [token, "hunter2"] { #expect(!recorded.yaml.contains(secret), "\(secret) leaked:\n\(recorded.yaml)") }
        #expect(recorded.yaml.contains("<redacted>"))
        #expect(recorded.interactionsWithArgumentMatchers == ["call get_current_time"])
        #expect(recorded.contract.tools.first?.examples.isEmpty == true, "arguments with matchers are no example")
        #expect(recorded.yaml.contains("# not recorded: resources/read notes://x?token=%3Credacted%3E → JSON-RPC error -32002"))
    }

    @Test func anIncompleteSessionSaysSoAtTheTop() throws {
        let recorded = try ContractSynthesiser(consumer: "a").synthesise(Self.session([]), incompleteReason: "the upstream server exited (exit status 3)")
        #expect(recorded.yaml.hasPrefix("# INCOMPLETE: the upstream server exited (exit status 3)"))
        #expect(recorded.incomplete)
        #expect(recorded.contract.interactions.isEmpty)
    }

    @Test func templatesAndResourcesAreNamedAsListed() throws {
        var session = Self.session([
            ObservedExchange(call: .readResource(uri: "ledgerly://invoices/INV-1003"), outcome: .result(["contents": [["uri": "ledgerly://invoices/INV-1003", "text": "{}"]]])),
            ObservedExchange(call: .readResource(uri: "ledgerly://config"), outcome: .result(["contents": [["uri": "ledgerly://config", "text": "{}"]]])),
        ])
        session.definitions[.resource] = [["uri": "ledgerly://config", "name": "config"]]
        session.definitions[.resourceTemplate] = [["uriTemplate": "ledgerly://invoices/{invoiceId}", "name": "invoice"]]
        let recorded = try ContractSynthesiser(consumer: "a").synthesise(session)
        #expect(recorded.contract.resources.map(\.uri) == ["ledgerly://config"])
        #expect(recorded.contract.resourceTemplates.map(\.uriTemplate) == ["ledgerly://invoices/{invoiceId}"])
        #expect(StaticVerifier.verify(recorded.contract, against: try #require(session.snapshot)).failedChecks.isEmpty)
    }
}
