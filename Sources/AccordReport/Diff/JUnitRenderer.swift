import AccordEvolution

extension ReportRenderer where Report == EvolutionReport {
    /// JUnit XML for CI test views: one `<testsuite name="accord diff">` with a `<testcase>` per
    /// compared object (`classname` = kind, `name` = object name). Each finding at or above
    /// `fail-on` is a `<failure>` (`type` = rule id); the others and accepted findings go to the
    /// case's `<system-out>`.
    public static var junit: ReportRenderer {
        ReportRenderer(format: .junit) { report, context in DiffJUnit.document(report, context: context).xml }
    }
}

enum DiffJUnit {
    static func document(_ report: EvolutionReport, context: RenderContext) -> JUnitDocument {
        var objects = report.comparedObjects
        var known = Set(objects)
        for finding in report.findings + report.accepted.map(\.finding) {
            let object = ComparedObject(kind: finding.objectKind, name: finding.objectName)
            if known.insert(object).inserted { objects.append(object) }
        }
        let cases = DiffPresentation.sortedObjects(objects).map { object -> JUnitDocument.Case in
            let findings = report.findings.filter { $0.objectKind == object.kind && $0.objectName == object.name }
            let accepted = report.accepted.filter { $0.finding.objectKind == object.kind && $0.finding.objectName == object.name }
            let failing = findings.filter { report.failOn.fails($0.severity) }
            var output: [String] = findings.filter { !report.failOn.fails($0.severity) }.map { "[\($0.severity.rawValue)] " + details($0) }
            output += accepted.map { "[accepted] " + details($0.finding) + "\naccepted: " + DisplayText.singleLine(DiffPresentation.acceptance($0)) }
            return JUnitDocument.Case(
                classname: object.kind.rawValue,
                name: object.name,
                failures: failing.map { JUnitDocument.Failure(message: DisplayText.singleLine($0.message), type: $0.ruleID, body: details($0)) },
                systemOut: output.joined(separator: "\n\n"))
        }
        var properties = [
            JUnitDocument.Property("old", report.old.source),
            JUnitDocument.Property("new", report.new.source),
            JUnitDocument.Property("failOn", report.failOn.rawValue),
            JUnitDocument.Property("requiredBump", report.requiredBump.rawValue),
        ]
        if let version = report.old.serverVersion { properties.insert(JUnitDocument.Property("oldVersion", version), at: 1) }
        if let version = report.new.serverVersion { properties.append(JUnitDocument.Property("newVersion", version)) }
        if let next = report.nextVersion { properties.append(JUnitDocument.Property("nextVersion", next)) }
        let suite = JUnitDocument.Suite(name: "\(context.toolName) diff", properties: properties, cases: cases)
        return JUnitDocument(name: context.title ?? context.toolName, suites: [suite])
    }

    /// The finding in full, one fact per line (server text cannot add lines of its own).
    static func details(_ finding: Finding) -> String {
        var lines = [
            "\(finding.ruleID): \(DisplayText.singleLine(finding.message))",
            "severity: \(finding.severity.rawValue) (\(finding.direction.rawValue), \(finding.semver.rawValue))",
            "pointer: \(DisplayText.singleLine(finding.pointer.description))",
        ]
        if finding.oldValue != nil || finding.newValue != nil {
            lines.append("old: \(DisplayText.value(finding.oldValue, width: 0))")
            lines.append("new: \(DisplayText.value(finding.newValue, width: 0))")
        }
        if let hint = finding.hint, !hint.isEmpty { lines.append("hint: \(DisplayText.singleLine(hint))") }
        if let consumers = DiffPresentation.consumerLine(finding) { lines.append(consumers) }
        if !finding.tags.isEmpty { lines.append("tags: \(DisplayText.singleLine(finding.tags.joined(separator: ", ")))") }
        lines.append("fingerprint: \(finding.fingerprint)")
        return lines.joined(separator: "\n")
    }
}
