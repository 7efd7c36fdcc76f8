import AccordEvolution
import AccordJSON
import AccordReport
@testable import AccordProbe
import Testing

@Suite struct ProbePlanTests {
    static let readOnly: JSONValue = ["readOnlyHint": true]
    static let tools: [JSONValue] = [
        ["name": "search", "annotations": readOnly,
         "inputSchema": ["type": "object", "required": ["query"], "properties": ["query": ["type": "string", "minLength": 2], "limit": ["type": "integer", "minimum": 1, "maximum": 50]]]],
        ["name": "delete", "annotations": ["readOnlyHint": false], "inputSchema": ["type": "object"]],
        ["name": "update", "inputSchema": ["type": "object"]],
        ["name": "impossible", "annotations": readOnly, "inputSchema": false],
    ]

    @Test func onlyReadOnlyToolsAreCalledUnlessWritesAreAllowed() {
        let plan = ProbePlan(tools: Self.tools, options: ProbeOptions(callsPerTool: 3))
        #expect(Set(plan.calls.map(\.tool)) == ["search"])
        #expect(plan.skipped.map(\.tool) == ["delete", "impossible", "update"])
        #expect(plan.skipped[0].reason.contains("readOnlyHint is false"))
        #expect(plan.skipped[2].reason.contains("no readOnlyHint (MCP's default is false)"))
        #expect(plan.skipped[1].reason.contains("no arguments"))
        let writes = ProbePlan(tools: Self.tools, options: ProbeOptions(callsPerTool: 3, allowWrites: true))
        #expect(Set(writes.calls.map(\.tool)) == ["search", "delete", "update"])
    }

    @Test func validArgumentsSatisfyTheSchemaAndInvalidOnesDoNot() {
        let plan = ProbePlan(tools: Self.tools, options: ProbeOptions(callsPerTool: 4, invalid: true))
        let schema = JSONSchemaValidator(schema: Self.tools[0]["inputSchema"] ?? true)
        let valid = plan.calls.filter { $0.kind == .valid }
        let invalid = plan.calls.filter { $0.kind == .invalid }
        #expect(valid.count == 4)
        #expect(!invalid.isEmpty)
        #expect(valid.allSatisfy { schema.isValid($0.arguments) })
        #expect(invalid.allSatisfy { !schema.isValid($0.arguments) && $0.arguments.objectValue != nil })
    }

    @Test func theSameSeedGivesTheSameCallsAndEachToolItsOwnArguments() {
        let one = ProbePlan(tools: Self.tools, options: ProbeOptions(seed: 9, callsPerTool: 5, invalid: true))
        let again = ProbePlan(tools: Self.tools.reversed(), options: ProbeOptions(seed: 9, callsPerTool: 5, invalid: true))
        let other = ProbePlan(tools: Self.tools, options: ProbeOptions(seed: 10, callsPerTool: 5, invalid: true))
        #expect(one == again)
        #expect(one.calls != other.calls)
        // Adding a tool leaves the others' arguments alone.
        let more = ProbePlan(tools: Self.tools + [["name": "aardvark", "annotations": Self.readOnly, "inputSchema": ["type": "object"]]],
                             options: ProbeOptions(seed: 9, callsPerTool: 5, invalid: true))
        #expect(more.calls.filter { $0.tool == "search" } == one.calls.filter { $0.tool == "search" })
    }

    @Test func severitiesFollowTheDiffScale() {
        #expect(ProbeFindingKind.validArgumentsRejected.severity == .breaking)
        #expect(ProbeFindingKind.outputSchemaViolated.severity == .breaking)
        #expect(ProbeFindingKind.structuredContentMissing.severity == .breaking)
        #expect(ProbeFindingKind.invalidArgumentsCrashed.severity == .potentiallyBreaking)
        #expect(ProbeFindingKind.invalidArgumentsAccepted.severity == .nonBreaking)
    }
}

@Suite struct ProbeJudgeTests {
    static let output: JSONValue = ["type": "object", "required": ["n"], "properties": ["n": ["type": "integer"]]]

    static func call(_ kind: ProbeReport.ArgumentKind, _ outcome: ProbeReport.Outcome) -> (ProbeReport.Call, JSONValue?) {
        (ProbeReport.Call(tool: "t", kind: kind, arguments: ["a": 1], outcome: outcome), nil)
    }

