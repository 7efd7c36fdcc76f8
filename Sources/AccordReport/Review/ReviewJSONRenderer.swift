import AccordEvolution
import AccordJSON

/// Accord's JSON review report (`accord review --format json`), version 1: `kind: "review"`,
/// the snapshot reviewed, its findings as the diff report writes them, the counts, the verdict
/// and the version of the instruction patterns (docs/review.md describes the fields).
public enum ReviewReportDocument {
    public static let reportVersion = 1
    public static let kind = "review"

    public static func json(_ report: ReviewReport, context: RenderContext) -> JSONValue {
        var subject: [String: JSONValue] = ["source": .string(report.subject.source), "protocolVersion": .string(report.subject.protocolVersion)]
        if let name = report.subject.serverName { subject["serverName"] = .string(name) }
        if let version = report.subject.serverVersion { subject["serverVersion"] = .string(version) }
        return [
            "reportVersion": .number(JSONNumber(reportVersion)),
            "kind": .string(kind),
            "tool": ["name": .string(context.toolName), "version": .string(context.toolVersion)],
            "subject": .object(subject),
            "patternsVersion": .number(JSONNumber(report.patternsVersion)),
            "textsReviewed": .number(JSONNumber(report.textsReviewed)),
            "findings": .array(report.findings.map(DiffReportDocument.finding)),
            "accepted": .array(report.accepted.map(DiffReportDocument.accepted)),
            "failOn": .string(report.failOn.rawValue),
            "failed": .bool(report.failed),
            "summary": [
                "review": .number(JSONNumber(report.count(.review))),
                "informational": .number(JSONNumber(report.count(.nonBreaking))),
                "accepted": .number(JSONNumber(report.accepted.count)),
                "failing": .number(JSONNumber(report.findings.filter { report.failOn.fails($0.severity) }.count)),
                "total": .number(JSONNumber(report.findings.count)),
            ],
        ]
    }
}

extension ReportRenderer where Report == ReviewReport {
    /// Accord's versioned JSON document (``ReviewReportDocument``), canonical.
    public static var json: ReportRenderer {
        ReportRenderer(format: .json) { report, context in JSONEncoding.canonical(ReviewReportDocument.json(report, context: context)) }
    }
}
