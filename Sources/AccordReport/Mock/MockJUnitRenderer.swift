extension ReportRenderer where Report == MockReport {
    /// JUnit XML, a suite per contract file with a case per interaction — failing when never
    /// called under `--require-all`, skipped when never called otherwise — and a suite
    /// `accord mock: unexpected requests` with a failing case per unexpected request.
    public static var junit: ReportRenderer {
        ReportRenderer(format: .junit) { report, context in
            var files: [String] = []
            for use in report.interactions where !files.contains(use.file) { files.append(use.file) }
            var suites = files.map { file in
                let cases = report.interactions.filter { $0.file == file }.map { use in
                    let name = DisplayText.singleLine(use.interaction)
                    guard !use.exercised else {
                        return JUnitDocument.Case(classname: DisplayText.singleLine(use.consumer), name: name, systemOut: "\(MockPresentation.call(use)): \(use.calls) call\(use.calls == 1 ? "" : "s")")
                    }
                    let message = "never called: \(MockPresentation.call(use)) at \(MockPresentation.location(use))"
                    if report.requireAll {
                        return JUnitDocument.Case(classname: DisplayText.singleLine(use.consumer), name: name, failures: [JUnitDocument.Failure(message: message, type: "never-called", body: message)])
                    }
                    return JUnitDocument.Case(classname: DisplayText.singleLine(use.consumer), name: name, skipped: JUnitDocument.Skipped(message: message))
                }
                return JUnitDocument.Suite(name: "\(context.toolName) mock: \(DisplayText.singleLine(file))", properties: [JUnitDocument.Property("provider", MockPresentation.provider(report))], cases: cases)
            }
            let unexpected = report.unexpected.map { request in
                let title = MockPresentation.request(request, width: context.valueWidth)
                return JUnitDocument.Case(classname: "unexpected", name: title, failures: [JUnitDocument.Failure(message: DisplayText.singleLine(request.reason), type: "unexpected-request", body: DisplayText.singleLine(request.reason))])
            }
            suites.append(JUnitDocument.Suite(name: "\(context.toolName) mock: unexpected requests", cases: unexpected))
            return JUnitDocument(name: context.title ?? "\(context.toolName) mock", suites: suites).xml
        }
    }
}
