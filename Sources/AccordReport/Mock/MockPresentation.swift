import AccordJSON

/// Phrases every mock-report format shares, so text, Markdown, JUnit and annotations agree.
enum MockPresentation {
    static func provider(_ report: MockReport) -> String {
        DisplayText.singleLine(report.provider + (report.providerVersion.map { " \($0)" } ?? ""))
    }

    static func heading(_ report: MockReport, context: RenderContext) -> String {
        "\(context.toolName) mock: \(provider(report)) from \(DisplayText.singleLine(report.snapshot)) on \(DisplayText.singleLine(report.endpoint))"
            + " (\(report.sessions) session\(report.sessions == 1 ? "" : "s"))"
    }

    /// `PASS`/`FAIL` and why.
    static func verdict(_ report: MockReport) -> String {
        guard report.failed else { return "PASS" }
        var reasons: [String] = []
        if !report.unexpected.isEmpty { reasons.append("unexpected requests") }
        if report.requireAll, !report.neverCalled.isEmpty { reasons.append("interactions never called (--require-all)") }
        return "FAIL (\(reasons.joined(separator: ", ")))"
    }

    /// `"fetch a paid invoice" (contracts/billing-agent.yaml:31)`.
    static func interaction(_ use: MockReport.InteractionUse) -> String {
        "\"\(DisplayText.singleLine(use.interaction))\" (\(location(use)))"
    }

    static func location(_ use: MockReport.InteractionUse) -> String {
        DisplayText.singleLine(use.file) + (use.line.map { ":\($0)" } ?? "")
    }

    /// `tools/call get_invoice` and, in parentheses, the state.
    static func call(_ use: MockReport.InteractionUse) -> String {
        "\(use.method) \(DisplayText.singleLine(use.target))" + (use.state.map { " given \"\(DisplayText.singleLine($0))\"" } ?? "")
    }

    /// `tools/call get_invoice {"invoiceId":"INV-9"}` (×2 when repeated).
    static func request(_ request: MockReport.UnexpectedRequest, width: Int) -> String {
        var text = request.method
        if let target = request.target { text += " " + DisplayText.singleLine(target) }
        if let arguments = request.arguments, arguments != .object([:]) { text += " " + DisplayText.value(arguments, width: width) }
        if request.count > 1 { text += " (×\(request.count))" }
        return text
    }
}
