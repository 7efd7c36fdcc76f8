import AccordEvolution

/// What `accord probe` can find, as data: each kind's id, severity and one-line meaning. The
/// renderers, the docs (docs/probe.md) and the tests read this one table.
///
/// Severities use the diff's scale so `--fail-on` means the same everywhere: a server that
/// rejects what its schema allows, or answers outside its outputSchema, breaks every client
/// that trusts the schema (`breaking`); a crash on invalid input may break clients that make a
/// mistake (`potentially-breaking`); invalid input that is accepted only makes the schema
/// stricter than the server (`non-breaking`, fails only with `--fail-on any`).
///
/// ```swift
/// ProbeFindingKind.validArgumentsRejected.severity   // .breaking
/// ProbeFindingKind(rawValue: "invalid-arguments-accepted")?.summary
/// ```
public enum ProbeFindingKind: String, Sendable, Equatable, CaseIterable, Codable {
    case validArgumentsRejected = "valid-arguments-rejected"
    case outputSchemaViolated = "output-schema-violated"
    case structuredContentMissing = "structured-content-missing"
    case invalidArgumentsCrashed = "invalid-arguments-crashed"
    case invalidArgumentsAccepted = "invalid-arguments-accepted"

    public var severity: Severity {
        switch self {
        case .validArgumentsRejected, .outputSchemaViolated, .structuredContentMissing: .breaking
        case .invalidArgumentsCrashed: .potentiallyBreaking
        case .invalidArgumentsAccepted: .nonBreaking
        }
    }

    /// One sentence: what the server did.
    public var summary: String {
        switch self {
        case .validArgumentsRejected:
            "Arguments the inputSchema allows were rejected (a tool error or JSON-RPC error): the server is narrower than its schema."
        case .outputSchemaViolated:
            "The result's structuredContent violates the tool's outputSchema."
        case .structuredContentMissing:
            "The tool declares an outputSchema but its result has no structuredContent."
        case .invalidArgumentsCrashed:
            "Arguments the inputSchema rejects made the server fail (an internal JSON-RPC error or a dead connection) instead of a tool error."
        case .invalidArgumentsAccepted:
            "Arguments the inputSchema rejects were accepted: the server is wider than its schema."
        }
    }
}
