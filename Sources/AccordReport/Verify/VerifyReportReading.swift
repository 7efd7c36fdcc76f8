import AccordContracts
import AccordJSON

extension VerificationReportDocument: ReadableReportDocument {
    public static let documentName = "verification"

    /// Reads a version-1 verification report back (also the one embedded in a check report).
    /// Derived fields (`failed`, `summary`, `tool`, each check's `status`) are not needed to
    /// rebuild the report and are not checked.
    ///
    /// ```swift
    /// let back = try VerificationReportDocument.report(from: json)   // == report
    /// ```
    /// - Throws: ``VerificationReportDocumentError`` naming the pointer of the first bad field.
    public static func report(from json: JSONValue) throws(VerificationReportDocumentError) -> VerificationReport {
        let root = Reader(value: json, pointer: .root)
        try root.checkReportVersion(reportVersion)
        let server = try root.member("server")
        var verifications: [ContractVerification] = []
        for element in try root.member("contracts").elements() { verifications.append(try readContract(element)) }
        return VerificationReport(
            purpose: try root.member("kind").enumeration(VerificationReport.Purpose.self),
            mode: try root.member("mode").enumeration(VerificationReport.Mode.self),
            target: try root.member("target").string(),
            serverName: try server.optionalMember("name")?.string(),
            serverVersion: try server.optionalMember("version")?.string(),
            verifications: verifications)
    }

    private static func readContract(_ reader: Reader) throws(VerificationReportDocumentError) -> ContractVerification {
        var checks: [VerificationCheck] = []
        for element in try reader.member("checks").elements() { checks.append(try readCheck(element)) }
        return ContractVerification(consumer: try reader.member("consumer").string(), provider: try reader.member("provider").string(),
                                    file: try reader.member("file").string(), pending: try reader.member("pending").bool(), checks: checks)
    }

    private static func readCheck(_ reader: Reader) throws(VerificationReportDocumentError) -> VerificationCheck {
        let subject = try reader.member("subject")
        var mismatches: [Mismatch] = []
        for element in try reader.member("mismatches").elements() {
            mismatches.append(Mismatch(pointer: try element.member("pointer").jsonPointer(), expected: try element.member("expected").string(),
                                       actual: element.optionalMember("actual")?.value, message: try element.member("message").string()))
        }
        var check = VerificationCheck(
            id: try reader.member("id").string(),
            subject: CheckSubject(kind: try subject.member("kind").enumeration(CheckSubject.Kind.self), name: try subject.member("name").string(),
                                  aspect: try subject.member("aspect").enumeration(CheckSubject.Aspect.self)),
            description: try reader.member("description").string(),
            mismatches: mismatches)
        check.line = try reader.optionalMember("line")?.int()
        return check
    }

    private typealias Reader = DocumentReader<VerificationReportDocument>
}

/// A JSON verification report that cannot be read back: which field, and why.
public typealias VerificationReportDocumentError = ReportDocumentError<VerificationReportDocument>
