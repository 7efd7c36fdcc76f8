/// The output formats every Accord report can be rendered in.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    /// Grouped by severity and object; coloured only on a terminal, never with NO_COLOR.
    case text
    /// Accord's own versioned JSON document (schema in docs/schemas/).
    case json
    /// A pull-request comment: summary table, then details.
    case markdown
    /// SARIF 2.1.0 for code-scanning upload.
    case sarif
    /// JUnit XML: a test case per checked object.
    case junit
    /// GitHub Actions workflow commands (`::error …::`).
    case github
}
