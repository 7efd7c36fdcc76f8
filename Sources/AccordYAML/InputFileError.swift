/// An input file (accord.yaml, .mcp.json, a contract) that cannot be used: the file, the line when
/// known, the field (a dotted path such as `servers.demo.args`) and what to change. Exit code 2.
public struct InputFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var field: String?
    public var reason: String

    public init(file: String, line: Int? = nil, field: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let field, !field.isEmpty { location += ": \(field)" }
        return "\(location): \(reason)"
    }
}
