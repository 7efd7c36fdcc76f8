import AccordContracts
import AccordEvolution
import AccordProbe
import AccordJSON

extension CheckReportDocument: ReadableReportDocument {
    public static let documentName = "check"

    /// Reads a version-1 check report back (what `accord report merge` combines), the embedded
    /// diff and verification reports with it. Derived fields (`status`, `tool`,
    /// `consumersAffected`, the parts' summaries) are not needed to rebuild the report and are
    /// not checked.
    ///
    /// ```swift
    /// let back = try CheckReportDocument.report(from: JSONValue(parsing: text))   // == report
    /// ```
    /// - Throws: ``CheckReportDocumentError`` naming the pointer of the first bad field; a
    ///   document of another kind, or from a newer Accord, at `/kind` or `/reportVersion`.
    public static func report(from json: JSONValue) throws(CheckReportDocumentError) -> CheckReport {
        guard case .object = json else { throw CheckReportDocumentError(pointer: "", reason: "not an Accord check report (expected a JSON object)") }
        let root = Reader(value: json, pointer: .root)
        guard let documentKind = root.optionalMember("kind")?.value.stringValue else {
            throw CheckReportDocumentError(pointer: "/kind", reason: "not an Accord check report (no \"kind\": \"check\")")
        }
        guard documentKind == kind else {
            throw CheckReportDocumentError(pointer: "/kind", reason: "a \"\(documentKind)\" report, not a check report (write one with accord check --format json)")
        }
        try root.checkReportVersion(reportVersion)
        var servers: [CheckReport.ServerResult] = []
        for element in try root.member("servers").elements() { servers.append(try readServer(element)) }
        return CheckReport(servers: servers, configuration: try root.member("configuration").string(),
                           shard: try root.optionalMember("shard").map(readShard))
    }

    private static func readShard(_ reader: Reader) throws(CheckReportDocumentError) -> CheckShard {
        let index = try reader.member("index"), count = try reader.member("count")
        let shard = CheckShard(index: try index.int(), count: try count.int(), gate: try reader.member("gate").strings())
        guard shard.count >= 1 else { throw count.failure("a shard count must be at least 1, found \(shard.count)") }
        guard (1...shard.count).contains(shard.index) else { throw index.failure("shard index \(shard.index) is not between 1 and \(shard.count)") }
        return shard
    }

    private static func readServer(_ reader: Reader) throws(CheckReportDocumentError) -> CheckReport.ServerResult {
        var result = CheckReport.ServerResult(
            server: try reader.member("server").string(),
            baseline: try reader.member("baseline").string(),
            error: try reader.optionalMember("error")?.string(),
            baselineMissing: try reader.member("baselineMissing").bool(),
            baselineUpdated: try reader.member("baselineUpdated").bool())
        if let diff = reader.nullableMember("diff") {
            do { result.diff = try DiffReportDocument.report(from: diff.value) } catch { throw embedded(error.pointer, error.reason, in: diff) }
        }
        if let verification = reader.nullableMember("verification") {
            do { result.verification = try VerificationReportDocument.report(from: verification.value) } catch {
                throw embedded(error.pointer, error.reason, in: verification)
            }
        }
        if let probe = reader.nullableMember("probe") {
            do { result.probe = try ProbeReportDocument.report(from: probe.value) } catch { throw embedded(error.pointer, error.reason, in: probe) }
        }
        for (key, line) in try reader.optionalMember("baselineLines")?.members() ?? [] {
            let pointer: JSONPointer
            do { pointer = try JSONPointer(parsing: key) } catch { throw line.failure(error.reason) }
            result.diffAnchorLines[pointer] = try line.int()
        }
        return result
    }

    /// An embedded part's error, its pointer made absolute in the check report.
    private static func embedded(_ pointer: String, _ reason: String, in part: Reader) -> CheckReportDocumentError {
        CheckReportDocumentError(pointer: part.pointer.description + pointer, reason: reason)
    }

    private typealias Reader = DocumentReader<CheckReportDocument>
}

/// A JSON check report that cannot be read back: which field, and why.
public typealias CheckReportDocumentError = ReportDocumentError<CheckReportDocument>
