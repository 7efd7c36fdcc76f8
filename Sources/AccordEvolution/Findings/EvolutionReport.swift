import AccordJSON

/// Which findings fail a run (`fail-on` in the policy, `--fail-on` on the command line).
public enum FailOn: String, Sendable, Codable, CaseIterable {
    case breaking
    case potentiallyBreaking = "potentially-breaking"
    /// Review findings (LLM-facing text) and everything `potentially-breaking` fails on.
    case review
    case any
    case never

    /// Whether a finding of `severity` fails the run.
    public func fails(_ severity: Severity) -> Bool {
        switch self {
        case .breaking: severity == .breaking
        case .potentiallyBreaking: severity >= .potentiallyBreaking
        case .review: severity >= .review
        case .any: true
        case .never: false
        }
    }
}

/// The identity of one side of a comparison, for report headers.
public struct SnapshotSide: Sendable, Equatable, Codable {
    /// Where it came from: a file path, a server name, or a URL.
    public var source: String
    public var serverName: String?
    public var serverVersion: String?
    public var protocolVersion: String

    public init(source: String, serverName: String?, serverVersion: String?, protocolVersion: String) {
        self.source = source
        self.serverName = serverName
        self.serverVersion = serverVersion
        self.protocolVersion = protocolVersion
    }
}

/// A finding the policy accepted, with the reason the policy gave.
public struct AcceptedFinding: Sendable, Equatable, Codable {
    public var finding: Finding
    public var reason: String
    public var expires: String?

    public init(finding: Finding, reason: String, expires: String?) {
        self.finding = finding
        self.reason = reason
        self.expires = expires
    }
}

/// Everything a diff found, after policy: what renderers print and what decides the exit code.
public struct EvolutionReport: Sendable, Equatable, Codable {
    public var old: SnapshotSide
    public var new: SnapshotSide
    /// Findings that count, most severe first, then by pointer.
    public var findings: [Finding]
    /// Findings silenced by `accept` entries.
    public var accepted: [AcceptedFinding]
    /// The largest semver part over the counted findings.
    public var requiredBump: SemverEffect
    /// The old version bumped by `requiredBump` (0.y rule applied), when the old version is semver.
    public var nextVersion: String?
    public var failOn: FailOn
    /// Objects compared, for JUnit test cases: `kind/name` pairs present in either snapshot.
    public var comparedObjects: [ComparedObject]

    public init(old: SnapshotSide, new: SnapshotSide, findings: [Finding], accepted: [AcceptedFinding], requiredBump: SemverEffect, nextVersion: String?, failOn: FailOn, comparedObjects: [ComparedObject]) {
        self.old = old
        self.new = new
        self.findings = findings
        self.accepted = accepted
        self.requiredBump = requiredBump
        self.nextVersion = nextVersion
        self.failOn = failOn
        self.comparedObjects = comparedObjects
    }

    /// Whether any counted finding is at or above `failOn`.
    public var failed: Bool { findings.contains { failOn.fails($0.severity) } }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// One object present in either snapshot.
public struct ComparedObject: Sendable, Equatable, Codable, Hashable {
    public var kind: ObjectKind
    public var name: String

    public init(kind: ObjectKind, name: String) {
        self.kind = kind
        self.name = name
    }
}
