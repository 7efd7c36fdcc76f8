import Foundation
import AccordEvolution
import AccordJSON
import AccordReport
import Testing

@Suite("text format")
struct TextRendererTests {
    let text = ReportRenderer<EvolutionReport>.text.render(SampleReports.release, SampleReports.context)

    @Test("header names both sides with server versions and sources")
    func header() {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "accord diff: weather 1.4.2 → 1.5.0")
        #expect(lines[1] == "  old: snapshots/weather.json (protocol 2025-06-18)")
        #expect(lines[2] == "  new: build/weather new.json (protocol 2025-11-25)")
    }

    @Test("sections come in severity order with counts, objects grouped inside")
    func groups() throws {
        let breaking = try #require(text.range(of: "BREAKING (5)"))
        let potentially = try #require(text.range(of: "POTENTIALLY BREAKING (3)"))
        let nonBreaking = try #require(text.range(of: "NON-BREAKING (3)"))
        let accepted = try #require(text.range(of: "ACCEPTED (1)"))
        #expect(breaking.lowerBound < potentially.lowerBound)
        #expect(potentially.lowerBound < nonBreaking.lowerBound)
        #expect(nonBreaking.lowerBound < accepted.lowerBound)

        let breakingSection = String(text[breaking.upperBound..<potentially.lowerBound])
        // Objects in kind order (server, tool, resource, template, prompt), each once.
        let objects = breakingSection.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.map(String.init)
        #expect(objects == ["  server weather", "  tool search", "  resource file:///notes/today.md", "  prompt summarize"])
        #expect(breakingSection.contains("    input-property-added-required  /tools/search/inputSchema/required"))
        #expect(breakingSection.contains("    output-type-widened  /tools/search/outputSchema/properties/score/type"))
    }

    @Test("an entry has message, old → new values, hint and consumers")
    func entry() {
        #expect(text.contains("""
                input-property-added-required  /tools/search/inputSchema/required
                  tool `search`: property `limit` became required
                  change: ["query"] → ["query","limit"]
                  hint: old calls do not send `limit`; give it a default and keep it optional
                  consumers: billing-agent, support-bot
            """))
        #expect(text.contains("change: null → \"metric\""), "JSON null is a value, shown as null")
        #expect(text.contains("change: (absent) → \"forecast\""))
        #expect(text.contains("tool-description-changed  /tools/search/description  [llm-facing]"))
    }

    @Test("long values are clipped to the context's width")
    func clipping() throws {
        let line = try #require(text.split(separator: "\n").first { $0.contains("change: \"Search notes.\" →") })
        #expect(line.hasSuffix("…"))
        var narrow = SampleReports.context
        narrow.valueWidth = 12
        let clipped = ReportRenderer<EvolutionReport>.text.render(SampleReports.release, narrow)
        #expect(clipped.contains("change: [\"query\"] → [\"query\",\"l…"))
    }

    @Test("accepted findings are listed briefly with their reason")
    func accepted() {
        #expect(text.contains("""
            ACCEPTED (1)
              tool legacy_search: tool-removed  /tools/legacy_search
                reason: search v1 removed after a 90-day notice (expires 2027-01-31)
            """))
    }

    @Test("the last line summarises counts, required bump and verdict")
    func summary() throws {
        let last = try #require(text.split(separator: "\n").last)
        #expect(last == "5 breaking, 3 potentially breaking, 3 non-breaking, 1 accepted — required bump: major (1.4.2 → 2.0.0) — FAIL (fail-on: breaking)")
        #expect(text.hasSuffix("\n"))
        let lenient = ReportRenderer<EvolutionReport>.text.render(SampleReports.release(failOn: .never), SampleReports.context)
        #expect(lenient.split(separator: "\n").last?.hasSuffix("— PASS (fail-on: never)") == true)
    }

    @Test("without colour there is no escape code at all, even from server text")
    func noEscapeCodes() {
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // The server's escape sequences are shown, not executed.
        #expect(text.contains("description changed\\u{1B}[2J to \"Search notes.\\u{7}\\u{1B}[8m\\u{1}"))
    }

    @Test("with colour, severities and the verdict are styled; the words are the same")
    func colour() {
        var context = SampleReports.context
        context.colour = true
        let coloured = ReportRenderer<EvolutionReport>.text.render(SampleReports.release, context)
        #expect(coloured.contains("\u{1B}[31;1mBREAKING (5)\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33;1mPOTENTIALLY BREAKING (3)\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31;1mFAIL\u{1B}[0m"))
        #expect(ANSI.strip(coloured) == text)
    }

    @Test("no changes: a short note and a passing summary")
    func unchanged() {
        let output = ReportRenderer<EvolutionReport>.text.render(SampleReports.unchanged, SampleReports.context)
        #expect(output == """
            accord diff: weather 1.4.2 → 1.4.2
              old: snapshots/weather.json (protocol 2025-06-18)
              new: live (protocol 2025-06-18)

            No changes.

            0 breaking, 0 potentially breaking, 0 non-breaking, 0 accepted — required bump: none — PASS (fail-on: breaking)

            """)
    }
}
