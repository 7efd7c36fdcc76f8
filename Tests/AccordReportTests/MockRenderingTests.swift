import AccordJSON
import AccordReport
import Foundation
import Testing

private let context = SampleReports.context

private func render(_ report: MockReport, _ format: ReportFormat) -> String {
    ReportRenderer<MockReport>.for(format).render(report, context)
}

/// Mock reports to render: a failing run, a clean one, a --require-all failure, hostile text.
enum SampleMocks {
    static let interactions = [
        MockReport.InteractionUse(file: "contracts/billing-agent.yaml", consumer: "billing-agent", interaction: "fetch a paid invoice", line: 30,
                                  method: "tools/call", target: "get_invoice", state: "invoice exists", calls: 2),
        MockReport.InteractionUse(file: "contracts/billing-agent.yaml", consumer: "billing-agent", interaction: "record a card payment", line: 45,
                                  method: "tools/call", target: "record_payment", state: nil, calls: 0),
    ]
    static let unexpected = MockReport.UnexpectedRequest(method: "tools/call", target: "get_invoice", arguments: ["invoiceId": "INV-9"],
                                                         reason: #"accord mock: no interaction matches tools/call get_invoice {"invoiceId":"INV-9"}; closest is "fetch a paid invoice""#, count: 2)

    static let failing = MockReport(provider: "ledgerly", providerVersion: "1.0.0", snapshot: "snapshots/demo.json", endpoint: "stdio", requireAll: false,
                                    sessions: 1, interactions: interactions, unexpected: [unexpected])
    static let passing = MockReport(provider: "ledgerly", providerVersion: nil, snapshot: "snapshots/demo.json", endpoint: "http://127.0.0.1:8931/mcp",
                                    requireAll: false, sessions: 3, interactions: interactions, unexpected: [])
    static var strict: MockReport {
        var report = passing
        report.requireAll = true
        return report
    }
    static let hostile = MockReport(provider: SampleVerifications.hostileText, providerVersion: nil, snapshot: SampleVerifications.hostileText, endpoint: "stdio",
                                    requireAll: true, sessions: 1,
                                    interactions: [MockReport.InteractionUse(file: "c.yaml", consumer: SampleVerifications.hostileText, interaction: SampleVerifications.hostileText,
                                                                             line: nil, method: "prompts/get", target: SampleVerifications.hostileText, state: nil)],
                                    unexpected: [MockReport.UnexpectedRequest(method: "tools/call", target: SampleVerifications.hostileText,
                                                                              arguments: ["x": .string(SampleVerifications.hostileText)], reason: SampleVerifications.hostileText)])
    static let all = [failing, passing, strict, hostile]
}

@Suite("mock report")
struct MockRenderingTests {
    static let schema = ReportSchemas.load("accord-mock-report")

    @Test("every format: deterministic, newline-terminated, colour only in text; hostile text escaped", arguments: ReportFormat.allCases)
    func laws(_ format: ReportFormat) {
        RendererLaws.hold(for: SampleMocks.all, format: format, lookup: ReportRenderer<MockReport>.for)
        RendererLaws.escapeHostileText(in: render(SampleMocks.hostile, format), format: format)
    }

    @Test("the verdict: unexpected requests fail; never-called interactions only with --require-all")
    func verdict() {
        #expect(SampleMocks.failing.failed)
        #expect(!SampleMocks.passing.failed)
        #expect(SampleMocks.strict.failed)
        #expect(SampleMocks.failing.summary == "1 of 2 interactions exercised, 1 never called, 2 unexpected requests")
    }

