import AccordJSON
import AccordProbe

/// Phrases every probe-report format shares, so text, Markdown, JUnit, SARIF and annotations agree.
enum ProbePresentation {
    static func server(_ report: ProbeReport) -> String {
        let name = report.serverName.map { $0 + (report.serverVersion.map { " \($0)" } ?? "") }
        return DisplayText.singleLine(name.map { "\($0) (\(report.target))" } ?? report.target)
    }

    static func heading(_ report: ProbeReport, context: RenderContext) -> String {
        var text = "\(context.toolName) probe: \(server(report)), seed \(report.options.seed), \(report.options.callsPerTool) call\(report.options.callsPerTool == 1 ? "" : "s") per tool"
        if report.options.invalid { text += ", with invalid arguments" }
        if report.options.allowWrites { text += ", writes allowed" }
        return text
    }

    /// `PASS`/`FAIL` and why.
    static func verdict(_ report: ProbeReport) -> String {
        report.failed ? "FAIL (\(report.failing.count) finding\(report.failing.count == 1 ? "" : "s") at or above fail-on \(report.failOn.rawValue))" : "PASS"
    }

    /// `tools/call get_invoice {"invoiceId":"INV-1"}`: the reproduction, in one line.
    static func call(tool: String, arguments: JSONValue) -> String {
        "tools/call \(DisplayText.singleLine(tool)) \(JSONEncoding.compact(arguments))"
    }

    static func finding(_ finding: ProbeReport.Finding) -> String {
        "\(finding.kind.rawValue) [\(finding.severity.rawValue)]: \(DisplayText.singleLine(finding.message))"
    }
}
