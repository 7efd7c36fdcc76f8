/// One `--report FORMAT=PATH` request: write the report in `format` to the file at `path`.
///
/// ```swift
/// let request = try ReportRequest(parsing: "sarif=build/accord.sarif")
/// // request.format == .sarif, request.path == "build/accord.sarif"
/// ```
public struct ReportRequest: Sendable, Equatable, Hashable {
    public var format: ReportFormat
    public var path: String

    public init(format: ReportFormat, path: String) {
        self.format = format
        self.path = path
    }

    /// Parses `FORMAT=PATH`. The format is case-insensitive; the path is everything after the
    /// first `=` (so a path may itself contain `=`).
    /// - Throws: ``ReportRequestError`` naming the argument and what is wrong with it.
    public init(parsing argument: String) throws(ReportRequestError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ReportRequestError(argument: argument, reason: "expected FORMAT=PATH, e.g. sarif=accord.sarif")
        }
        let name = argument[..<equals].lowercased()
        let path = String(argument[argument.index(after: equals)...])
        guard let format = ReportFormat(rawValue: name) else {
            let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw ReportRequestError(argument: argument, reason: "unknown format '\(name)' (one of: \(known))")
        }
        guard !path.isEmpty else {
            throw ReportRequestError(argument: argument, reason: "the path after '=' is empty")
        }
        self.init(format: format, path: path)
    }
}

/// A `--report` argument that is not `FORMAT=PATH` with a known format.
public struct ReportRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public let argument: String
    public let reason: String

    public init(argument: String, reason: String) {
        self.argument = argument
        self.reason = reason
    }

    public var description: String { "invalid --report '\(argument)': \(reason)" }
}