    @Test("text: unexpected requests with the reason, never called with their line, the verdict last")
    func text() {
        let output = render(SampleMocks.failing, .text)
        #expect(output.hasPrefix("accord mock: ledgerly 1.0.0 from snapshots/demo.json on stdio (1 session)\n\n"))
        #expect(output.contains(#"UNEXPECTED tools/call get_invoice {"invoiceId":"INV-9"} (×2)"#))
        #expect(output.contains(#"  "record a card payment" (contracts/billing-agent.yaml:45): tools/call record_payment"#))
        #expect(output.hasSuffix("1 of 2 interactions exercised, 1 never called, 2 unexpected requests: FAIL (unexpected requests)\n"))
        #expect(render(SampleMocks.strict, .text).contains("FAIL (interactions never called (--require-all))"))
    }

    @Test("json: canonical, valid against docs/schemas/accord-mock-report.schema.json, which is not vacuous")
    func json() async throws {
        let validator = JSONSchemaValidator(schema: Self.schema)
        #expect(Self.schema["$id"] == "urn:accord:schema:mock-report:1")
        for report in SampleMocks.all {
            let output = render(report, .json)
            let document = try JSONValue(parsing: output)
            #expect(output == JSONEncoding.canonical(document))
            #expect(validator.validate(document).map(\.description) == [])
        }
        let document = MockReportDocument.json(SampleMocks.failing, context: context)
        #expect(document["summary"] == ["interactions": 2, "exercised": 1, "neverCalled": 1, "unexpectedRequests": 2])
        #expect(document["interactions"]?[0]?["state"] == "invoice exists")
        #expect(document["interactions"]?[1]?["state"] == nil)
        #expect(!validator.isValid(document.setting("extra", to: true)))
        #expect(!validator.isValid(document.setting("kind", to: "verify")))
        #expect(!validator.isValid(document.setting("unexpected", to: [["method": "x", "reason": "", "count": 1]])))
        let output = try await ReportSchemas.validateWithPython(render(SampleMocks.failing, .json), against: "accord-mock-report")
        #expect(output.contains("valid against Accord mock report, version 1"))
    }

    @Test("junit: a suite per contract file and one for unexpected requests; junitparser reads it")
    func junit() async throws {
        for (report, failures) in [(SampleMocks.failing, 1), (SampleMocks.passing, 0), (SampleMocks.strict, 1), (SampleMocks.hostile, 2)] {
            let summary = try await PythonChecks.withTemporaryFile(render(report, .junit), suffix: ".xml") { path in
                try await PythonChecks.lastJSONLine(PythonChecks.run("read_junit.py", [path]))
            }
            #expect(summary["failures"] as? Int == failures, "\(report.summary)")
        }
        #expect(render(SampleMocks.passing, .junit).contains("<skipped message=\"never called: tools/call record_payment at contracts/billing-agent.yaml:45\""))
    }

    @Test("sarif: valid SARIF 2.1.0; a result per unexpected request and per never-called interaction")
    func sarif() async throws {
        for report in SampleMocks.all {
            let summary = try await PythonChecks.withTemporaryFile(render(report, .sarif), suffix: ".sarif") { path in
                try await PythonChecks.lastJSONLine(PythonChecks.run("check_sarif.py", [PythonChecks.path("Tests/AccordReportTests/Fixtures/sarif-schema-2.1.0.json"), path]))
            }
            #expect(summary["results"] as? Int == report.unexpected.count + report.neverCalled.count)
        }
    }

    @Test("markdown and github: the verdict and what failed")
    func markdownAndGitHub() {
        let markdown = render(SampleMocks.failing, .markdown)
        #expect(markdown.hasPrefix("## Accord mock: ledgerly 1.0.0\n\nFrom `snapshots/demo.json` on `stdio`\n\n**FAIL (unexpected requests)**: 1 of 2 interactions exercised"))
        #expect(markdown.contains("### Unexpected requests"))
        let github = render(SampleMocks.strict, .github).split(separator: "\n")
        #expect(github.first == "::error file=contracts/billing-agent.yaml,line=45,title=never called%3A record a card payment::billing-agent never called tools/call record_payment")
        #expect(github.last == "accord mock: 1 of 2 interactions exercised, 1 never called, 0 unexpected requests: FAIL (interactions never called (--require-all))")
    }
}
