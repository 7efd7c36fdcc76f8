import AccordContracts
import AccordEvolution
import AccordProbe

extension ReportRenderer where Report == CheckReport {
    /// One JUnit `<testsuites>` with every server's suites, names prefixed by the server
    /// (`demo: accord diff`, `demo: billing-agent → ledgerly`): the diff suite as the diff JUnit
    /// format writes it and a suite per contract as the verify format writes them. A server
    /// that could not be checked, or has no baseline, gets a suite `demo: accord check` with one
    /// failing case (`type` `server-error` or `baseline-missing`).
    public static var junit: ReportRenderer {
        ReportRenderer(format: .junit) { report, context in
            let part = CheckPresentation.partContext(context)
            let suites = report.servers.flatMap { server in
                var suites = CheckJUnit.gate(server, context: context).map { [$0] } ?? []
                if let diff = server.diff { suites += DiffJUnit.document(diff, context: part).suites }
                if let verification = server.verification { suites += VerifyJUnit.suites(verification, context: part) }
                if let probe = server.probe { suites += ProbeJUnit.suites(probe, context: part) }
                return suites.map { suite in
                    var named = suite
                    named.name = "\(DisplayText.singleLine(server.server)): \(suite.name)"
                    return named
                }
            }
            return JUnitDocument(name: context.title ?? context.toolName, suites: suites).xml
        }
    }
}

enum CheckJUnit {
    /// The gate's own failure for a server, when the server could not be judged on its parts.
    static func gate(_ server: CheckReport.ServerResult, context: RenderContext) -> JUnitDocument.Suite? {
        let failure: JUnitDocument.Failure
        if let error = server.error {
            let lines = CheckPresentation.quotedError(error)
            failure = JUnitDocument.Failure(message: lines.first ?? "", type: "server-error", body: lines.joined(separator: "\n"))
        } else if server.baselineMissing && !server.baselineUpdated {
            let message = CheckPresentation.missingBaseline(server, context: context)
            failure = JUnitDocument.Failure(message: message, type: "baseline-missing", body: message)
        } else {
            return nil
        }
        let testCase = JUnitDocument.Case(classname: "server", name: DisplayText.singleLine(server.server), failures: [failure])
        return JUnitDocument.Suite(name: "\(context.toolName) check", properties: [JUnitDocument.Property("baseline", server.baseline)], cases: [testCase])
    }
}
