import Foundation
import AccordEvolution
import AccordJSON
import AccordReport
import Testing

@Suite("sarif format")
struct SARIFRendererTests {
    let output = ReportRenderer<EvolutionReport>.sarif.render(SampleReports.release, SampleReports.context)

    private func run() throws -> JSONValue {
        try #require(JSONValue(parsing: output)["runs"]?[0])
    }

    @Test("the driver is accord with the whole rule catalogue as rules metadata")
    func driver() throws {
        let driver = try #require(try run()["tool"]?["driver"])
        #expect(driver["name"] == "accord")
        #expect(driver["version"] == "0.4.0")
        let rules = try #require(driver["rules"]?.arrayValue)
        #expect(rules.map { $0["id"]?.stringValue } == RuleCatalogue.all.map(\.id))
        let removed = try #require(rules.first { $0["id"] == "tool-removed" })
        #expect(removed["name"] == "ToolRemoved")
        #expect(removed["shortDescription"]?["text"] == "A tool was removed: calls to it fail.")
        #expect(removed["fullDescription"]?["text"]?.stringValue?.contains("Default severity: breaking") == true)
        #expect(removed["help"]?["text"] != nil)
        #expect(removed["defaultConfiguration"] == ["level": "error"])
        #expect(removed["properties"]?["direction"] == "surface")
        #expect(removed["properties"]?["semver"] == "major")
        let levels = Dictionary(uniqueKeysWithValues: rules.map { ($0["id"]?.stringValue ?? "", $0["defaultConfiguration"]?["level"]?.stringValue ?? "") })
        #expect(levels["input-pattern-changed"] == "warning")
        #expect(levels["tool-added"] == "note")
    }

    @Test("a result per finding, located in the new snapshot file and at its pointer")
    func results() throws {
        let results = try #require(try run()["results"]?.arrayValue)
        #expect(results.count == SampleReports.release.findings.count + SampleReports.release.accepted.count)
        let first = results[0]
        let finding = SampleReports.release.findings[0]
        #expect(first["ruleId"] == .string(finding.ruleID))
        let index = try #require(first["ruleIndex"]?.intValue)
        #expect(RuleCatalogue.all[index].id == finding.ruleID)
        #expect(first["level"] == "error")
        #expect(first["message"]?["text"]?.stringValue?.hasPrefix(finding.message) == true)
        let location = try #require(first["locations"]?[0])
        #expect(location["physicalLocation"]?["artifactLocation"]?["uri"] == "build/weather%20new.json")
        #expect(location["physicalLocation"]?["region"]?["startLine"] == 1)
        #expect(location["logicalLocations"]?[0]?["fullyQualifiedName"] == "/tools/search/inputSchema/required")
        #expect(first["partialFingerprints"] == ["accordFingerprint/v1": .string(finding.fingerprint)])
        let levels = results.map { $0["level"]?.stringValue ?? "" }
        #expect(levels.filter { $0 == "warning" }.count == 3)
        #expect(levels.filter { $0 == "note" }.count == 3)
    }

    @Test("accepted findings are suppressed results with the policy's reason")
    func suppressed() throws {
        let results = try #require(try run()["results"]?.arrayValue)
        let accepted = try #require(results.last)
        #expect(accepted["ruleId"] == "tool-removed")
        #expect(accepted["suppressions"] == [["kind": "external", "status": "accepted", "justification": "search v1 removed after a 90-day notice (expires 2027-01-31)"]])
        #expect(results.dropLast().allSatisfy { $0["suppressions"] == nil })
    }

    @Test("lines from the context; the old file when the new side is live; file: URIs for absolute paths")
    func anchoring() throws {
        var context = SampleReports.context
        context.anchorLines = [JSONPointer(tokens: ["tools", "search"]): 42]
        let lined = try JSONValue(parsing: ReportRenderer<EvolutionReport>.sarif.render(SampleReports.release, context))
        #expect(lined["runs"]?[0]?["results"]?[0]?["locations"]?[0]?["physicalLocation"]?["region"]?["startLine"] == 42, "nearest ancestor's line")

        var live = SampleReports.release
        live.new.source = "live"
        let fallback = try JSONValue(parsing: ReportRenderer<EvolutionReport>.sarif.render(live, SampleReports.context))
        #expect(fallback["runs"]?[0]?["results"]?[0]?["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "snapshots/weather.json")

        #expect(SARIFLog.artifactURI(forPath: "/home/ci/my repo/snap.json") == "file:///home/ci/my%20repo/snap.json")
        #expect(SARIFLog.artifactURI(forPath: "./snapshots/ä#1.json") == "snapshots/%C3%A4%231.json")
    }

    @Test("validates against the official SARIF 2.1.0 schema and GitHub's upload rules; sarif-tools reads it")
    func schema() async throws {
        for report in [SampleReports.release, SampleReports.unchanged] {
            let rendered = ReportRenderer<EvolutionReport>.sarif.render(report, SampleReports.context)
            let output = try await PythonChecks.withTemporaryFile(rendered, suffix: ".sarif") { path in
                try await PythonChecks.run("check_sarif.py", [PythonChecks.path("Tests/AccordReportTests/Fixtures/sarif-schema-2.1.0.json"), path])
            }
            let summary = try PythonChecks.lastJSONLine(output)
            #expect(summary["results"] as? Int == report.findings.count + report.accepted.count)
        }
    }

    @Test("the SARIF check is not vacuous: a result without a region fails it")
    func schemaRejects() async throws {
        let broken = output.replacingFirst("\"region\": {\n                  \"startLine\": 1\n                }", with: "\"region\": {}")
        #expect(broken != output)
        await #expect(throws: PythonChecks.Failed.self) {
            try await PythonChecks.withTemporaryFile(broken, suffix: ".sarif") { path in
                try await PythonChecks.run("check_sarif.py", [PythonChecks.path("Tests/AccordReportTests/Fixtures/sarif-schema-2.1.0.json"), path])
            }
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
