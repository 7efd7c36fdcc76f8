import AccordEvolution
import AccordJSON

/// Accord's JSON diff report (`--format json`), version 1, and its reader.
///
/// The document is described by `docs/schemas/accord-diff-report.schema.json`. Optional fields
/// are left out when they have no value (so `"oldValue": null` means the old value was JSON
/// `null`, while a missing `oldValue` means there was none). `reportVersion` changes only when
/// a field is removed, renamed or changes meaning; fields may be added within a version.
///
/// ```swift
/// let json = DiffReportDocument.json(report, context: context)
/// let back = try DiffReportDocument.report(from: json)   // == report
/// ```
public enum DiffReportDocument {
    public static let reportVersion = 1
    public static let kind = "diff"

    /// The report as a JSON value (render it with `JSONEncoding.canonical`).
    public static func json(_ report: EvolutionReport, context: RenderContext) -> JSONValue {
        var document: [String: JSONValue] = [
            "reportVersion": .number(JSONNumber(reportVersion)),
            "kind": .string(kind),
            "tool": ["name": .string(context.toolName), "version": .string(context.toolVersion)],
            "old": side(report.old),
            "new": side(report.new),
            "findings": .array(report.findings.map(finding)),
            "accepted": .array(report.accepted.map(accepted)),
            "requiredBump": .string(report.requiredBump.rawValue),
            "failOn": .string(report.failOn.rawValue),
            "failed": .bool(report.failed),
            "summary": summary(report),
            "comparedObjects": .array(report.comparedObjects.map { ["kind": .string($0.kind.rawValue), "name": .string($0.name)] }),
        ]
        if let next = report.nextVersion { document["nextVersion"] = .string(next) }
        return .object(document)
    }

    private static func side(_ side: SnapshotSide) -> JSONValue {
        var object: [String: JSONValue] = ["source": .string(side.source), "protocolVersion": .string(side.protocolVersion)]
        if let name = side.serverName { object["serverName"] = .string(name) }
        if let version = side.serverVersion { object["serverVersion"] = .string(version) }
        return .object(object)
    }

    static func finding(_ finding: Finding) -> JSONValue {
        var object: [String: JSONValue] = [
            "ruleId": .string(finding.ruleID),
            "severity": .string(finding.severity.rawValue),
            "direction": .string(finding.direction.rawValue),
            "semver": .string(finding.semver.rawValue),
            "objectKind": .string(finding.objectKind.rawValue),
            "objectName": .string(finding.objectName),
            "pointer": .string(finding.pointer.description),
            "message": .string(finding.message),
            "tags": .array(finding.tags.map { .string($0) }),
            "fingerprint": .string(finding.fingerprint),
        ]
        if let old = finding.oldValue { object["oldValue"] = old }
        if let new = finding.newValue { object["newValue"] = new }
        if let hint = finding.hint { object["hint"] = .string(hint) }
        if let consumers = finding.consumers { object["consumers"] = .array(consumers.map { .string($0) }) }
        return .object(object)
    }

    static func accepted(_ accepted: AcceptedFinding) -> JSONValue {
        var object: [String: JSONValue] = ["finding": finding(accepted.finding), "reason": .string(accepted.reason)]
        if let expires = accepted.expires { object["expires"] = .string(expires) }
        return .object(object)
    }

    private static func summary(_ report: EvolutionReport) -> JSONValue {
        var counts: [String: JSONValue] = [
            "breaking": .number(JSONNumber(report.count(.breaking))),
            "potentiallyBreaking": .number(JSONNumber(report.count(.potentiallyBreaking))),
            "nonBreaking": .number(JSONNumber(report.count(.nonBreaking))),
            "accepted": .number(JSONNumber(report.accepted.count)),
            "failing": .number(JSONNumber(report.findings.filter { report.failOn.fails($0.severity) }.count)),
            "total": .number(JSONNumber(report.findings.count)),
        ]
        // Present only when there are review findings (LLM-facing text), like the text summary.
        if report.count(.review) > 0 { counts["review"] = .number(JSONNumber(report.count(.review))) }
        return .object(counts)
    }
}

extension ReportRenderer where Report == EvolutionReport {
    /// Accord's versioned JSON document (``DiffReportDocument``), canonical: sorted keys,
    /// two-space indent, trailing newline. Its schema is `docs/schemas/accord-diff-report.schema.json`.
    public static var json: ReportRenderer {
        ReportRenderer(format: .json) { report, context in
            JSONEncoding.canonical(DiffReportDocument.json(report, context: context))
        }
    }
}
