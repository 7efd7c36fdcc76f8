/// One entry of the change-rule catalogue: a stable id (the public vocabulary of policies and
/// reports), its default severity, the direction of the data it concerns, the semver part it
/// requires, and a one-line description.
public struct Rule: Sendable, Hashable, Codable {
    public let id: String
    public let severity: Severity
    public let direction: Direction
    public let semver: SemverEffect
    public let summary: String
    /// The catalogue section it is listed under (docs).
    public let section: RuleSection

    public init(_ id: String, _ severity: Severity, _ direction: Direction, _ semver: SemverEffect, _ section: RuleSection, _ summary: String) {
        self.id = id
        self.severity = severity
        self.direction = direction
        self.semver = semver
        self.section = section
        self.summary = summary
    }
}

/// The catalogue's sections, in documentation order.
public enum RuleSection: String, Sendable, Codable, CaseIterable {
    case surface = "Surface"
    case toolMetadata = "Tool metadata and behaviour"
    case inputSchema = "inputSchema (narrowing breaks)"
    case outputSchema = "outputSchema (widening breaks)"
    case resourcesAndPrompts = "Resources, templates, prompts"
    case versions = "Version checks"
    case policy = "Policy"
    case review = "Review of LLM-facing text"
}