    static func call(_ kind: ProbeReport.ArgumentKind, result: JSONValue) -> (ProbeReport.Call, JSONValue?) {
        (ProbeReport.Call(tool: "t", kind: kind, arguments: ["a": 1], outcome: .result), result)
    }

    @Test func eachReplyIsJudgedAgainstTheToolsSchemas() {
        func kinds(_ call: (ProbeReport.Call, JSONValue?), _ schema: JSONValue? = ProbeJudgeTests.output) -> [ProbeFindingKind] {
            ProbeJudge.findings(call.0, result: call.1, outputSchema: schema).map(\.kind)
        }
        #expect(kinds(Self.call(.valid, result: ["structuredContent": ["n": 1]])) == [])
        #expect(kinds(Self.call(.valid, result: ["structuredContent": ["n": "x"]])) == [.outputSchemaViolated])
        #expect(kinds(Self.call(.valid, result: ["content": []])) == [.structuredContentMissing])
        #expect(kinds(Self.call(.valid, result: ["content": []]), nil) == [])
        #expect(kinds(Self.call(.valid, .toolError("no"))) == [.validArgumentsRejected])
        #expect(kinds(Self.call(.valid, .rpcError(code: -32602, message: "bad"))) == [.validArgumentsRejected])
        #expect(kinds(Self.call(.invalid, .toolError("no"))) == [])
        #expect(kinds(Self.call(.invalid, .rpcError(code: -32602, message: "bad"))) == [])
        #expect(kinds(Self.call(.invalid, .rpcError(code: -32603, message: "boom"))) == [.invalidArgumentsCrashed])
        #expect(kinds(Self.call(.invalid, .failed("server exited"))) == [.invalidArgumentsCrashed])
        #expect(kinds(Self.call(.invalid, result: ["content": []])) == [.invalidArgumentsAccepted])
        let violating = Self.call(.valid, result: ["structuredContent": ["n": "x"]])
        let violation = ProbeJudge.findings(violating.0, result: violating.1, outputSchema: Self.output)[0]
        #expect(violation.arguments == ["a": 1])
        #expect(violation.pointer?.description == "/structuredContent/n")
    }

    @Test func failOnDecidesTheVerdict() {
        var report = ProbeReport(target: "t", serverName: nil, serverVersion: nil, options: ProbeOptions())
        report.findings = [ProbeReport.Finding(kind: .invalidArgumentsAccepted, tool: "t", arguments: [:], message: "accepted")]
        #expect(!report.failed)
        report.failOn = .any
        #expect(report.failed)
        report.failOn = .breaking
        report.findings.append(ProbeReport.Finding(kind: .validArgumentsRejected, tool: "t", arguments: [:], message: "rejected"))
        #expect(report.failed)
        #expect(report.summary == "0 calls to 0 tools, 0 tools skipped, 2 findings (1 breaking, 1 non-breaking)")
    }
}

@Suite struct ProbeReportDocumentTests {
    @Test func aProbeReportReadsBackAsItWasWritten() throws {
        var report = ProbeReport(target: "-- python liar_server.py", serverName: "liar", serverVersion: "0.9.0",
                                 options: ProbeOptions(seed: UInt64.max, callsPerTool: 2, invalid: true, allowWrites: false), failOn: .any, states: ["orders exist"])
        report.calls = [
            ProbeReport.Call(tool: "lookup_order", kind: .valid, arguments: ["quantity": 57], outcome: .toolError("quantity must be at most 10")),
            ProbeReport.Call(tool: "get_status", kind: .valid, arguments: [:], outcome: .result),
            ProbeReport.Call(tool: "get_status", kind: .invalid, arguments: ["verbose": 1], outcome: .rpcError(code: -32603, message: "boom")),
        ]
        report.skipped = [ProbeReport.SkippedTool(tool: "delete_everything", reason: "readOnlyHint is false")]
        report.findings = [
            ProbeReport.Finding(kind: .validArgumentsRejected, tool: "lookup_order", arguments: ["quantity": 57], message: "tool error"),
            ProbeReport.Finding(kind: .outputSchemaViolated, tool: "get_status", arguments: [:], message: "bad", pointer: JSONPointer(tokens: ["structuredContent", "state"])),
        ]
        report.stoppedEarly = "server exited"
        let json = ProbeReportDocument.json(report, context: RenderContext(toolVersion: "test"))
        #expect(try ProbeReportDocument.report(from: json) == report)
        #expect(throws: ProbeReportDocumentError.self) { try ProbeReportDocument.report(from: json.setting("kind", to: "mock")) }
    }
}
