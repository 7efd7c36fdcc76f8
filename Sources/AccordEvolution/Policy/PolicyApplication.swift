import AccordJSON

/// Applies a ``Policy`` to raw findings: severity overrides and `off`, extensible enums,
/// `strict`, then `accept` entries — reporting entries that matched nothing or have expired so
/// the list cannot rot.
public struct PolicyApplication: Sendable {
    public var policy: Policy
    public var today: String

    public init(policy: Policy, today: String = ComparisonOptions.currentDate()) {
        self.policy = policy
        self.today = today
    }

    public struct Outcome: Sendable, Equatable {
        public var findings: [Finding]
        public var accepted: [AcceptedFinding]
    }

    /// Overrides, extensible enums and strict, on any findings (also version findings).
    public func adjust(_ findings: [Finding]) -> [Finding] {
        findings.compactMap { original in
            var finding = original
            if let override = policy.severityOverrides[finding.ruleID] {
                guard let severity = override else { return nil }
                finding.severity = severity
            }
            if finding.ruleID == "output-enum-value-added",
               policy.extensibleEnums.contains(where: { finding.pointer.tokens.starts(with: $0.tokens) }) {
                finding.severity = .nonBreaking
                finding.hint = "the policy lists this enum as extensible"
            }
            if policy.strict, finding.severity == .potentiallyBreaking { finding.severity = .breaking }
            return finding
        }
    }

    /// Splits findings into counted and accepted, adding policy findings for stale and expired
    /// entries.
    public func accept(_ findings: [Finding], serverName: String) -> Outcome {
        var counted: [Finding] = []
        var accepted: [AcceptedFinding] = []
        var used = Array(repeating: false, count: policy.accept.count)
        let path = ObjectPath(kind: .server, name: serverName)
        var policyFindings: [Finding] = []

        for (index, entry) in policy.accept.enumerated() {
            guard let expires = entry.expires, today > expires else { continue }
            used[index] = true
            policyFindings.append(path.finding("policy-accept-expired", ["policy", "accept", String(index)], old: .string(expires), new: nil,
                                               message: "the acceptance of \(entry.label) expired on \(expires): its findings count again",
                                               hint: "reason given: \(entry.reason)"))
        }
        for finding in findings {
            let match = policy.accept.indices.first { index in
                !(policy.accept[index].expires.map { today > $0 } ?? false) && policy.accept[index].matches(finding)
            }
            if let match {
                used[match] = true
                accepted.append(AcceptedFinding(finding: finding, reason: policy.accept[match].reason, expires: policy.accept[match].expires))
            } else {
                counted.append(finding)
            }
        }
        for (index, entry) in policy.accept.enumerated() where !used[index] {
            policyFindings.append(path.finding("policy-accept-stale", ["policy", "accept", String(index)], old: nil, new: nil,
                                               message: "the policy accepts \(entry.label), which matches no finding: remove the entry",
                                               hint: "reason given: \(entry.reason)"))
        }
        return Outcome(findings: counted + adjust(policyFindings), accepted: accepted)
    }
}
