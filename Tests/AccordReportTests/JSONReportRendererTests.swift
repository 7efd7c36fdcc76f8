import AccordEvolution
import AccordJSON
import AccordReport
import Testing

@Suite("json format")
struct JSONReportRendererTests {
    let output = ReportRenderer<EvolutionReport>.json.render(SampleReports.release, SampleReports.context)

    @Test("is canonical JSON with the version, kind and tool up front")
    func canonical() throws {
        let value = try JSONValue(parsing: output)
        #expect(output == JSONEncoding.canonical(value), "sorted keys, two-space indent, trailing newline")
        #expect(value["reportVersion"] == 1)
        #expect(value["kind"] == "diff")
        #expect(value["tool"] == ["name": "accord", "version": "0.4.0"])
    }

    @Test("carries the verdict, bump and summary counts")
    func summary() throws {
        let value = try JSONValue(parsing: output)
        #expect(value["requiredBump"] == "major")
        #expect(value["nextVersion"] == "2.0.0")
        #expect(value["failOn"] == "breaking")
        #expect(value["failed"] == true)
        #expect(value["summary"] == ["breaking": 5, "potentiallyBreaking": 3, "nonBreaking": 3, "accepted": 1, "failing": 5, "total": 11])
        #expect(value["old"] == ["source": "snapshots/weather.json", "serverName": "weather", "serverVersion": "1.4.2", "protocolVersion": "2025-06-18"])
    }

    @Test("a finding has every field; absent values are left out, JSON null is kept")
    func findingFields() throws {
        let value = try JSONValue(parsing: output)
        let first = try #require(value["findings"]?[0])
        #expect(first == [
            "ruleId": "input-property-added-required", "severity": "breaking", "direction": "input", "semver": "major",
            "objectKind": "tool", "objectName": "search", "pointer": "/tools/search/inputSchema/required",
            "oldValue": ["query"], "newValue": ["query", "limit"],
            "message": "tool `search`: property `limit` became required",
            "hint": "old calls do not send `limit`; give it a default and keep it optional",
            "tags": [], "consumers": ["billing-agent", "support-bot"],
            "fingerprint": .string(SampleReports.release.findings[0].fingerprint),
        ])
        let defaultChange = try #require(value["findings"]?.arrayValue?.first { $0["ruleId"] == "input-default-changed" })
        #expect(defaultChange["oldValue"] == .null)
        let added = try #require(value["findings"]?.arrayValue?.first { $0["ruleId"] == "tool-added" })
        #expect(added["oldValue"] == nil)
        #expect(added["consumers"] == nil, "no contracts consulted: no consumers key")
    }

    @Test("reads back to the same report, field for field")
    func roundTrip() throws {
        for report in [SampleReports.release, SampleReports.unchanged] {
            let rendered = ReportRenderer<EvolutionReport>.json.render(report, SampleReports.context)
            let back = try DiffReportDocument.report(from: JSONValue(parsing: rendered))
            #expect(back == report)
        }
    }

    @Test("the reader names the field that is wrong")
    func readerErrors() throws {
        var document = DiffReportDocument.json(SampleReports.release, context: SampleReports.context)
        document = document.setting("reportVersion", to: 2)
        #expect(throws: DiffReportDocumentError(pointer: "/reportVersion", reason: "report version 2 is from a newer Accord (this one reads version 1)")) {
            try DiffReportDocument.report(from: document)
        }
        var findings = try #require(DiffReportDocument.json(SampleReports.release, context: SampleReports.context)["findings"]?.arrayValue)
        findings[1] = findings[1].setting("severity", to: "dire")
        let broken = DiffReportDocument.json(SampleReports.release, context: SampleReports.context).setting("findings", to: .array(findings))
        let error = try #require(throws: DiffReportDocumentError.self) { try DiffReportDocument.report(from: broken) }
        #expect(error.pointer == "/findings/1/severity")
    }

    @Test("validates against docs/schemas/accord-diff-report.schema.json (jsonschema)")
    func schema() async throws {
        for report in [SampleReports.release, SampleReports.unchanged, SampleReports.release(failOn: .any)] {
            let rendered = ReportRenderer<EvolutionReport>.json.render(report, SampleReports.context)
            let output = try await PythonChecks.withTemporaryFile(rendered, suffix: ".json") { path in
                try await PythonChecks.run("validate_json.py", [PythonChecks.path("docs/schemas/accord-diff-report.schema.json"), path])
            }
            #expect(output.contains("valid against Accord diff report, version 1"))
        }
    }

    @Test("the schema check is not vacuous: an undocumented field fails it")
    func schemaRejects() async throws {
        let document = DiffReportDocument.json(SampleReports.release, context: SampleReports.context).setting("extra", to: true)
        await #expect(throws: PythonChecks.Failed.self) {
            try await PythonChecks.withTemporaryFile(JSONEncoding.canonical(document), suffix: ".json") { path in
                try await PythonChecks.run("validate_json.py", [PythonChecks.path("docs/schemas/accord-diff-report.schema.json"), path])
            }
        }
    }
}
