import AccordYAML
import AccordMCP

/// A server named in accord.yaml or an `mcpServers` file, before secrets are resolved.
///
/// Values may reference environment variables as `${NAME}` (in args, env values, url and header
/// values); they are expanded only when the server is used, and the results are never printed.
public struct ServerDefinition: Sendable, Equatable {
    public enum Connection: Sendable, Equatable {
        case stdio(command: String, arguments: [String], environment: [String: String], workingDirectory: String?)
        case http(url: String, headers: [String: String], transport: HTTPTransportKind, bearerTokenEnvironment: String?)
    }

    public var name: String
    public var connection: Connection
    /// The file that defined it and the line, for error messages.
    public var source: String
    public var line: Int?
    /// The folder relative paths (cwd, relative commands) are resolved against.
    public var baseFolder: String
}

/// Expands `${NAME}` references from the environment.
enum EnvironmentReferences {
    static func expand(_ text: String, environment: [String: String], field: String, definition: ServerDefinition) throws(InputFileError) -> String {
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw InputFileError(file: definition.source, line: definition.line, field: field, reason: "unterminated ${ in value")
            }
            let name = String(rest[start.upperBound..<end])
            guard let value = environment[name] else {
                throw InputFileError(file: definition.source, line: definition.line, field: field, reason: "references the environment variable \(name), which is not set")
            }
            output += value
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }
}
