import AccordJSON

/// A JSON report kind Accord reads back (diff, verification, check): its name in errors.
public protocol ReadableReportDocument {
    /// "diff", "verification", "check".
    static var documentName: String { get }
}

/// A JSON report that cannot be read back: which field, and why.
///
/// ```swift
/// CheckReportDocumentError(pointer: "/kind", reason: "missing").description
/// // invalid check report at /kind: missing
/// ```
public struct ReportDocumentError<Document: ReadableReportDocument>: Error, Sendable, Equatable, CustomStringConvertible {
    /// JSON Pointer of the offending field (empty: the whole document).
    public let pointer: String
    public let reason: String

    public init(pointer: String, reason: String) {
        self.pointer = pointer
        self.reason = reason
    }

    public var description: String { "invalid \(Document.documentName) report at \(pointer.isEmpty ? "/" : pointer): \(reason)" }
}

/// A cursor into a JSON report being read back: every accessor names the pointer of a field
/// that is missing or of the wrong type, in the error type of the report kind being read.
///
/// ```swift
/// let root = DocumentReader<DiffReportDocument>(value: json, pointer: .root)
/// let bump = try root.member("requiredBump").enumeration(SemverEffect.self)
/// ```
struct DocumentReader<Document: ReadableReportDocument> {
    typealias Failure = ReportDocumentError<Document>

    let value: JSONValue
    let pointer: JSONPointer

    /// Checks `reportVersion` is the one this reader knows; a larger one is from a newer Accord.
    func checkReportVersion(_ known: Int) throws(Failure) {
        let field = try member("reportVersion")
        let version = try field.int()
        if version > known { throw field.failure("report version \(version) is from a newer Accord (this one reads version \(known))") }
        if version != known { throw field.failure("unsupported report version \(version) (this one reads version \(known))") }
    }

    func optionalMember(_ key: String) -> DocumentReader? {
        value[key].map { DocumentReader(value: $0, pointer: pointer.appending(key)) }
    }

    func member(_ key: String) throws(Failure) -> DocumentReader {
        guard let reader = optionalMember(key) else { throw Failure(pointer: pointer.appending(key).description, reason: "missing") }
        return reader
    }

    /// The member, or `nil` when it is missing or JSON `null`.
    func nullableMember(_ key: String) -> DocumentReader? {
        guard let reader = optionalMember(key), reader.value != .null else { return nil }
        return reader
    }

    func string() throws(Failure) -> String {
        guard let text = value.stringValue else { throw mismatch("a string") }
        return text
    }

    func int() throws(Failure) -> Int {
        guard let number = value.intValue else { throw mismatch("an integer") }
        return number
    }

    func bool() throws(Failure) -> Bool {
        guard case .bool(let flag) = value else { throw mismatch("a boolean") }
        return flag
    }

    func elements() throws(Failure) -> [DocumentReader] {
        guard let array = value.arrayValue else { throw mismatch("an array") }
        return array.enumerated().map { DocumentReader(value: $0.element, pointer: pointer.appending($0.offset)) }
    }

    /// The members of an object, in key order.
    func members() throws(Failure) -> [(key: String, reader: DocumentReader)] {
        guard case .object(let object) = value else { throw mismatch("an object") }
        return object.sorted { $0.key < $1.key }.map { (key: $0.key, reader: DocumentReader(value: $0.value, pointer: pointer.appending($0.key))) }
    }

    /// Each element read as a string.
    func strings() throws(Failure) -> [String] {
        try elements().map { (element) throws(Failure) in try element.string() }
    }

    /// A JSON Pointer written as a string.
    func jsonPointer() throws(Failure) -> JSONPointer {
        let text = try string()
        do { return try JSONPointer(parsing: text) } catch { throw Failure(pointer: pointer.description, reason: error.reason) }
    }

    func enumeration<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) throws(Failure) -> Value where Value.RawValue == String {
        let text = try string()
        guard let parsed = Value(rawValue: text) else {
            throw mismatch("one of " + Value.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        return parsed
    }

    /// An error at this field.
    func failure(_ reason: String) -> Failure { Failure(pointer: pointer.description, reason: reason) }

    private func mismatch(_ expected: String) -> Failure {
        failure("expected \(expected), found \(DisplayText.value(value, width: 40))")
    }
}
