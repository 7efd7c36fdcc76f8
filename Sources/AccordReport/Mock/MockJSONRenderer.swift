import AccordJSON

/// Accord's JSON mock report (`accord mock --format json`), version 1, described by
/// `docs/schemas/accord-mock-report.schema.json`. Optional fields are left out when they have
/// no value; `reportVersion` changes only when a field is removed, renamed or changes meaning.
///
/// ```swift
/// let json = MockReportDocument.json(report, context: context)
/// json["failed"]                 // true when a request was unexpected (or --require-all)
/// json["summary"]["neverCalled"] // 5
/// ```
public enum MockReportDocument {
    public static let reportVersion = 1

    public static func json(_ report: MockReport, context: RenderContext) -> JSONValue {
        var provider: [String: JSONValue] = ["name": .string(report.provider)]
        if let version = report.providerVersion { provider["version"] = .string(version) }
        return [
            "reportVersion": .number(JSONNumber(reportVersion)),
            "kind": "mock",
            "tool": ["name": .string(context.toolName), "version": .string(context.toolVersion)],
            "provider": .object(provider),
            "snapshot": .string(report.snapshot),
            "endpoint": .string(report.endpoint),
            "requireAll": .bool(report.requireAll),
            "sessions": .number(JSONNumber(report.sessions)),
            "failed": .bool(report.failed),
            "summary": [
                "interactions": .number(JSONNumber(report.interactions.count)),
                "exercised": .number(JSONNumber(report.exercised.count)),
                "neverCalled": .number(JSONNumber(report.neverCalled.count)),
                "unexpectedRequests": .number(JSONNumber(report.unexpectedCount)),
            ],
            "interactions": .array(report.interactions.map(interaction)),
            "unexpected": .array(report.unexpected.map(unexpected)),
        ]
    }

    private static func interaction(_ use: MockReport.InteractionUse) -> JSONValue {
        var object: [String: JSONValue] = [
            "file": .string(use.file), "consumer": .string(use.consumer), "name": .string(use.interaction),
            "method": .string(use.method), "target": .string(use.target), "calls": .number(JSONNumber(use.calls)),
            "exercised": .bool(use.exercised),
        ]
        if let line = use.line { object["line"] = .number(JSONNumber(line)) }
        if let state = use.state { object["state"] = .string(state) }
        return .object(object)
    }

    private static func unexpected(_ request: MockReport.UnexpectedRequest) -> JSONValue {
        var object: [String: JSONValue] = ["method": .string(request.method), "reason": .string(request.reason), "count": .number(JSONNumber(request.count))]
        if let target = request.target { object["target"] = .string(target) }
        if let arguments = request.arguments { object["arguments"] = arguments }
        if let closest = request.closest {
            var location: [String: JSONValue] = ["file": .string(closest.file), "name": .string(closest.interaction)]
            if let line = closest.line { location["line"] = .number(JSONNumber(line)) }
            object["closest"] = .object(location)
        }
        return .object(object)
    }
}

extension ReportRenderer where Report == MockReport {
    /// ``MockReportDocument``, canonical: sorted keys, two-space indent, trailing newline.
    public static var json: ReportRenderer {
        ReportRenderer(format: .json) { report, context in JSONEncoding.canonical(MockReportDocument.json(report, context: context)) }
    }
}
