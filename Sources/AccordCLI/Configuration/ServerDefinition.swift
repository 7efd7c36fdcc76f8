import AccordYAML
import AccordMCP
import AccordProbe

/// A server named in accord.yaml or an `mcpServers` file, before secrets are resolved.
///
/// Values may reference environment variables as `${NAME}` or `${NAME:-fallback}` (in args, env values, url and header
/// values); they are expanded only when the server is used, and the results are never printed.
public struct ServerDefinition: Sendable, Equatable {
    public enum Connection: Sendable, Equatable {
        case stdio(command: String, arguments: [String], environment: [String: String], workingDirectory: String?)
        case http(url: String, headers: [String: String], transport: HTTPTransportKind, bearerTokenEnvironment: String?)
    }

    public var name: String
    public var connection: Connection
    /// For a stdio server built from this Swift package: the executable product named by
    /// `swift-product:` (the connection's command is then the product name, resolved at launch).
    public var swiftProduct: String?
    /// The command that puts the server into a provider state before an interaction that
    /// names one (`provider-states:`).
    public var providerStates: ProviderStateHookDefinition?
    /// `oauth:` — how Accord gets an OAuth token for this HTTP server (docs/oauth.md).
    public var oauth: OAuthDefinition?
    /// `probe:` — `accord check` also probes the server (docs/probe.md) with these options.
    public var probe: ProbeOptions?
    /// The file that defined it and the line, for error messages.
    public var source: String
    public var line: Int?
    /// The folder relative paths (cwd, relative commands) are resolved against.
    public var baseFolder: String
}

/// `provider-states:` of a server: the hook live verification runs before an interaction with
/// a `given:` state.
///
/// ```yaml
/// provider-states:
///   command: ["python3", "scripts/provider-state.py"]   # or one string, run by /bin/sh -c
///   timeout: 10                                          # seconds, default 30
///   cwd: .                                               # default: the config file's folder
/// ```
public struct ProviderStateHookDefinition: Sendable, Equatable {
    public var command: [String]
    public var timeoutSeconds: Double
    public var workingDirectory: String
}

/// Expands `${NAME}` and `${NAME:-fallback}` references from the environment.
enum EnvironmentReferences {
    static func expand(_ text: String, environment: [String: String], field: String, definition: ServerDefinition) throws(InputFileError) -> String {
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw InputFileError(file: definition.source, line: definition.line, field: field, reason: "unterminated ${ in value")
            }
            let reference = String(rest[start.upperBound..<end])
            // `${NAME:-fallback}`: the fallback when NAME is unset or empty, as in the shell.
            let parts = reference.components(separatedBy: ":-")
            let name = parts[0]
            let fallback = parts.count > 1 ? parts.dropFirst().joined(separator: ":-") : nil
            if let value = environment[name], !(fallback != nil && value.isEmpty) {
                output += value
            } else if let fallback {
                output += fallback
            } else {
                throw InputFileError(file: definition.source, line: definition.line, field: field, reason: "references the environment variable \(name), which is not set")
            }
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }
}
