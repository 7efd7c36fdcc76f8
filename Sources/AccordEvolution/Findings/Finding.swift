import AccordJSON

/// One classified change between two snapshots.
///
/// `pointer` is the full path of the change inside the snapshot, with objects addressed by
/// identity rather than index: `/tools/search/inputSchema/properties/limit`,
/// `/resources/file:~1~1notes/mimeType`. Policies match on it, so it must not depend on list order.
public struct Finding: Sendable, Equatable, Codable {
    public var ruleID: String
    /// The effective severity: the rule's default, adjusted by the comparison (e.g.
    /// strict-content-model) and later by policy.
    public var severity: Severity
    public var direction: Direction
    public var semver: SemverEffect
    public var objectKind: ObjectKind
    public var objectName: String
    public var pointer: JSONPointer
    public var oldValue: JSONValue?
    public var newValue: JSONValue?
    /// One line, for people.
    public var message: String
    /// Extra context: a rename hint, why a change is only potentially breaking.
    public var hint: String?
    /// Tags such as `llm-facing` (text an agent reads: review for tool poisoning).
    public var tags: [String]
    /// Consumers whose contracts this finding breaks (filled when contracts are known).
    public var consumers: [String]?
    /// Stable across unrelated edits: a hash of rule id, object and pointer.
    public var fingerprint: String

    public init(
        rule ruleID: String,
        kind: ObjectKind,
        name: String,
        pointer: JSONPointer,
        old: JSONValue? = nil,
        new: JSONValue? = nil,
        message: String,
        hint: String? = nil,
        tags: [String] = [],
        severity: Severity? = nil
    ) {
        let rule = RuleCatalogue.rule(ruleID)
        self.ruleID = ruleID
        self.severity = severity ?? rule.severity
        self.direction = rule.direction
        self.semver = rule.semver
        self.objectKind = kind
        self.objectName = name
        self.pointer = pointer
        self.oldValue = old
        self.newValue = new
        self.message = message
        self.hint = hint
        self.tags = tags
        self.consumers = nil
        self.fingerprint = Fingerprint.of(rule: ruleID, kind: kind, name: name, pointer: pointer)
    }

    public var rule: Rule { RuleCatalogue.rule(ruleID) }

    /// The semver part this finding requires at its effective severity: a potentially breaking
    /// finding promoted to breaking (strict) requires major; a demoted one keeps its rule's part.
    /// A review finding (LLM-facing text to read) never requires a release of its own.
    public var effectiveSemver: SemverEffect {
        switch severity {
        case .breaking: max(semver, .major)
        case .review: .none
        default: semver == .major ? .minor : semver
        }
    }
}

/// 12 hex digits of FNV-1a 64 over the finding's identity: short enough to paste into a policy,
/// stable across machines and releases.
public enum Fingerprint {
    public static func of(rule: String, kind: ObjectKind, name: String, pointer: JSONPointer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(rule)\u{0}\(kind.rawValue)\u{0}\(name)\u{0}\(pointer)".utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }
}
