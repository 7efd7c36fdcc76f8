import AccordJSON

/// A SARIF 2.1.0 log with one run, as data, written as canonical JSON.
///
/// It models the subset GitHub code scanning reads: a driver with rule metadata, and results
/// with a level, a message, a physical location (file and line) and a logical location, partial
/// fingerprints, and suppressions for accepted results.
public struct SARIFLog: Sendable, Equatable {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public var driver: Driver
    public var results: [Result]

    public init(driver: Driver, results: [Result]) {
        self.driver = driver
        self.results = results
    }

    /// SARIF's severity levels.
    public enum Level: String, Sendable, Equatable {
        case error, warning, note, none
    }

    public struct Driver: Sendable, Equatable {
        public var name: String
        public var version: String
        public var informationURI: String?
        public var rules: [Rule]

        public init(name: String, version: String, informationURI: String?, rules: [Rule]) {
            self.name = name
            self.version = version
            self.informationURI = informationURI
            self.rules = rules
        }
    }

    /// A `reportingDescriptor`: a rule's id, descriptions, default level and extra properties.
    public struct Rule: Sendable, Equatable {
        public var id: String
        public var name: String
        public var shortDescription: String
        public var fullDescription: String
        public var helpText: String
        public var helpMarkdown: String
        public var level: Level
        public var properties: [String: JSONValue]

        public init(id: String, name: String, shortDescription: String, fullDescription: String, helpText: String, helpMarkdown: String, level: Level, properties: [String: JSONValue]) {
            self.id = id
            self.name = name
            self.shortDescription = shortDescription
            self.fullDescription = fullDescription
            self.helpText = helpText
            self.helpMarkdown = helpMarkdown
            self.level = level
            self.properties = properties
        }
    }

    public struct Result: Sendable, Equatable {
        public var ruleID: String
        /// Index of the rule in ``Driver/rules``.
        public var ruleIndex: Int
        public var level: Level
        public var message: String
        /// A `uri-reference` (see ``SARIFLog/artifactURI(forPath:)``); no physical location when `nil`.
        public var artifactURI: String?
        /// 1-based; GitHub needs a line to place an alert.
        public var startLine: Int
        /// The logical location: what the result is about, e.g. a JSON Pointer.
        public var logicalName: String?
        public var logicalFullyQualifiedName: String?
        public var logicalKind: String?
        public var partialFingerprints: [String: String]
        /// The justification when the result is suppressed (accepted by policy).
        public var suppression: String?
        public var properties: [String: JSONValue]

        public init(ruleID: String, ruleIndex: Int, level: Level, message: String, artifactURI: String?, startLine: Int, logicalName: String?, logicalFullyQualifiedName: String?, logicalKind: String?, partialFingerprints: [String: String], suppression: String?, properties: [String: JSONValue]) {
            self.ruleID = ruleID
            self.ruleIndex = ruleIndex
            self.level = level
            self.message = message
            self.artifactURI = artifactURI
            self.startLine = startLine
            self.logicalName = logicalName
            self.logicalFullyQualifiedName = logicalFullyQualifiedName
            self.logicalKind = logicalKind
            self.partialFingerprints = partialFingerprints
            self.suppression = suppression
            self.properties = properties
        }
    }

    /// The log as a JSON value.
    public var json: JSONValue {
        var driverJSON: [String: JSONValue] = [
            "name": .string(driver.name),
            "version": .string(driver.version),
            "rules": .array(driver.rules.map(\.json)),
        ]
        if SARIFLog.isSemanticVersion(driver.version) { driverJSON["semanticVersion"] = .string(driver.version) }
        if let uri = driver.informationURI { driverJSON["informationUri"] = .string(uri) }
        let run: JSONValue = [
            "tool": ["driver": .object(driverJSON)],
            "results": .array(results.map(\.json)),
        ]
        return ["$schema": .string(SARIFLog.schemaURI), "version": "2.1.0", "runs": [run]]
    }

    /// Canonical JSON text (sorted keys, two-space indent, trailing newline).
    public var text: String { JSONEncoding.canonical(json) }

    /// A relative path as a relative URI reference, an absolute one as a `file:` URI, with
    /// everything outside RFC 3986's unreserved set and `/` percent-encoded. GitHub matches
    /// alerts to files by this path, relative to the repository root.
    public static func artifactURI(forPath path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        let encoded = percentEncode(String(trimmed))
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    static func isSemanticVersion(_ text: String) -> Bool {
        let core = text.split(whereSeparator: { $0 == "-" || $0 == "+" }).first ?? ""
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

extension SARIFLog.Rule {
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id),
            "name": .string(name),
            "shortDescription": ["text": .string(shortDescription)],
            "fullDescription": ["text": .string(fullDescription)],
            "help": ["text": .string(helpText), "markdown": .string(helpMarkdown)],
            "defaultConfiguration": ["level": .string(level.rawValue)],
        ]
        if !properties.isEmpty { object["properties"] = .object(properties) }
        return .object(object)
    }
}

extension SARIFLog.Result {
    var json: JSONValue {
        var location: [String: JSONValue] = [:]
        if let artifactURI {
            location["physicalLocation"] = [
                "artifactLocation": ["uri": .string(artifactURI)],
                "region": ["startLine": .number(JSONNumber(max(1, startLine)))],
            ]
        }
        if logicalName != nil || logicalFullyQualifiedName != nil {
            var logical: [String: JSONValue] = [:]
            if let logicalName { logical["name"] = .string(logicalName) }
            if let logicalFullyQualifiedName { logical["fullyQualifiedName"] = .string(logicalFullyQualifiedName) }
            if let logicalKind { logical["kind"] = .string(logicalKind) }
            location["logicalLocations"] = [.object(logical)]
        }
        var object: [String: JSONValue] = [
            "ruleId": .string(ruleID),
            "ruleIndex": .number(JSONNumber(ruleIndex)),
            "level": .string(level.rawValue),
            "message": ["text": .string(message)],
            "locations": location.isEmpty ? [] : [.object(location)],
        ]
        if !partialFingerprints.isEmpty { object["partialFingerprints"] = .object(partialFingerprints.mapValues { .string($0) }) }
        if let suppression {
            object["suppressions"] = [["kind": "external", "status": "accepted", "justification": .string(suppression)]]
        }
        if !properties.isEmpty { object["properties"] = .object(properties) }
        return .object(object)
    }
}
