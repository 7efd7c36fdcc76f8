import AccordContracts
import AccordJSON

/// Accord's JSON contract-verification report (`accord verify` and `accord can-i-deploy` with
/// `--format json`), version 1.
///
/// The document is described by `docs/schemas/accord-verify-report.schema.json`. Like the diff
/// report, optional fields are left out when they have no value (a mismatch without `actual`
/// found nothing; `"actual": null` found JSON null), and `reportVersion` changes only when a
/// field is removed, renamed or changes meaning.
///
/// ```swift
/// let json = VerificationReportDocument.json(report, context: context)
/// json["kind"]      // "verify" or "can-i-deploy"
/// json["failed"]    // true when a contract that is not pending failed
/// ```
public enum VerificationReportDocument {
    public static let reportVersion = 1

    /// The report as a JSON value (render it with `JSONEncoding.canonical`).
    public static func json(_ report: VerificationReport, context: RenderContext) -> JSONValue {
        var server: [String: JSONValue] = [:]
        if let name = report.serverName { server["name"] = .string(name) }
        if let version = report.serverVersion { server["version"] = .string(version) }
        return [
            "reportVersion": .number(JSONNumber(reportVersion)),
            "kind": .string(report.purpose.rawValue),
            "tool": ["name": .string(context.toolName), "version": .string(context.toolVersion)],
            "mode": .string(report.mode.rawValue),
            "target": .string(report.target),
            "server": .object(server),
            "failed": .bool(report.failed),
            "summary": summary(report),
            "contracts": .array(report.verifications.map(contract)),
        ]
    }

    private static func contract(_ contract: ContractVerification) -> JSONValue {
        [
            "consumer": .string(contract.consumer),
            "provider": .string(contract.provider),
            "file": .string(contract.file),
            "pending": .bool(contract.pending),
            "failed": .bool(contract.failed),
            "checks": .array(contract.checks.map(check)),
        ]
    }

    private static func check(_ check: VerificationCheck) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(check.id),
            "subject": ["kind": .string(check.subject.kind.rawValue), "name": .string(check.subject.name), "aspect": .string(check.subject.aspect.rawValue)],
            "description": .string(check.description),
            "status": .string(check.status.rawValue),
            "mismatches": .array(check.mismatches.map(mismatch)),
        ]
        if let line = check.line { object["line"] = .number(JSONNumber(line)) }
        return .object(object)
    }

    static func mismatch(_ mismatch: Mismatch) -> JSONValue {
        var object: [String: JSONValue] = [
            "pointer": .string(mismatch.pointer.description),
            "expected": .string(mismatch.expected),
            "message": .string(mismatch.message),
        ]
        if let actual = mismatch.actual { object["actual"] = actual }
        return .object(object)
    }

    private static func summary(_ report: VerificationReport) -> JSONValue {
        let pending = report.verifications.filter(\.pending)
        return [
            "contracts": .number(JSONNumber(report.verifications.count)),
            "failingContracts": .number(JSONNumber(VerifyPresentation.failing(report).count)),
            "checks": .number(JSONNumber(report.checkCount)),
            "failedChecks": .number(JSONNumber(report.failedCheckCount)),
            "failedPendingChecks": .number(JSONNumber(pending.reduce(0) { $0 + $1.failedChecks.count })),
        ]
    }
}

extension ReportRenderer where Report == VerificationReport {
    /// Accord's versioned JSON document (``VerificationReportDocument``), canonical: sorted keys,
    /// two-space indent, trailing newline. Its schema is `docs/schemas/accord-verify-report.schema.json`.
    public static var json: ReportRenderer {
        ReportRenderer(format: .json) { report, context in
            JSONEncoding.canonical(VerificationReportDocument.json(report, context: context))
        }
    }
}
