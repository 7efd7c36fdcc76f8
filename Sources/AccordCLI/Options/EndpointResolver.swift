import AccordYAML
import AccordMCP
import Foundation

/// Turns what the user named (config name, `--url`, `-- CMD`) into a ``ServerEndpoint``,
/// expanding `${VAR}` references. The label it returns is safe to print: no header values,
/// tokens or environment values.
struct EndpointResolver {
    var options: ServerOptions
    var environment: [String: String] = ProcessInfo.processInfo.environment

    struct Resolved {
        var endpoint: ServerEndpoint
        /// The server's definition when it came from a config file.
        var definition: ServerDefinition?
        var label: String

        /// The server's name when it came from a config file.
        var name: String? { definition?.name }
    }

    func resolve(name: String?, command: [String]) throws -> Resolved {
        let chosen = [name != nil, options.url != nil, !command.isEmpty].filter { $0 }.count
        guard chosen == 1 else {
            throw UsageError(chosen == 0
                ? "name a server: a name from accord.yaml, --url URL, or -- COMMAND ARGS..."
                : "name one server only: a configured name, --url, or -- COMMAND")
        }
        if let url = options.url {
            return Resolved(endpoint: .http(try httpOptions(url: url, configured: [:], transport: nil, tokenVariable: nil, definition: nil)), definition: nil, label: url)
        }
        if let executable = command.first {
            try rejectOAuthForStdio()
            let launch = StdioLaunch(command: executable, arguments: Array(command.dropFirst()), environment: try environmentPairs(), workingDirectory: nil)
            return Resolved(endpoint: .stdio(resolveExecutable(launch)), definition: nil, label: launch.displayCommand)
        }
        guard let name else { throw UsageError("name a server") }
        let definition = try lookUp(name)
        return Resolved(endpoint: try endpoint(for: definition), definition: definition, label: name)
    }

    func lookUp(_ name: String) throws -> ServerDefinition {
        if let path = options.mcpConfig {
            let servers = try MCPServersFile.load(path)
            guard let server = servers.first(where: { $0.name == name }) else {
                throw UsageError("\(path) has no server named \"\(name)\"; it has: \(servers.map(\.name).joined(separator: ", "))")
            }
            return server
        }
        let configuration = try AccordConfiguration.load(path: options.config)
        guard let server = configuration.server(named: name) else {
            let file = configuration.file ?? AccordConfiguration.defaultFileName
            if configuration.file == nil {
                throw UsageError("no server named \"\(name)\": there is no \(file) here (pass --config, --mcp-config, --url or -- COMMAND)")
            }
            throw UsageError("\(file) has no server named \"\(name)\"; it has: \(configuration.servers.map(\.name).joined(separator: ", "))")
        }
        return server
    }

    func endpoint(for definition: ServerDefinition) throws -> ServerEndpoint {
        switch definition.connection {
        case .stdio(let command, let arguments, let configuredEnvironment, let workingDirectory):
            try rejectOAuthForStdio()
            var expanded: [String: String] = [:]
            for (key, value) in configuredEnvironment {
                expanded[key] = try EnvironmentReferences.expand(value, environment: environment, field: "servers.\(definition.name).env.\(key)", definition: definition)
            }
            for (key, value) in try environmentPairs() { expanded[key] = value }
            var expandedArguments: [String] = []
            for (index, argument) in arguments.enumerated() {
                expandedArguments.append(try EnvironmentReferences.expand(argument, environment: environment, field: "servers.\(definition.name).args[\(index)]", definition: definition))
            }
            let folder = workingDirectory.map { AccordConfiguration.resolve($0, against: definition.baseFolder) }
            var launch = StdioLaunch(command: command, arguments: expandedArguments, environment: expanded, workingDirectory: folder)
            if let product = definition.swiftProduct {
                launch.command = try productExecutable(product, definition: definition)
                return .stdio(launch)
            }
            if command.contains("/"), !command.hasPrefix("/") {
                launch.command = AccordConfiguration.resolve(command, against: definition.baseFolder)
            }
            return .stdio(resolveExecutable(launch))
        case .http(let url, let headers, let transport, let tokenVariable):
            return .http(try httpOptions(url: url, configured: headers, transport: transport, tokenVariable: tokenVariable, definition: definition))
        }
    }

