import AccordContracts
import AccordEvolution
import AccordJSON
import AccordProbe

extension ReportRenderer where Report == CheckReport {
    /// One SARIF 2.1.0 log for code scanning with the runs of every server's parts, concatenated:
    /// its diff run (as the diff SARIF format writes it) and its contract run (as the verify
    /// format writes it). Each run carries `automationDetails.id` `accord-check/<server>/diff/` or
    /// `…/contracts/`, so code scanning keeps their alerts apart. Servers that could not be checked
    /// have no run (SARIF has no place for them; the other formats report them). With no run at
    /// all the log has one empty run, so an upload still clears old alerts.
    public static var sarif: ReportRenderer {
        ReportRenderer(format: .sarif) { report, context in JSONEncoding.canonical(CheckSARIF.log(report, context: context)) }
    }
}

enum CheckSARIF {
    static func log(_ report: CheckReport, context: RenderContext) -> JSONValue {
        let part = CheckPresentation.partContext(context)
        var runs: [JSONValue] = []
        for server in report.servers {
            if let diff = server.diff { runs += categorised(DiffSARIF.log(diff, context: CheckPresentation.diffContext(part, server)), "\(context.toolName)-check/\(server.server)/diff/") }
            if let verification = server.verification {
                runs += categorised(VerifySARIF.log(verification, context: part), "\(context.toolName)-check/\(server.server)/contracts/")
            }
            if let probe = server.probe { runs += categorised(ProbeSARIF.log(probe, context: part), "\(context.toolName)-check/\(server.server)/probe/") }
        }
        if runs.isEmpty {
            let driver = SARIFLog.Driver(name: context.toolName, version: context.toolVersion, informationURI: context.informationURI, rules: [])
            runs = categorised(SARIFLog(driver: driver, results: []), "\(context.toolName)-check/")
        }
        return ["$schema": .string(SARIFLog.schemaURI), "version": "2.1.0", "runs": .array(runs)]
    }

    /// The log's runs, each with `automationDetails.id` set to `id` (GitHub's category).
    private static func categorised(_ log: SARIFLog, _ id: String) -> [JSONValue] {
        (log.json["runs"]?.arrayValue ?? []).map { $0.setting("automationDetails", to: ["id": .string(id)]) }
    }
}
