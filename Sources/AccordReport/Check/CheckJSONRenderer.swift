import AccordContracts
import AccordEvolution
import AccordProbe
import AccordJSON

/// Accord's JSON `accord check` report (`--format json`), version 1: the gate's status and, per
/// server, its state with the diff report (``DiffReportDocument``) and the verification report
/// (``VerificationReportDocument``) embedded as they are written on their own. A sharded run
/// (`--shard I/N`) says which shard it is; ``report(from:)`` reads a document back.
///
/// The document is described by `docs/schemas/accord-check-report.schema.json`, which embeds
/// the diff and verify schemas.
///
/// ```swift
/// let json = CheckReportDocument.json(report, context: context)
/// json["status"]                       // "passed", "failed" or "error"
/// json["servers"]?[0]?["diff"]?["requiredBump"]
/// ```
public enum CheckReportDocument {
    public static let reportVersion = 1
    public static let kind = "check"

    /// The report as a JSON value (render it with `JSONEncoding.canonical`).
    public static func json(_ report: CheckReport, context: RenderContext) -> JSONValue {
        let part = CheckPresentation.partContext(context)
        var document: [String: JSONValue] = [
            "reportVersion": .number(JSONNumber(reportVersion)),
            "kind": .string(kind),
            "tool": ["name": .string(context.toolName), "version": .string(context.toolVersion)],
            "configuration": .string(report.configuration),
            "status": .string(report.status.rawValue),
            "servers": .array(report.servers.map { server($0, context: part) }),
        ]
        if let shard = report.shard {
            document["shard"] = ["index": .number(JSONNumber(shard.index)), "count": .number(JSONNumber(shard.count)),
                                 "gate": .array(shard.gate.map { .string($0) })]
        }
        return .object(document)
    }

    private static func server(_ server: CheckReport.ServerResult, context: RenderContext) -> JSONValue {
        var object: [String: JSONValue] = [
            "server": .string(server.server),
            "baseline": .string(server.baseline),
            "status": .string(server.status.rawValue),
            "baselineMissing": .bool(server.baselineMissing),
            "baselineUpdated": .bool(server.baselineUpdated),
            "diff": server.diff.map { DiffReportDocument.json($0, context: context) } ?? .null,
            "verification": server.verification.map { VerificationReportDocument.json($0, context: context) } ?? .null,
        ]
        if let error = server.error { object["error"] = .string(error) }
        if let probe = server.probe { object["probe"] = ProbeReportDocument.json(probe, context: context) }
        // Where the diff's findings are in the baseline: what SARIF regions and annotation lines
        // say, kept so a merged report (`accord report merge`) renders them as check did.
        if !server.diffAnchorLines.isEmpty {
            object["baselineLines"] = .object(Dictionary(uniqueKeysWithValues: server.diffAnchorLines.map { ($0.key.description, .number(JSONNumber($0.value))) }))
        }
        if let consumers = CheckPresentation.consumersAffected(server) { object["consumersAffected"] = .array(consumers.map { .string($0) }) }
        return .object(object)
    }
}

extension ReportRenderer where Report == CheckReport {
    /// Accord's versioned JSON document (``CheckReportDocument``), canonical: sorted keys,
    /// two-space indent, trailing newline. Its schema is `docs/schemas/accord-check-report.schema.json`.
    public static var json: ReportRenderer {
        ReportRenderer(format: .json) { report, context in
            JSONEncoding.canonical(CheckReportDocument.json(report, context: context))
        }
    }
}
