import AccordEvolution
import AccordJSON

extension DiffReportDocument: ReadableReportDocument {
    public static let documentName = "diff"

    /// Reads a version-1 diff report back. Derived fields (`failed`, `summary`, `tool`) are not
    /// needed to rebuild the report and are not checked.
    /// - Throws: ``DiffReportDocumentError`` naming the pointer of the first bad field.
    public static func report(from json: JSONValue) throws(DiffReportDocumentError) -> EvolutionReport {
        let root = Reader(value: json, pointer: .root)
        try root.checkReportVersion(reportVersion)
        let documentKind = try root.member("kind").string()
        guard documentKind == kind else { throw DiffReportDocumentError(pointer: "/kind", reason: "expected \"diff\", found \"\(documentKind)\"") }
        var findings: [Finding] = []
        for element in try root.member("findings").elements() { findings.append(try readFinding(element)) }
        var acceptedFindings: [AcceptedFinding] = []
        for element in try root.member("accepted").elements() {
            acceptedFindings.append(AcceptedFinding(finding: try readFinding(element.member("finding")), reason: try element.member("reason").string(),
                                                    expires: try element.optionalMember("expires")?.string()))
        }
        var objects: [ComparedObject] = []
        for element in try root.member("comparedObjects").elements() {
            objects.append(ComparedObject(kind: try element.member("kind").enumeration(ObjectKind.self), name: try element.member("name").string()))
        }
        return EvolutionReport(
            old: try readSide(root.member("old")),
            new: try readSide(root.member("new")),
            findings: findings,
            accepted: acceptedFindings,
            requiredBump: try root.member("requiredBump").enumeration(SemverEffect.self),
            nextVersion: try root.optionalMember("nextVersion")?.string(),
            failOn: try root.member("failOn").enumeration(FailOn.self),
            comparedObjects: objects)
    }

    private static func readSide(_ reader: Reader) throws(DiffReportDocumentError) -> SnapshotSide {
        SnapshotSide(source: try reader.member("source").string(), serverName: try reader.optionalMember("serverName")?.string(),
                     serverVersion: try reader.optionalMember("serverVersion")?.string(), protocolVersion: try reader.member("protocolVersion").string())
    }

    private static func readFinding(_ reader: Reader) throws(DiffReportDocumentError) -> Finding {
        let pointer = try reader.member("pointer").jsonPointer()
        let ruleID = try reader.member("ruleId").string()
        guard RuleCatalogue.contains(ruleID) else { throw DiffReportDocumentError(pointer: reader.pointer.appending("ruleId").description, reason: "unknown rule \"\(ruleID)\"") }
        var finding = Finding(
            rule: ruleID,
            kind: try reader.member("objectKind").enumeration(ObjectKind.self),
            name: try reader.member("objectName").string(),
            pointer: pointer,
            old: reader.optionalMember("oldValue")?.value,
            new: reader.optionalMember("newValue")?.value,
            message: try reader.member("message").string(),
            hint: try reader.optionalMember("hint")?.string(),
            tags: try reader.member("tags").strings(),
            severity: try reader.member("severity").enumeration(Severity.self))
        // Direction, semver and fingerprint are the rule's and the identity's; the stored ones win
        // so a report from another release reads back as written.
        finding.direction = try reader.member("direction").enumeration(Direction.self)
        finding.semver = try reader.member("semver").enumeration(SemverEffect.self)
        finding.fingerprint = try reader.member("fingerprint").string()
        if let consumers = reader.optionalMember("consumers") {
            finding.consumers = try consumers.strings()
        }
        return finding
    }

    private typealias Reader = DocumentReader<DiffReportDocument>
}

/// A JSON diff report that cannot be read back: which field, and why.
public typealias DiffReportDocumentError = ReportDocumentError<DiffReportDocument>
