import AccordEvolution
import AccordJSON

/// The words and groupings every diff format shares, so the formats agree on them: severity
/// titles, object labels, the order findings are grouped in, the header and the verdict.
enum DiffPresentation {
    /// Most severe first: the order of sections and of findings within an object.
    static let severityOrder: [Severity] = [.breaking, .potentiallyBreaking, .review, .nonBreaking]

    /// The severities a report's counts name: `review` only when the report has review findings,
    /// so a diff without any reads exactly as before the review rules existed.
    static func countedSeverities(reviewCount: Int) -> [Severity] {
        severityOrder.filter { $0 != .review || reviewCount > 0 }
    }

    /// The objects findings are about, in a stable order (kind as in ``ObjectKind``, then name),
    /// each with its findings in report order.
    static func groupedByObject(_ findings: [Finding]) -> [(object: ComparedObject, findings: [Finding])] {
        var order: [ComparedObject] = []
        var members: [ComparedObject: [Finding]] = [:]
        for finding in findings {
            let object = ComparedObject(kind: finding.objectKind, name: finding.objectName)
            if members[object] == nil { order.append(object) }
            members[object, default: []].append(finding)
        }
        return sortedObjects(order).map { ($0, members[$0] ?? []) }
    }

    static func sortedObjects(_ objects: [ComparedObject]) -> [ComparedObject] {
        objects.sorted { lhs, rhs in
            let left = kindRank(lhs.kind), right = kindRank(rhs.kind)
            return left != right ? left < right : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
    }

    private static func kindRank(_ kind: ObjectKind) -> Int { ObjectKind.allCases.firstIndex(of: kind) ?? 0 }

    /// "tool search", "resource template file:///{path}", "server demo".
    static func label(_ object: ComparedObject) -> String {
        object.name.isEmpty ? kindName(object.kind) : "\(kindName(object.kind)) \(object.name)"
    }

    static func kindName(_ kind: ObjectKind) -> String { kind.noun }

    /// "Breaking", "Potentially breaking", "Non-breaking".
    static func title(_ severity: Severity) -> String {
        switch severity {
        case .breaking: "Breaking"
        case .potentiallyBreaking: "Potentially breaking"
        case .review: "Review"
        case .nonBreaking: "Non-breaking"
        }
    }

    /// "breaking", "potentially breaking", "non-breaking": for counts in a sentence.
    static func phrase(_ severity: Severity) -> String {
        switch severity {
        case .breaking: "breaking"
        case .potentiallyBreaking: "potentially breaking"
        case .review: "review"
        case .nonBreaking: "non-breaking"
        }
    }

    /// One side for people: "demo 1.4.2", or its source when the server has no name.
    static func side(_ side: SnapshotSide) -> String {
        guard let name = side.serverName, !name.isEmpty else { return side.source }
        guard let version = side.serverVersion, !version.isEmpty else { return name }
        return "\(name) \(version)"
    }

    /// "demo 1.4.2 → 1.5.0" when the server kept its name, else both sides in full.
    static func heading(_ report: EvolutionReport) -> String {
        let old = side(report.old), new = side(report.new)
        if let name = report.old.serverName, !name.isEmpty, name == report.new.serverName,
           let version = report.new.serverVersion, !version.isEmpty, report.old.serverVersion?.isEmpty == false {
            return "\(old) → \(version)"
        }
        return "\(old) → \(new)"
    }

    /// "2 breaking, 1 potentially breaking, 3 non-breaking, 1 accepted".
    static func counts(_ report: EvolutionReport) -> String {
        var parts = countedSeverities(reviewCount: report.count(.review)).map { "\(report.count($0)) \(phrase($0))" }
        parts.append("\(report.accepted.count) accepted")
        return parts.joined(separator: ", ")
    }

    /// "major (1.4.2 → 2.0.0)", "none".
    static func bump(_ report: EvolutionReport) -> String {
        let part = report.requiredBump.rawValue
        guard report.requiredBump != .none, let next = report.nextVersion else { return part }
        if let current = report.old.serverVersion, !current.isEmpty { return "\(part) (\(current) → \(next))" }
        return "\(part) (→ \(next))"
    }

    /// "PASS" or "FAIL".
    static func verdict(_ report: EvolutionReport) -> String { report.failed ? "FAIL" : "PASS" }

    /// "fail-on: breaking".
    static func failOn(_ report: EvolutionReport) -> String { "fail-on: \(report.failOn.rawValue)" }

    /// Old → new values, compact and clipped; `nil` when the finding carries neither.
    static func change(_ finding: Finding, width: Int) -> String? {
        guard finding.oldValue != nil || finding.newValue != nil else { return nil }
        return "\(DisplayText.value(finding.oldValue, width: width)) → \(DisplayText.value(finding.newValue, width: width))"
    }

    /// What a finding says about the consumers whose contracts it breaks.
    enum ConsumerImpact: Equatable {
        /// These consumers' contracts break.
        case breaks([String])
        /// Contracts were consulted and none breaks.
        case noneKnown
    }

    static let noKnownConsumer = "no known consumer affected"

    /// The consumers `finding` breaks, or that none is known to break; `nil` when no contracts
    /// were consulted (``Finding/consumers`` is `nil`). An empty list on a non-breaking or
    /// review finding says nothing worth a line (such a change cannot break anyone), so it is
    /// `nil` too.
    static func consumerImpact(_ finding: Finding) -> ConsumerImpact? {
        guard let consumers = finding.consumers else { return nil }
        guard consumers.isEmpty else { return .breaks(consumers) }
        return finding.severity == .nonBreaking || finding.severity == .review ? nil : .noneKnown
    }

    /// "consumers: billing-agent, support-bot" or "no known consumer affected", on one line.
    static func consumerLine(_ finding: Finding) -> String? {
        switch consumerImpact(finding) {
        case .breaks(let consumers): "consumers: " + DisplayText.singleLine(consumers.joined(separator: ", "))
        case .noneKnown: noKnownConsumer
        case nil: nil
        }
    }

    /// "search v1 removed after notice (expires 2027-01-31)".
    static func acceptance(_ accepted: AcceptedFinding) -> String {
        guard let expires = accepted.expires, !expires.isEmpty else { return accepted.reason }
        return "\(accepted.reason) (expires \(expires))"
    }
}

extension SnapshotSide {
    /// The side's source when it is a snapshot file: not a URL, and a path (it has a `/` or
    /// ends in `.json`) rather than a configured server name or `live`.
    public var filePath: String? {
        guard !source.isEmpty, !source.contains("://") else { return nil }
        return source.contains("/") || source.lowercased().hasSuffix(".json") ? source : nil
    }
}

extension EvolutionReport {
    /// The snapshot file that locations in SARIF and GitHub annotations point into: the new
    /// side's file, else the old side's (a `check` against a live server still has its
    /// baseline), else none.
    public var anchorFile: String? { new.filePath ?? old.filePath }
}

extension String {
    /// "no known consumer affected" → "No known consumer affected": a phrase starting a sentence.
    var capitalisingFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}
