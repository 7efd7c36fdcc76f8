import AccordEvolution
import AccordJSON
import AccordReport
import Foundation
import Testing

@Suite("junit format")
struct JUnitRendererTests {
    let output = ReportRenderer<EvolutionReport>.junit.render(SampleReports.release, SampleReports.context)

    @Test("one suite named accord diff, a test case per compared object, counts on both levels")
    func structure() {
        #expect(output.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"accord\" tests=\"8\" failures=\"5\" errors=\"0\" skipped=\"0\">\n"))
        #expect(output.contains("<testsuite name=\"accord diff\" tests=\"8\" failures=\"5\" errors=\"0\" skipped=\"0\">"))
        #expect(output.contains("<testcase classname=\"tool\" name=\"today\"/>"), "an unchanged object passes")
        #expect(output.contains("<failure message=\"tool `search`: property `limit` became required\" type=\"input-property-added-required\">"))
    }

    @Test("findings below fail-on go to system-out; with fail-on any they all fail")
    func threshold() {
        #expect(output.contains("<system-out>[potentially-breaking] input-pattern-changed: tool `search`: pattern of `query` changed"))
        let strict = ReportRenderer<EvolutionReport>.junit.render(SampleReports.release(failOn: .any), SampleReports.context)
        #expect(strict.contains("<testsuite name=\"accord diff\" tests=\"8\" failures=\"11\""))
        #expect(strict.contains("<failure message=\"tool `forecast` was added\" type=\"tool-added\">"))
        let never = ReportRenderer<EvolutionReport>.junit.render(SampleReports.release(failOn: .never), SampleReports.context)
        #expect(!never.contains("<failure"))
    }

    @Test("server text is escaped: XML specials, and characters XML 1.0 forbids made visible")
    func escaping() {
        #expect(output.contains("&lt;b&gt;&amp;&lt;/b&gt;"))
        #expect(output.contains("description changed\\u{1B}[2J"))
        #expect(!output.unicodeScalars.contains { !XMLEscaping.isAllowed($0) })
    }

    @Test("junitparser reads it: suites, cases, failures and output as written")
    func junitparser() async throws {
        let summary = try await PythonChecks.withTemporaryFile(output, suffix: ".xml") { path in
            try await PythonChecks.lastJSONLine(PythonChecks.run("read_junit.py", [path]))
        }
        #expect(summary["tests"] as? Int == 8)
        #expect(summary["failures"] as? Int == 5)
        let suites = try #require(summary["suites"] as? [[String: Any]])
        #expect(suites.count == 1)
        #expect(suites[0]["name"] as? String == "accord diff")
        let cases = try #require(suites[0]["cases"] as? [[String: Any]])
        #expect(cases.map { "\($0["classname"] ?? "") \($0["name"] ?? "")" } == [
            "server weather", "tool forecast", "tool legacy_search", "tool search", "tool today",
            "resource file:///notes/today.md", "resource-template file:///logs/{date}{?level}", "prompt summarize",
        ])
        let search = try #require(cases.first { $0["name"] as? String == "search" })
        let failures = try #require(search["failures"] as? [[String: Any]])
        #expect(failures.map { $0["type"] as? String } == ["input-property-added-required", "output-type-widened"])
        #expect((failures[0]["text"] as? String)?.contains("consumers: billing-agent, support-bot") == true)
        let out = try #require(search["systemOut"] as? String)
        #expect(out.contains("<b>&</b>"), "escapes read back to the server's text")
        let properties = try #require(suites[0]["properties"] as? [String: String])
        #expect(properties["nextVersion"] == "2.0.0")
        #expect(properties["new"] == "build/weather new.json")
    }

    @Test("junitparser reads the empty report too")
    func emptyReport() async throws {
        let xml = ReportRenderer<EvolutionReport>.junit.render(SampleReports.unchanged, SampleReports.context)
        let summary = try await PythonChecks.withTemporaryFile(xml, suffix: ".xml") { path in
            try await PythonChecks.lastJSONLine(PythonChecks.run("read_junit.py", [path]))
        }
        #expect(summary["tests"] as? Int == 2)
        #expect(summary["failures"] as? Int == 0)
    }

    @Test("the XML check is not vacuous: a raw control character fails it")
    func checkerRejects() async throws {
        let broken = output.replacingFirst("[potentially-breaking]", with: "[potentially-breaking]\u{1B}")
        await #expect(throws: PythonChecks.Failed.self) {
            try await PythonChecks.withTemporaryFile(broken, suffix: ".xml") { path in try await PythonChecks.run("read_junit.py", [path]) }
        }
    }
}
