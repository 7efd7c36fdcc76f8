import AccordJSON

/// The catalogue as documentation: `accord rules` prints it, and the README's rule reference is
/// this markdown (a test fails when they drift apart).
public enum RuleCatalogueDocument {
    public static func markdown() -> String {
        var lines: [String] = []
        for section in RuleSection.allCases {
            let rules = RuleCatalogue.all.filter { $0.section == section }
            guard !rules.isEmpty else { continue }
            lines.append("#### \(section.rawValue)")
            lines.append("")
            lines.append("| rule | severity | direction | semver | meaning |")
            lines.append("|---|---|---|---|---|")
            for rule in rules {
                lines.append("| `\(rule.id)` | \(rule.severity.rawValue) | \(rule.direction.rawValue) | \(rule.semver.rawValue) | \(rule.summary.replacingPipes()) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    public static func text() -> String {
        let width = RuleCatalogue.all.map(\.id.count).max() ?? 0
        var lines: [String] = []
        for section in RuleSection.allCases {
            let rules = RuleCatalogue.all.filter { $0.section == section }
            guard !rules.isEmpty else { continue }
            lines.append(section.rawValue)
            for rule in rules {
                let id = rule.id + String(repeating: " ", count: width - rule.id.count)
                lines.append("  \(id)  \(rule.severity.code)  \(rule.semver.rawValue.padding(5))  \(rule.summary)")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    public static func json() -> String {
        let rules: [JSONValue] = RuleCatalogue.all.map { rule in
            ["id": .string(rule.id), "severity": .string(rule.severity.rawValue), "direction": .string(rule.direction.rawValue),
             "semver": .string(rule.semver.rawValue), "section": .string(rule.section.rawValue), "summary": .string(rule.summary)]
        }
        return JSONEncoding.canonical(["catalogueVersion": 1, "rules": .array(rules)])
    }
}

private extension String {
    func replacingPipes() -> String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
