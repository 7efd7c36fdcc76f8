import AccordEvolution
import AccordJSON
import AccordReport
import Testing

@Suite("github format")
struct GitHubAnnotationsRendererTests {
    let lines = ReportRenderer<EvolutionReport>.github.render(SampleReports.release, SampleReports.context).split(separator: "\n").map(String.init)

    @Test("error for failing findings, warning for potentially breaking, notice for the rest")
    func levels() {
        let commands = lines.filter { $0.hasPrefix("::") }
        #expect(commands.count == SampleReports.release.findings.count)
        #expect(commands.filter { $0.hasPrefix("::error ") }.count == 5)
        #expect(commands.filter { $0.hasPrefix("::warning ") }.count == 3)
        #expect(commands.filter { $0.hasPrefix("::notice ") }.count == 3)
        // Not failing under fail-on: never, breaking findings are still warnings.
        let lenient = ReportRenderer<EvolutionReport>.github.render(SampleReports.release(failOn: .never), SampleReports.context)
        #expect(!lenient.contains("::error "))
        #expect(lenient.split(separator: "\n").filter { $0.hasPrefix("::warning ") }.count == 8)
    }

    @Test("file, title and a multi-line message, escaped")
    func command() {
        #expect(lines[0] == "::error file=build/weather new.json,title=input-property-added-required::tool `search`: property `limit` became required (breaking, at /tools/search/inputSchema/required)%0Achange: [\"query\"] → [\"query\",\"limit\"]%0Ahint: old calls do not send `limit`; give it a default and keep it optional%0Aconsumers: billing-agent, support-bot")
        #expect(lines.contains { $0.contains("check 100%25 of callers' inputs") }, "% is escaped")
    }

    @Test("server text cannot end the command or start another one")
    func injection() throws {
        let description = try #require(lines.first { $0.contains("title=tool-description-changed") })
        #expect(description.hasPrefix("::notice "))
        #expect(!description.unicodeScalars.contains { $0.value < 0x20 })
        #expect(lines.filter { $0.hasPrefix("::") }.count == SampleReports.release.findings.count)
        #expect(lines.allSatisfy { !$0.contains("\r") })
    }

    @Test("properties escape : and , and the line comes from the context")
    func properties() {
        var report = SampleReports.release
        report.new.source = "snaps/a:b,c.json"
        var context = SampleReports.context
        context.anchorLines = [JSONPointer(tokens: ["tools", "search", "inputSchema"]): 17]
        let first = ReportRenderer<EvolutionReport>.github.render(report, context).split(separator: "\n")[0]
        #expect(first.hasPrefix("::error file=snaps/a%3Ab%2Cc.json,line=17,title=input-property-added-required::"))
    }

    @Test("no file when neither side is a snapshot file")
    func noFile() {
        var report = SampleReports.release
        report.old.source = "weather"
        report.new.source = "live"
        let first = ReportRenderer<EvolutionReport>.github.render(report, SampleReports.context).split(separator: "\n")[0]
        #expect(first.hasPrefix("::error title=input-property-added-required::"))
    }

    @Test("a plain summary line closes the output")
    func summary() {
        #expect(lines.last == "accord diff: weather 1.4.2 → 1.5.0: 5 breaking, 3 potentially breaking, 3 non-breaking, 1 accepted — required bump: major (1.4.2 → 2.0.0) — FAIL (fail-on: breaking)")
    }
}
