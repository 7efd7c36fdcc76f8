import AccordJSON
import AccordProbe

extension ReportRenderer where Report == ProbeReport {
    /// JUnit XML, one suite per tool called with a case per call — failing with each finding
    /// it produced (the message carries the reproducing call) — and a suite of skipped tools,
    /// each a skipped case saying why.
    public static var junit: ReportRenderer {
        ReportRenderer(format: .junit) { report, context in
            JUnitDocument(name: context.title ?? "\(context.toolName) probe", suites: ProbeJUnit.suites(report, context: context)).xml
        }
    }
}

enum ProbeJUnit {
    static func suites(_ report: ProbeReport, context: RenderContext) -> [JUnitDocument.Suite] {
            var suites = report.toolsCalled.map { tool in
                let cases = report.calls.enumerated().filter { $0.element.tool == tool }.map { offset, call in
                    let name = "\(call.kind.rawValue) \(JSONEncoding.compact(call.arguments))"
                    let failures = report.findings.filter { $0.tool == tool && $0.arguments == call.arguments }.map { finding in
                        let reproduce = ProbePresentation.call(tool: finding.tool, arguments: finding.arguments)
                        return JUnitDocument.Failure(message: ProbePresentation.finding(finding), type: finding.kind.rawValue,
                                                     body: "\(ProbePresentation.finding(finding))\nreproduce: \(reproduce)")
                    }
                    return JUnitDocument.Case(classname: DisplayText.singleLine(tool), name: "call \(offset + 1): \(name)", failures: failures,
                                              systemOut: call.outcome.detail)
                }
                return JUnitDocument.Suite(name: "\(context.toolName) probe: \(DisplayText.singleLine(tool))",
                                           properties: [JUnitDocument.Property("server", ProbePresentation.server(report)),
                                                        JUnitDocument.Property("seed", String(report.options.seed))],
                                           cases: cases)
            }
            let skipped = report.skipped.map { tool in
                JUnitDocument.Case(classname: DisplayText.singleLine(tool.tool), name: "not called", skipped: JUnitDocument.Skipped(message: DisplayText.singleLine(tool.reason)))
            }
            suites.append(JUnitDocument.Suite(name: "\(context.toolName) probe: skipped tools", cases: skipped))
            return suites
    }
}
