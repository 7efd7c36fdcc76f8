import AccordSnapshot

/// What `accord review` found in one snapshot's LLM-facing text, after policy: what renderers
/// print and what decides the exit code.
///
/// ```swift
/// let report = Review.review(snapshot, source: "snapshots/demo.json", policy: policy)
/// if report.failed { … }   // a finding at or above report.failOn
/// ```
public struct ReviewReport: Sendable, Equatable {
    /// The snapshot reviewed.
    public var subject: SnapshotSide
    /// Findings that count: review findings first, then informational ones, by pointer.
    public var findings: [Finding]
    /// Findings silenced by `accept` entries.
    public var accepted: [AcceptedFinding]
    public var failOn: FailOn
    /// How many pieces of LLM-facing text were read.
    public var textsReviewed: Int
    /// The version of ``InstructionPatterns`` that judged the text.
    public var patternsVersion: Int
    /// Every object of the snapshot, for JUnit test cases.
    public var reviewedObjects: [ComparedObject]

    public init(subject: SnapshotSide, findings: [Finding], accepted: [AcceptedFinding], failOn: FailOn, textsReviewed: Int,
                patternsVersion: Int = InstructionPatterns.version, reviewedObjects: [ComparedObject]) {
        self.subject = subject
        self.findings = findings
        self.accepted = accepted
        self.failOn = failOn
        self.textsReviewed = textsReviewed
        self.patternsVersion = patternsVersion
        self.reviewedObjects = reviewedObjects
    }

    /// Whether any counted finding is at or above `failOn`.
    public var failed: Bool { findings.contains { failOn.fails($0.severity) } }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// The single-snapshot review pipeline: collect LLM-facing text → review rules → policy
/// (severity overrides and `off`, `accept` entries) → report.
public enum Review {
    /// Reviews `snapshot`. `policy.failOn` decides ``ReviewReport/failed``; `accord review`
    /// defaults it to `review`.
    public static func review(_ snapshot: Snapshot, source: String, policy: Policy = Policy(failOn: .review),
                              today: String = ComparisonOptions.currentDate()) -> ReviewReport {
        let application = PolicyApplication(policy: policy, today: today)
        let serverName = snapshot.serverInfo["name"]?.stringValue ?? "server"
        let outcome = application.accept(application.adjust(TextReview().review(snapshot)), serverName: serverName)
        let objects = TextReview.objects(of: snapshot).sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
        return ReviewReport(
            subject: Evolution.side(snapshot.header, source: source),
            findings: outcome.findings.sorted(by: SnapshotComparator.order),
            accepted: outcome.accepted,
            failOn: policy.failOn,
            textsReviewed: LLMFacingTextCollector.collect(snapshot).count,
            reviewedObjects: objects)
    }
}
