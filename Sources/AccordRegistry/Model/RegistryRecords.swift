import AccordJSON
import Foundation

/// One published contract version: `versions/<consumer-version>/publication.json` beside its
/// `contract.yaml` (schema: docs/schemas/accord-registry-publication.schema.json).
public struct Publication: Codable, Sendable, Equatable {
    public static let kindName = "accord-publication"
    public var kind = Publication.kindName
    public var formatVersion = 1
    public var provider: String
    public var consumer: String
    public var consumerVersion: String
    /// The consumer branches this version was published from (`main`, a feature branch…).
    public var branches: [String]
    /// `sha256:<hex>` of `contract.yaml`'s text; checked on every read.
    public var contentHash: String
    /// ISO 8601, UTC, when first published.
    public var publishedAt: String
    /// The contract's own `pending: true`.
    public var pending: Bool

    public init(provider: String, consumer: String, consumerVersion: String, branches: [String], contentHash: String, publishedAt: String, pending: Bool) {
        (self.provider, self.consumer, self.consumerVersion, self.branches) = (provider, consumer, consumerVersion, branches)
        (self.contentHash, self.publishedAt, self.pending) = (contentHash, publishedAt, pending)
    }
}

/// A provider version's verdict on one contract text:
/// `verifications/<provider-version>/<sha256>.json` (schema:
/// docs/schemas/accord-registry-verification.schema.json).
public struct VerificationResult: Codable, Sendable, Equatable {
    public static let kindName = "accord-verification"
    public var kind = VerificationResult.kindName
    public var formatVersion = 1
    public var provider: String
    public var providerVersion: String
    public var providerBranch: String
    public var consumer: String
    public var contentHash: String
    public var passed: Bool
    public var verifiedAt: String
    /// The verification report of this contract (`accord verify --format json`), as it was.
    public var report: JSONValue

    public init(provider: String, providerVersion: String, providerBranch: String, consumer: String, contentHash: String,
                passed: Bool, verifiedAt: String, report: JSONValue) {
        (self.provider, self.providerVersion, self.providerBranch, self.consumer) = (provider, providerVersion, providerBranch, consumer)
        (self.contentHash, self.passed, self.verifiedAt, self.report) = (contentHash, passed, verifiedAt, report)
    }
}

/// What version of a participant is deployed in an environment, with the history:
/// `deployment.json` on the participant's environment ref (schema:
/// docs/schemas/accord-registry-deployment.schema.json).
public struct DeploymentRecord: Codable, Sendable, Equatable {
    public static let kindName = "accord-deployment"
    public struct Event: Codable, Sendable, Equatable {
        public enum Action: String, Codable, Sendable { case deployed, undeployed }
        public var action: Action
        public var version: String
        public var at: String
    }

    public var kind = DeploymentRecord.kindName
    public var formatVersion = 1
    public var environment: String
    public var participant: String
    /// The version deployed now; nil after an undeploy.
    public var deployed: String?
    /// Oldest first.
    public var history: [Event]

    public init(environment: String, participant: String, deployed: String? = nil, history: [Event] = []) {
        (self.environment, self.participant, self.deployed, self.history) = (environment, participant, deployed, history)
    }
}

/// Registry files are canonical JSON (sorted keys, two-space indent, a final newline), so a
/// record reads well in any git web UI and an unchanged record is byte-identical.
public enum RecordCoding {
    static func encode<Record: Encodable>(_ record: Record) -> [UInt8] {
        // Encoding plain structs of strings, numbers and JSONValue cannot fail.
        let data = (try? JSONEncoder().encode(record)) ?? Data("{}".utf8)
        let json = (try? JSONValue(parsing: Array(data))) ?? [:]
        return Array((JSONEncoding.canonical(json) + "\n").utf8)
    }

    /// Decodes `bytes`; errors name the record (`ref:path`) and the field.
    static func decode<Record: Decodable>(_ type: Record.Type, _ bytes: [UInt8], name: String, kind: String) throws(RegistryError) -> Record {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            throw RegistryError(.input, "\(name):\(error.line): not valid JSON: \(error.reason)")
        }
        guard json["kind"]?.stringValue == kind else {
            throw RegistryError(.input, "\(name): kind must be \"\(kind)\", found \(json["kind"].map { JSONEncoding.compact($0) } ?? "none")")
        }
        if let format = json["formatVersion"]?.intValue, format > 1 {
            throw RegistryError(.input, "\(name): formatVersion \(format) is newer than this Accord understands (1); upgrade Accord")
        }
        do {
            return try JSONDecoder().decode(Record.self, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, context) {
            throw RegistryError(.input, "\(name) at \(field(context.codingPath + [key])): missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw RegistryError(.input, "\(name) at \(field(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw RegistryError(.input, "\(name) at \(field(context.codingPath)): missing value")
        } catch let DecodingError.dataCorrupted(context) {
            throw RegistryError(.input, "\(name) at \(field(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw RegistryError(.input, "\(name): \(error)")
        }
    }

    private static func field(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the top level" : "/" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
    }

    /// Now, ISO 8601 in UTC with seconds.
    public static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
