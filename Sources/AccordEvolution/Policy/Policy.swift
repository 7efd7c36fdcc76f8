import AccordJSON

/// How findings are judged: the `policy:` section of accord.yaml (RULES.md, "Policy").
public struct Policy: Sendable, Equatable {
    /// Which findings fail the run.
    public var failOn: FailOn
    /// Potentially breaking counts as breaking.
    public var strict: Bool
    /// An optional input property added to an open object is potentially breaking.
    public var strictContentModel: Bool
    /// Per-rule severity overrides; `nil` value means `off` (the rule is dropped).
    public var severityOverrides: [String: Severity?]
    /// Output enums documented as open: adding values there is non-breaking.
    public var extensibleEnums: [JSONPointer]
    public var accept: [AcceptEntry]
    /// The `_meta` key of deprecation markers.
    public var deprecationMetaKey: String
    /// A deprecated tool may be removed this many minor releases after `since`.
    public var deprecationMinorReleases: Int?

    public init(failOn: FailOn = .breaking, strict: Bool = false, strictContentModel: Bool = false, severityOverrides: [String: Severity?] = [:],
                extensibleEnums: [JSONPointer] = [], accept: [AcceptEntry] = [], deprecationMetaKey: String = "deprecated", deprecationMinorReleases: Int? = nil) {
        self.failOn = failOn
        self.strict = strict
        self.strictContentModel = strictContentModel
        self.severityOverrides = severityOverrides
        self.extensibleEnums = extensibleEnums
        self.accept = accept
        self.deprecationMetaKey = deprecationMetaKey
        self.deprecationMinorReleases = deprecationMinorReleases
    }

    /// The comparison settings this policy implies.
    public func comparisonOptions(today: String = ComparisonOptions.currentDate()) -> ComparisonOptions {
        ComparisonOptions(strictContentModel: strictContentModel, deprecationMetaKey: deprecationMetaKey, deprecationMinorReleases: deprecationMinorReleases, today: today)
    }
}

/// One `accept:` entry: a finding the team has decided to live with.
public struct AcceptEntry: Sendable, Equatable {
    /// Matches a finding with exactly this fingerprint.
    public var fingerprint: String?
    /// With `path`: matches findings of this rule at the path or below it.
    public var rule: String?
    public var path: JSONPointer?
    public var reason: String
    /// ISO date (`YYYY-MM-DD`) after which the acceptance no longer applies.
    public var expires: String?
    /// Where the entry is written, for messages (`accord.yaml:42`).
    public var location: String?

    public init(fingerprint: String? = nil, rule: String? = nil, path: JSONPointer? = nil, reason: String, expires: String? = nil, location: String? = nil) {
        self.fingerprint = fingerprint
        self.rule = rule
        self.path = path
        self.reason = reason
        self.expires = expires
        self.location = location
    }

    func matches(_ finding: Finding) -> Bool {
        if let fingerprint { return finding.fingerprint == fingerprint }
        guard let rule, rule == finding.ruleID else { return false }
        guard let path else { return true }
        return finding.pointer.tokens.starts(with: path.tokens)
    }

    var label: String {
        let what = fingerprint.map { "fingerprint \($0)" } ?? "rule \(rule ?? "?")" + (path.map { " at \($0)" } ?? "")
        return what + (location.map { " (\($0))" } ?? "")
    }
}