    private func httpOptions(url: String, configured: [String: String], transport: HTTPTransportKind?, tokenVariable: String?, definition: ServerDefinition?) throws -> HTTPConnectionOptions {
        var headers: [HTTPHeaderField] = []
        for (name, value) in configured.sorted(by: { $0.key < $1.key }) {
            let expanded = try definition.map { definition throws(InputFileError) in
                try EnvironmentReferences.expand(value, environment: environment, field: "servers.\(definition.name).headers.\(name)", definition: definition)
            } ?? value
            headers.append(HTTPHeaderField(name: name, value: expanded))
        }
        for raw in options.header {
            guard let colon = raw.firstIndex(of: ":") else {
                throw UsageError("--header must look like 'Name: value' (the value is not shown here)")
            }
            let name = raw[..<colon].trimmingCharacters(in: .whitespaces)
            let value = raw[raw.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw UsageError("--header has an empty name") }
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append(HTTPHeaderField(name: name, value: try expandCommandLine(value, flag: "--header \(name)")))
        }
        if let variable = options.bearerTokenEnv ?? tokenVariable {
            guard let token = environment[variable], !token.isEmpty else {
                throw UsageError("the bearer token variable \(variable) is not set or empty")
            }
            headers.removeAll { $0.name.lowercased() == "authorization" }
            headers.append(HTTPHeaderField(name: "Authorization", value: "Bearer \(token)"))
        }
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme), parsed.host != nil else {
            throw UsageError("\(url) is not an http:// or https:// URL")
        }
        var connection = HTTPConnectionOptions(url: url, headers: headers, transport: options.transport ?? transport ?? .auto)
        if let settings = try options.oauth.settings(configured: definition?.oauth, environment: environment) {
            if headers.contains(where: { $0.name.lowercased() == "authorization" }) {
                throw UsageError("OAuth and an Authorization header (--header, --bearer-token-env or bearer-token-env:) exclude each other; use one")
            }
            connection.authorizer = OAuthAuthorizer(serverURL: url, settings: settings)
        }
        return connection
    }

    private func rejectOAuthForStdio() throws {
        if options.oauth.anyGiven { throw UsageError("--oauth options are for HTTP servers (--url or url:); a stdio server is not authorized with OAuth") }
    }

    private func environmentPairs() throws -> [String: String] {
        var pairs: [String: String] = [:]
        for raw in options.env {
            guard let equals = raw.firstIndex(of: "="), equals != raw.startIndex else {
                throw UsageError("--env must look like KEY=VALUE")
            }
            let key = String(raw[..<equals])
            pairs[key] = try expandCommandLine(String(raw[raw.index(after: equals)...]), flag: "--env \(key)")
        }
        return pairs
    }

    private func expandCommandLine(_ value: String, flag: String) throws -> String {
        let placeholder = ServerDefinition(name: "", connection: .stdio(command: "", arguments: [], environment: [:], workingDirectory: nil), source: "command line", line: nil, baseFolder: "")
        return try EnvironmentReferences.expand(value, environment: environment, field: flag, definition: placeholder)
    }

    /// The built executable of a `swift-product:` server: in `ACCORD_PRODUCTS_DIR` (set by the
    /// SwiftPM plugin after it builds the product), else beside the running `accord` (both built
    /// by `swift build` / `swift run accord`).
    private func productExecutable(_ product: String, definition: ServerDefinition) throws -> String {
        let folders = [environment["ACCORD_PRODUCTS_DIR"], Self.executableFolder].compactMap { $0 }.filter { !$0.isEmpty }
        for folder in folders {
            let candidate = (folder as NSString).appendingPathComponent(product)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw InputFileError(
            file: definition.source, line: definition.line, field: "servers.\(definition.name).swift-product",
            reason: "the executable product \(product) is not built (looked in \(folders.joined(separator: ", "))); "
                + "run `swift build --product \(product)` first, or use `swift package accord …`, which builds it")
    }

    /// A bare command that is not a path is looked up beside the running `accord` first, so the
    /// bundled `accord-demo-server` works from a build folder without being on PATH.
    private func resolveExecutable(_ launch: StdioLaunch) -> StdioLaunch {
        guard !launch.command.contains("/"), let folder = Self.executableFolder else { return launch }
        let sibling = (folder as NSString).appendingPathComponent(launch.command)
        guard FileManager.default.isExecutableFile(atPath: sibling) else { return launch }
        var resolved = launch
        resolved.command = sibling
        return resolved
    }

    static let executableFolder: String? = {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first
        return path.map { ($0 as NSString).deletingLastPathComponent }
    }()
}
