import AccordEvolution
import AccordJSON
import AccordProbe

extension ProbeReportDocument: ReadableReportDocument {
    public static let documentName = "probe"

    /// Reads a version-1 probe report back (a check report embeds one per probed server, and
    /// `accord report merge` reads check reports). Derived fields (`failed`, `summary`, `tool`,
    /// findings' `severity`) are not needed to rebuild the report and are not checked.
    ///
    /// ```swift
    /// let back = try ProbeReportDocument.report(from: JSONValue(parsing: text))   // == report
    /// ```
    /// - Throws: ``ProbeReportDocumentError`` naming the pointer of the first bad field.
    public static func report(from json: JSONValue) throws(ProbeReportDocumentError) -> ProbeReport {
        let root = Reader(value: json, pointer: .root)
        try root.checkReportVersion(reportVersion)
        guard root.optionalMember("kind")?.value == "probe" else { throw ProbeReportDocumentError(pointer: "/kind", reason: "not a probe report (expected \"kind\": \"probe\")") }
        let server = try root.member("server"), options = try root.member("options")
        let seedField = try options.member("seed")
        guard case .number(let seedNumber) = seedField.value, let seed = UInt64(seedNumber.text) else { throw seedField.failure("expected a whole number") }
        var report = ProbeReport(
            target: try server.member("target").string(), serverName: try server.optionalMember("name")?.string(),
            serverVersion: try server.optionalMember("version")?.string(),
            options: ProbeOptions(seed: seed, callsPerTool: try options.member("callsPerTool").int(), invalid: try options.member("invalid").bool(),
                                  allowWrites: try options.member("allowWrites").bool()),
            failOn: try root.member("failOn").enumeration(FailOn.self), states: try root.member("states").strings(),
            stoppedEarly: try root.optionalMember("stoppedEarly")?.string())
        for element in try root.member("calls").elements() {
            let message = try element.optionalMember("message")?.string() ?? ""
            let outcome: ProbeReport.Outcome = switch try element.member("outcome").string() {
            case "result": .result
            case "tool-error": .toolError(message)
            case "rpc-error": .rpcError(code: try element.member("code").int(), message: message)
            case "failed": .failed(message)
            case let other: throw try element.member("outcome").failure("unknown outcome \"\(other)\"")
            }
            report.calls.append(ProbeReport.Call(tool: try element.member("tool").string(), kind: try element.member("kind").enumeration(ProbeReport.ArgumentKind.self),
                                                 arguments: try element.member("arguments").value, outcome: outcome))
        }
        for element in try root.member("skipped").elements() {
            report.skipped.append(ProbeReport.SkippedTool(tool: try element.member("tool").string(), reason: try element.member("reason").string()))
        }
        for element in try root.member("findings").elements() {
            report.findings.append(ProbeReport.Finding(
                kind: try element.member("kind").enumeration(ProbeFindingKind.self), tool: try element.member("tool").string(),
                arguments: try element.member("arguments").value, message: try element.member("message").string(),
                pointer: try element.optionalMember("pointer")?.jsonPointer()))
        }
        return report
    }

    private typealias Reader = DocumentReader<ProbeReportDocument>
}

/// A JSON probe report that cannot be read back: which field, and why.
public typealias ProbeReportDocumentError = ReportDocumentError<ProbeReportDocument>
