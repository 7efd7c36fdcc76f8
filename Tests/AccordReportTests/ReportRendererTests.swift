import AccordEvolution
import AccordJSON
import AccordReport
import Testing

@Suite("renderer values")
struct ReportRendererTests {
    @Test("every format has a renderer that writes that format", arguments: ReportFormat.allCases)
    func lookup(format: ReportFormat) {
        let renderer = ReportRenderer<EvolutionReport>.for(format)
        #expect(renderer.format == format)
        #expect(SampleReports.release.rendered(as: format, context: SampleReports.context) == renderer(SampleReports.release, SampleReports.context))
    }

    @Test("rendering is deterministic and ends with a newline", arguments: ReportFormat.allCases)
    func deterministic(format: ReportFormat) {
        let renderer = ReportRenderer<EvolutionReport>.for(format)
        let first = renderer.render(SampleReports.release, SampleReports.context)
        #expect(first == renderer.render(SampleReports.release, SampleReports.context))
        #expect(first.hasSuffix("\n"))
    }

    @Test("only text uses colour; no other format ever contains an escape code", arguments: ReportFormat.allCases.filter { $0 != .text })
    func colourIgnored(format: ReportFormat) {
        var coloured = SampleReports.context
        coloured.colour = true
        let renderer = ReportRenderer<EvolutionReport>.for(format)
        let output = renderer.render(SampleReports.release, coloured)
        #expect(output == renderer.render(SampleReports.release, SampleReports.context))
        #expect(!output.unicodeScalars.contains("\u{1B}"))
    }

    @Test("pullback transforms the context, e.g. colour off for report files")
    func pullback() {
        var coloured = SampleReports.context
        coloured.colour = true
        let forFiles = ReportRenderer<EvolutionReport>.text.pullback { $0.withoutColour }
        #expect(forFiles(SampleReports.release, coloured) == ReportRenderer<EvolutionReport>.text(SampleReports.release, SampleReports.context))
    }

    @Test("colour only on a terminal without NO_COLOR")
    func wantsColour() {
        #expect(RenderContext.wantsColour(isTerminal: true, environment: [:]))
        #expect(!RenderContext.wantsColour(isTerminal: false, environment: [:]))
        #expect(!RenderContext.wantsColour(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(RenderContext.wantsColour(isTerminal: true, environment: ["NO_COLOR": ""]))
    }

    @Test("--report FORMAT=PATH parses, and says what is wrong when it does not")
    func reportRequest() throws {
        #expect(try ReportRequest(parsing: "sarif=build/accord.sarif") == ReportRequest(format: .sarif, path: "build/accord.sarif"))
        #expect(try ReportRequest(parsing: "JUnit=a=b.xml") == ReportRequest(format: .junit, path: "a=b.xml"))
        #expect(throws: ReportRequestError(argument: "sarif", reason: "expected FORMAT=PATH, e.g. sarif=accord.sarif")) { try ReportRequest(parsing: "sarif") }
        #expect(throws: ReportRequestError(argument: "html=x", reason: "unknown format 'html' (one of: text, json, markdown, sarif, junit, github)")) {
            try ReportRequest(parsing: "html=x")
        }
        #expect(throws: ReportRequestError(argument: "json=", reason: "the path after '=' is empty")) { try ReportRequest(parsing: "json=") }
    }

    @Test("a side is a file when it is a path, not a server name, live or a URL")
    func filePath() {
        func side(_ source: String) -> SnapshotSide { SnapshotSide(source: source, serverName: nil, serverVersion: nil, protocolVersion: "2025-06-18") }
        #expect(side("snapshots/weather.json").filePath == "snapshots/weather.json")
        #expect(side("baseline.json").filePath == "baseline.json")
        #expect(side("weather").filePath == nil)
        #expect(side("live").filePath == nil)
        #expect(side("http://127.0.0.1:8080/mcp").filePath == nil)
    }
}
