import AccordEvolution
import AccordJSON
import AccordReport
import Testing

/// `Finding.consumers`: `nil` when no contracts were consulted (nothing is said), `[]` when
/// contracts were consulted and none breaks ("no known consumer affected", on findings that can
/// break anyone), names otherwise (unchanged wording).
@Suite("diff formats: consumer impact wording")
struct ConsumerImpactWordingTests {
    /// The release with contracts consulted: `limit` breaks billing-agent, the widened output
    /// (breaking) and the pattern change (potentially breaking) break no known consumer, and the
    /// added tool (non-breaking) has an empty list too.
    static let report: EvolutionReport = {
        var report = SampleReports.release
        func set(_ rule: String, _ consumers: [String]?) {
            if let index = report.findings.firstIndex(where: { $0.ruleID == rule }) { report.findings[index].consumers = consumers }
        }
        set("input-property-added-required", ["billing-agent"])
        set("output-type-widened", [])
        set("input-pattern-changed", [])
        set("tool-added", [])
        return report
    }()

    private func render(_ format: ReportFormat, _ report: EvolutionReport = report) -> String {
        ReportRenderer<EvolutionReport>.for(format).render(report, SampleReports.context)
    }

    @Test("text: a line under the finding; none for non-breaking findings or without contracts")
    func text() {
        let text = render(.text)
        #expect(text.contains("""
                output-type-widened  /tools/search/outputSchema/properties/score/type
                  tool `search`: output `score` may now be null
                  change: "number" → ["number","null"]
                  no known consumer affected
            """))
        #expect(text.contains("hint: whether old values still match cannot be decided structurally: check 100% of callers' inputs\n      no known consumer affected\n"))
        #expect(text.contains("consumers: billing-agent"))
        #expect(text.components(separatedBy: "no known consumer affected").count == 3, "tool-added (non-breaking) says nothing")
        var coloured = SampleReports.context
        coloured.colour = true
        #expect(ReportRenderer<EvolutionReport>.text.render(Self.report, coloured).contains("\u{1B}[2mno known consumer affected\u{1B}[0m"))
    }

    @Test("markdown: in the change cell")
    func markdown() throws {
        let row = try #require(render(.markdown).split(separator: "\n").first { $0.contains("`output-type-widened`") })
        #expect(row.hasSuffix("<br>*No known consumer affected* |"))
        let added = try #require(render(.markdown).split(separator: "\n").first { $0.contains("`tool-added`") })
        #expect(!added.contains("consumer"))
    }

    @Test("junit: in the failure's details")
    func junit() {
        #expect(render(.junit).contains("new: [\"number\",\"null\"]\nno known consumer affected\nfingerprint: "))
    }

    @Test("github: a line of the annotation")
    func github() throws {
        let line = try #require(render(.github).split(separator: "\n").first { $0.contains("title=output-type-widened") })
        #expect(line.hasSuffix("%0Ano known consumer affected"))
    }

    @Test("sarif: a sentence of the message; the consumers property stays the list")
    func sarif() throws {
        let results = try #require(try JSONValue(parsing: render(.sarif))["runs"]?[0]?["results"]?.arrayValue)
        let widened = try #require(results.first { $0["ruleId"] == "output-type-widened" })
        #expect(widened["message"]?["text"]?.stringValue?.hasSuffix(". No known consumer affected") == true)
        #expect(widened["properties"]?["consumers"] == [])
        let required = try #require(results.first { $0["ruleId"] == "input-property-added-required" })
        #expect(required["message"]?["text"]?.stringValue?.hasSuffix(". Breaks consumers: billing-agent") == true)
    }

    @Test("without contracts no format mentions it", arguments: ReportFormat.allCases)
    func withoutContracts(format: ReportFormat) {
        #expect(!render(format, SampleReports.release).lowercased().contains("no known consumer"))
    }
}
