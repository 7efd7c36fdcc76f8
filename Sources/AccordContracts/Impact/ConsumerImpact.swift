import AccordEvolution
import AccordJSON
import AccordSnapshot

/// Names, for every finding of a diff, the consumers whose contracts it breaks.
///
/// Each contract is verified statically against both snapshots. A consumer is named on a
/// finding when one of its checks passed on the old snapshot, fails on the new one, concerns
/// the object the finding changed (the same tool, prompt, resource or template), and failed
/// where the finding points: a finding in a tool's inputSchema at `properties/paidOn` explains
/// a mismatch of the arguments at `/arguments/paidOn`; one in its outputSchema explains
/// mismatches of `/structuredContent/...` at the same place; an annotation finding the
/// annotation relied on; a prompt argument finding that argument. A removal explains every
/// failure about the object. A check that already failed on the old snapshot is not this
/// release's doing.
///
/// Every finding gets a list, possibly empty ("no known consumer affected").
///
/// ```swift
/// var report = Evolution.diff(old: old, new: new, policy: policy)
/// ConsumerImpact.annotate(&report, contracts: contracts, old: old, new: new)
/// report.findings.first?.consumers   // ["billing-agent"]
/// ```
public enum ConsumerImpact {
    public static func annotate(_ report: inout EvolutionReport, contracts: [Contract], old: Snapshot, new: Snapshot) {
        let broken = newlyFailing(contracts, old: old, new: new)
        for index in report.findings.indices {
            report.findings[index].consumers = consumers(of: report.findings[index], broken)
        }
        for index in report.accepted.indices {
            report.accepted[index].finding.consumers = consumers(of: report.accepted[index].finding, broken)
        }
    }

    /// Per consumer, the checks that pass on `old` and fail on `new`.
    static func newlyFailing(_ contracts: [Contract], old: Snapshot, new: Snapshot) -> [(consumer: String, checks: [VerificationCheck])] {
        contracts.map { contract in
            let failedBefore = Set(StaticVerifier.verify(contract, against: old).failedChecks.map(\.id))
            let checks = StaticVerifier.verify(contract, against: new).failedChecks.filter { !failedBefore.contains($0.id) }
            return (contract.consumer, checks)
        }
    }

    static func consumers(of finding: Finding, _ broken: [(consumer: String, checks: [VerificationCheck])]) -> [String] {
        Set(broken.filter { entry in entry.checks.contains { explains(finding, $0) } }.map(\.consumer)).sorted()
    }

    /// Whether `finding` can explain why `check` fails.
    static func explains(_ finding: Finding, _ check: VerificationCheck) -> Bool {
        let subject = check.subject
        switch (finding.objectKind, subject.kind) {
        case (.tool, .tool), (.prompt, .prompt):
            guard finding.objectName == subject.name else { return false }
            let changed = location(of: finding)
            return check.mismatches.contains { overlaps(changed, $0.pointer.tokens) }
        case (.resource, .resource), (.resourceTemplate, .resourceTemplate):
            return finding.objectName == subject.name
        case (.resourceTemplate, .resource):
            // A resources/read interaction of a URI the old template served.
            return subject.aspect == .interaction && URITemplate(finding.objectName).matches(subject.name)
        case (.server, .provider):
            return true
        default:
            return false
        }
    }

    /// Where in a check's terms the finding changed something: schema locations become
    /// instance locations (`inputSchema/properties/a/items/properties/b/maximum` →
    /// `arguments/a/*/b`), other locations stay as they are (`annotations/readOnlyHint`,
    /// `arguments/1/required` of a prompt). Empty: the whole object.
    static func location(of finding: Finding) -> [String] {
        let relative = Array(finding.pointer.tokens.dropFirst(2))
        guard finding.objectKind == .tool, let first = relative.first else { return relative }
        switch first {
        case "inputSchema": return ["arguments"] + instancePath(relative.dropFirst())
        case "outputSchema": return ["structuredContent"] + instancePath(relative.dropFirst())
        default: return relative
        }
    }

    /// The instance location a schema location constrains; `*` stands for any member or
    /// element. Stops at the first keyword that is not an applicator (the constraint itself).
    static func instancePath(_ schemaPath: ArraySlice<String>) -> [String] {
        var path: [String] = []
        var rest = schemaPath
        while let keyword = rest.first {
            rest = rest.dropFirst()
            switch keyword {
            case "properties":
                guard let name = rest.first else { return path }
                path.append(name)
                rest = rest.dropFirst()
            case "prefixItems":
                guard let index = rest.first else { return path }
                path.append(index)
                rest = rest.dropFirst()
            case "items", "additionalProperties", "contains", "unevaluatedItems", "unevaluatedProperties":
                path.append("*")
            case "patternProperties":
                path.append("*")
                rest = rest.dropFirst()
            case "anyOf", "oneOf", "allOf", "dependentSchemas":
                rest = rest.dropFirst()   // the branch index or the property name: same instance
            case "not", "if", "then", "else":
                continue
            default:
                return path
            }
        }
        return path
    }

    /// One location is inside the other (`*` matches any token).
    static func overlaps(_ lhs: [String], _ rhs: [String]) -> Bool {
        zip(lhs, rhs).allSatisfy { $0 == $1 || $0 == "*" || $1 == "*" }
    }
}
