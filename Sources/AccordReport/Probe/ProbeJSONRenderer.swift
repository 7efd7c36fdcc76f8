import AccordJSON
import AccordProbe

/// Accord's JSON probe report (`accord probe --format json`), version 1, described by
/// `docs/schemas/accord-probe-report.schema.json`. Every call is listed with its exact
/// arguments; every finding repeats the arguments that reproduce it.
///
/// ```swift
/// let json = ProbeReportDocument.json(report, context: context)
/// json["failed"]                         // true when a finding reaches failOn
/// json["findings"]?[0]?["arguments"]     // what to send to reproduce it
/// ```
public enum ProbeReportDocument {
    public static let reportVersion = 1

    public static func json(_ report: ProbeReport, context: RenderContext) -> JSONValue {
        var server: [String: JSONValue] = ["target": .string(report.target)]
        if let name = report.serverName { server["name"] = .string(name) }
        if let version = report.serverVersion { server["version"] = .string(version) }
        var document: [String: JSONValue] = [
            "reportVersion": .number(JSONNumber(reportVersion)),
            "kind": "probe",
            "tool": ["name": .string(context.toolName), "version": .string(context.toolVersion)],
            "server": .object(server),
            "options": [
                "seed": JSONNumber(text: String(report.options.seed)).map(JSONValue.number) ?? .null,
                "callsPerTool": .number(JSONNumber(report.options.callsPerTool)),
                "invalid": .bool(report.options.invalid),
                "allowWrites": .bool(report.options.allowWrites),
            ],
            "failOn": .string(report.failOn.rawValue),
            "failed": .bool(report.failed),
            "states": .array(report.states.map { .string($0) }),
            "summary": [
                "calls": .number(JSONNumber(report.calls.count)),
                "toolsCalled": .number(JSONNumber(report.toolsCalled.count)),
                "toolsSkipped": .number(JSONNumber(report.skipped.count)),
                "findings": .number(JSONNumber(report.findings.count)),
            ],
            "calls": .array(report.calls.map(call)),
            "skipped": .array(report.skipped.map { ["tool": .string($0.tool), "reason": .string($0.reason)] }),
            "findings": .array(report.findings.map(finding)),
        ]
        if let stopped = report.stoppedEarly { document["stoppedEarly"] = .string(stopped) }
        return .object(document)
    }

    private static func call(_ call: ProbeReport.Call) -> JSONValue {
        var object: [String: JSONValue] = [
            "tool": .string(call.tool), "kind": .string(call.kind.rawValue), "arguments": call.arguments,
            "outcome": .string(call.outcome.label),
        ]
        switch call.outcome {
        case .result: break
        case .toolError(let text): object["message"] = .string(text)
        case .rpcError(let code, let message):
            object["code"] = .number(JSONNumber(code))
            object["message"] = .string(message)
        case .failed(let message): object["message"] = .string(message)
        }
        return .object(object)
    }

    private static func finding(_ finding: ProbeReport.Finding) -> JSONValue {
        var object: [String: JSONValue] = [
            "kind": .string(finding.kind.rawValue), "severity": .string(finding.severity.rawValue), "tool": .string(finding.tool),
            "arguments": finding.arguments, "message": .string(finding.message),
        ]
        if let pointer = finding.pointer { object["pointer"] = .string(pointer.description) }
        return .object(object)
    }
}

extension ReportRenderer where Report == ProbeReport {
    /// ``ProbeReportDocument``, canonical: sorted keys, two-space indent, trailing newline.
    public static var json: ReportRenderer {
        ReportRenderer(format: .json) { report, context in JSONEncoding.canonical(ProbeReportDocument.json(report, context: context)) }
    }
}
