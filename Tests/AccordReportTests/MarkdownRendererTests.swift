import AccordEvolution
import AccordReport
import Testing

@Suite("markdown format")
struct MarkdownRendererTests {
    let output = ReportRenderer<EvolutionReport>.markdown.render(SampleReports.release, SampleReports.context)

    @Test("title, sources, then the summary table")
    func summaryTable() {
        #expect(output.hasPrefix("""
            ## Accord diff: weather 1.4.2 → 1.5.0

            `snapshots/weather.json` → `build/weather new.json`

            | Summary |  |
            | --- | ---: |
            | Breaking | 5 |
            | Potentially breaking | 3 |
            | Non-breaking | 3 |
            | Accepted | 1 |
            | Required bump | major (1.4.2 → 2.0.0) |
            | Verdict | **FAIL** (fail-on: breaking) |

            """))
    }

    @Test("details are grouped by object with pointers in code spans")
    func details() {
        #expect(output.contains("""
            ### prompt `summarize`

            | Severity | Rule | Pointer | Change |
            | --- | --- | --- | --- |
            | Breaking | `prompt-argument-became-required` | `/prompts/summarize/arguments/style/required` | prompt `summarize`: argument `style` became required<br>`false` → `true` |
            | Non-breaking | `prompt-text-changed` | `/prompts/summarize/description` | prompt `summarize`: description changed<br>`"Summarise a note."` → `"Summarise one note, briefly."` |
            """))
        #expect(output.contains("*Breaks:* `billing-agent`, `support-bot`"))
        #expect(output.contains("| `tool-removed` | tool legacy\\_search | `/tools/legacy_search` | search v1 removed after a 90-day notice (expires 2027-01-31) |"))
    }

    @Test("pipes, backticks and HTML from servers cannot break a row or format")
    func escaping() throws {
        // A value containing a backtick gets a longer fence; its pipe is escaped for the table.
        #expect(output.contains("``\"^[a-z0-9 \\|`]+$\"``"))
        let description = try #require(output.split(separator: "\n").first { $0.contains("`tool-description-changed`") })
        #expect(description.contains("\\<b\\>\\&\\</b\\>"))
        #expect(description.contains("\\\\u{1B}\\[2J"), "escape sequences shown as text")
        // Every table row still has exactly its four cells: count unescaped pipes.
        for row in output.split(separator: "\n") where row.hasPrefix("| ") && row.contains("`/tools/") {
            #expect(unescapedPipes(String(row)) == 5, "\(row)")
        }
    }

    @Test("no findings: a short No changes note")
    func unchanged() {
        let output = ReportRenderer<EvolutionReport>.markdown.render(SampleReports.unchanged, SampleReports.context)
        #expect(output == """
            ## Accord diff: weather 1.4.2 → 1.4.2

            `snapshots/weather.json` → `live`

            **No changes**: both snapshots offer the same contract. Required bump: none; **PASS** (fail-on: breaking).

            """)
    }

    @Test("the context's title replaces the default heading")
    func title() {
        var context = SampleReports.context
        context.title = "Release check for weather"
        let output = ReportRenderer<EvolutionReport>.markdown.render(SampleReports.release, context)
        #expect(output.hasPrefix("## Release check for weather\n"))
    }

    /// Pipes that delimit cells: not preceded by a backslash.
    private func unescapedPipes(_ row: String) -> Int {
        var count = 0
        var previous: Character = " "
        for character in row {
            if character == "|" && previous != "\\" { count += 1 }
            previous = character
        }
        return count
    }
}
