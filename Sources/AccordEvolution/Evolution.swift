import AccordJSON
import AccordSnapshot

/// The evolution pipeline: compare → review changed text → adjust by policy → accept → bump →
/// version check → report.
///
/// ```swift
/// let report = Evolution.diff(old: baseline, new: candidate, policy: policy)
/// print(report.requiredBump, report.nextVersion ?? "-")
/// ```
public enum Evolution {
    /// Compares `old` with `new` under `policy`.
    /// - Parameters:
    ///   - checkVersion: also judge `serverInfo.version` against the required bump (`accord check`).
    ///   - today: the date for expiries and sunsets (ISO `YYYY-MM-DD`).
    public static func diff(
        old: Snapshot,
        new: Snapshot,
        oldSource: String = "old",
        newSource: String = "new",
        policy: Policy = Policy(),
        checkVersion: Bool = false,
        today: String = ComparisonOptions.currentDate()
    ) -> EvolutionReport {
        diff(SnapshotChanges(old: old, new: new), oldSource: oldSource, newSource: newSource, policy: policy, checkVersion: checkVersion, today: today)
    }

    /// The same over paired definitions (``SnapshotChanges``, from snapshots in memory or from
    /// two files by ``SnapshotOutline``): the same report, reading only what changed.
    public static func diff(
        _ changes: SnapshotChanges,
        oldSource: String = "old",
        newSource: String = "new",
        policy: Policy = Policy(),
        checkVersion: Bool = false,
        today: String = ComparisonOptions.currentDate()
    ) -> EvolutionReport {
        let old = changes.old, new = changes.new
        let comparator = SnapshotComparator(options: policy.comparisonOptions(today: today))
        let context = ComparisonContext(changes: changes, options: comparator.options)
        // The review rules read the changed LLM-facing text; their findings never bump. Both
        // stages see each changed definition in one reading of it.
        var review = TextReview.ChangedText(TextReview(), changes)
        var compared = comparator.compareUnpaired(context)
        let judge = review.judge
        for kind in DefinitionKind.allCases {
            let pairs = changes[kind].changed
            // Changed definitions are independent: compared side by side, each worker reviewing
            // with its own TextReview.
            let found = Parallel.mapChunks(pairs.count) { range in
                let textReview = TextReview()
                return range.map { index in
                    let pair = pairs[index], before = pair.old.value, after = pair.new.value
                    return (compared: comparator.compareChangedPair(kind, pair.name, before, after, context),
                            reviewed: judge.findings(kind, old: before, new: after, by: textReview))
                }
            }
            for (pair, findings) in zip(pairs, found) {
                compared += findings.compared
                review.add(findings.reviewed, kind, pair.name)
            }
        }
        let comparison = comparator.result(compared, changes)
        let application = PolicyApplication(policy: policy, today: today)
        let serverName = old.serverInfo["name"]?.stringValue ?? new.serverInfo["name"]?.stringValue ?? "server"
        let adjusted = application.adjust(comparison.findings + review.findings)
        // The bump counts only what the policy does not accept.
        let required = application.accept(adjusted, serverName: serverName).findings.map(\.effectiveSemver).max() ?? .none
        var judged = adjusted
        if checkVersion {
            judged += application.adjust(VersionCheck.findings(
                oldVersion: old.serverVersion, newVersion: new.serverVersion, required: required,
                serverName: serverName, changesPresent: !comparison.findings.isEmpty
            ))
        }
        let outcome = application.accept(judged, serverName: serverName)

        let next = old.serverVersion.flatMap(SemanticVersion.init).map { $0.bumped(for: required).description }
        return EvolutionReport(
            old: side(old, source: oldSource),
            new: side(new, source: newSource),
            findings: outcome.findings.sorted(by: SnapshotComparator.order),
            accepted: outcome.accepted,
            requiredBump: required,
            nextVersion: required == .none ? old.serverVersion : next,
            failOn: policy.failOn,
            comparedObjects: comparison.comparedObjects
        )
    }

    static func side(_ header: SnapshotHeader, source: String) -> SnapshotSide {
        SnapshotSide(source: source, serverName: header.serverName, serverVersion: header.serverVersion, protocolVersion: header.protocolVersion)
    }
}
