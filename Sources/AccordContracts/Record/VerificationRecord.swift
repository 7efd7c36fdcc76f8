import AccordJSON
import AccordSnapshot
import AccordYAML
import Foundation

/// Which contract versions have passed verification: the file the provider commits next to
/// the contracts (`contracts/.verified.json`), mapping each contract file name to the content
/// hash of the last version that passed. A `pending: true` contract stays pending — reported,
/// never failing — until its current text is recorded here.
///
/// ```json
/// { "formatVersion": 1, "passed": { "billing-agent.yaml": "sha256:…" } }
/// ```
///
/// ```swift
/// var record = try VerificationRecord.load("contracts/.verified.json")
/// if !verification.failed { record.recordPass(of: contract) }
/// try record.save(to: "contracts/.verified.json")
/// ```
public struct VerificationRecord: Sendable, Equatable {
    public static let formatVersion = 1
    /// The conventional file name inside a contracts folder.
    public static let defaultFileName = ".verified.json"

    /// Contract file name (last path component) → `sha256:<hex>` of the text that passed.
    public var passed: [String: String]

    public init(passed: [String: String] = [:]) { self.passed = passed }

    /// The record key of a contract: its file name, so the record survives moving the folder.
    public static func key(for contract: Contract) -> String {
        (contract.file as NSString).lastPathComponent
    }

    /// Whether this exact version of `contract` has passed.
    public func hasPassed(_ contract: Contract) -> Bool {
        passed[Self.key(for: contract)] == contract.contentHash
    }

    public mutating func recordPass(of contract: Contract) {
        passed[Self.key(for: contract)] = contract.contentHash
    }

    /// Reads a record; a missing file is an empty record (nothing has passed yet).
    public static func load(_ path: String) throws(InputFileError) -> VerificationRecord {
        guard FileManager.default.fileExists(atPath: path) else { return VerificationRecord() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError(file: path, reason: "cannot read the verification record")
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: Array(data))
        } catch {
            throw InputFileError(file: path, line: error.line, reason: "invalid JSON: \(error.reason)")
        }
        guard json["formatVersion"]?.intValue == formatVersion else {
            throw InputFileError(file: path, field: "formatVersion", reason: "unsupported verification record version; expected \(formatVersion)")
        }
        guard let members = json["passed"]?.objectValue else {
            throw InputFileError(file: path, field: "passed", reason: "must be an object of contract file → content hash")
        }
        var passed: [String: String] = [:]
        for (key, value) in members {
            guard let hash = value.stringValue else {
                throw InputFileError(file: path, field: "passed.\(key)", reason: "must be a content hash string")
            }
            passed[key] = hash
        }
        return VerificationRecord(passed: passed)
    }

    /// The canonical JSON text (sorted keys, trailing newline): stable diffs in review.
    public var canonicalText: String {
        JSONEncoding.canonical([
            "formatVersion": .number(JSONNumber(Self.formatVersion)),
            "passed": .object(passed.mapValues { .string($0) }),
        ])
    }

    /// Writes the record atomically (temporary file, fsync, rename).
    public func save(to path: String) throws(InputFileError) {
        do {
            try AtomicFile.write(Array(canonicalText.utf8), to: path)
        } catch {
            throw InputFileError(file: path, reason: error.reason)
        }
    }
}

/// Whether a verification of `contract` is reported without failing: `pending: true` and this
/// version of the contract not yet recorded as passed.
public func isPending(_ contract: Contract, _ record: VerificationRecord) -> Bool {
    contract.pending && !record.hasPassed(contract)
}
