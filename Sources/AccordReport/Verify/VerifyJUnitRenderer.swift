import AccordContracts

extension ReportRenderer where Report == VerificationReport {
    /// JUnit XML for CI test views: one `<testsuite>` per contract (`billing-agent → ledgerly`,
    /// properties `file`, `pending`, `mode`, `target`), one `<testcase>` per check (`classname` =
    /// the subject, e.g. `tool get_invoice`; `name` = the check id). A failed check is a
    /// `<failure>` (`type` = the aspect, `message` = the first mismatch, text = every mismatch);
    /// in a pending contract it is `<skipped>` instead, so CI shows it without failing.
    public static var junit: ReportRenderer {
        ReportRenderer(format: .junit) { report, context in
            JUnitDocument(name: context.title ?? context.toolName, suites: VerifyJUnit.suites(report, context: context)).xml
        }
    }
}

enum VerifyJUnit {
    static func suites(_ report: VerificationReport, context: RenderContext) -> [JUnitDocument.Suite] {
        report.verifications.map { contract in
            var properties = [
                JUnitDocument.Property("file", contract.file),
                JUnitDocument.Property("pending", String(contract.pending)),
                JUnitDocument.Property("mode", report.mode.rawValue),
                JUnitDocument.Property("target", report.target),
            ]
            if let name = report.serverName { properties.append(JUnitDocument.Property("serverName", name)) }
            if let version = report.serverVersion { properties.append(JUnitDocument.Property("serverVersion", version)) }
            return JUnitDocument.Suite(name: VerifyPresentation.title(contract), properties: properties,
                                       cases: contract.checks.map { testCase($0, pending: contract.pending, context: context) })
        }
    }

    private static func testCase(_ check: VerificationCheck, pending: Bool, context: RenderContext) -> JUnitDocument.Case {
        var testCase = JUnitDocument.Case(classname: VerifyPresentation.label(check.subject), name: DisplayText.singleLine(check.id))
        guard check.status == .failed else { return testCase }
        let first = check.mismatches.first.map { DisplayText.singleLine($0.message) } ?? DisplayText.singleLine(check.description)
        let body = VerifyPresentation.details(check, width: 0).joined(separator: "\n")
        if pending {
            testCase.skipped = JUnitDocument.Skipped(message: "\(VerifyPresentation.pendingLabel): \(first)", body: body)
        } else {
            testCase.failures = [JUnitDocument.Failure(message: first, type: check.subject.aspect.rawValue, body: body)]
        }
        return testCase
    }
}
