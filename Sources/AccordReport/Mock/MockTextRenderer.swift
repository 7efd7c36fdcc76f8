extension ReportRenderer where Report == MockReport {
    /// For the consumer's terminal (stderr, since stdout is the MCP channel over stdio): a
    /// header, the unexpected requests with why nothing matched, the interactions never
    /// called, a count of those exercised, and the summary with the verdict last.
    ///
    /// ```text
    /// accord mock: ledgerly 1.0.0 from snapshots/demo.json on stdio (1 session)
    ///
    /// UNEXPECTED tools/call get_invoice {"invoiceId":"INV-9"}
    ///   no interaction matches; closest is "fetch a paid invoice" (contracts/billing-agent.yaml:31): …
    ///
    /// never called:
    ///   "record a card payment" (contracts/billing-agent.yaml:47): tools/call record_payment
    /// exercised: 1 interaction
    ///
    /// 1 of 2 interactions exercised, 1 never called, 1 unexpected request: FAIL (unexpected requests)
    /// ```
    public static var text: ReportRenderer {
        ReportRenderer(format: .text) { report, context in
            let paint = ANSIPainter(enabled: context.colour)
            var lines = [paint(.bold, MockPresentation.heading(report, context: context))]
            if !report.unexpected.isEmpty { lines.append("") }
            for request in report.unexpected {
                lines.append(paint(.red.bold, "UNEXPECTED") + " " + MockPresentation.request(request, width: context.valueWidth))
                lines.append("  " + DisplayText.singleLine(request.reason))
            }
            let never = report.neverCalled
            if !never.isEmpty {
                lines += ["", paint(report.requireAll ? .red : .yellow, "never called:")]
                lines += never.map { "  \(MockPresentation.interaction($0)): \(MockPresentation.call($0))" }
            }
            let exercised = report.exercised
            if !exercised.isEmpty {
                lines.append("exercised: " + exercised.map { "\(MockPresentation.interaction($0)) ×\($0.calls)" }.joined(separator: ", "))
            }
            lines += ["", paint(report.failed ? .red.bold : .green.bold, "\(report.summary): \(MockPresentation.verdict(report))")]
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
