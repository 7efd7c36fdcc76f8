import AccordYAML
import AccordEvolution
import AccordMCP
import AccordContracts
import AccordProbe
import Foundation

/// The project's `accord.yaml`: which servers exist and where their baselines live.
///
/// ```yaml
/// snapshots: snapshots          # folder of committed baselines, one <server>.json each
/// servers:
///   demo:
///     command: accord-demo-server
///     args: ["--release", "1.0.0"]
///     env: { LOG_LEVEL: warn }
///     cwd: .
///     provider-states:              # the hook `accord verify`/`check` run for `given:` states
///       command: ["python3", "scripts/provider-state.py"]
///     probe: true                   # `check` also runs `accord probe` (or a mapping, below)
///   app:
///     swift-product: my-mcp-server  # an executable product of this Swift package
///     args: ["--stdio"]
///   remote:
///     url: https://mcp.example.com/mcp
///     transport: auto               # auto | streamable-http | sse
///     headers: { X-Team: "${TEAM_ID}" }
///     bearer-token-env: MCP_TOKEN
///   protected:
///     url: https://mcp.example.com/secure/mcp
///     oauth: { grant: client-credentials, client-id: accord-ci }   # docs/oauth.md
/// contracts: contracts          # consumer contracts, *.yaml
/// registry: git@github.com:acme/contracts.git   # the contract registry (docs/registry.md)
/// ```
public struct AccordConfiguration: Sendable {
    public static let defaultFileName = "accord.yaml"

    /// Servers in file order.
    public var servers: [ServerDefinition]
    /// The baseline folder, resolved against the file's folder.
    public var snapshotsFolder: String
    /// The consumer contracts folder, resolved against the file's folder.
    public var contractsFolder: String
    /// How findings are judged (`policy:`).
    public var policy: Policy
    /// The contract registry's git URL (`registry:`), a path resolved against the file's folder.
    public var registry: String?
    /// The file this came from (nil when no file exists and defaults apply).
    public var file: String?

    public init(servers: [ServerDefinition] = [], snapshotsFolder: String = "snapshots", contractsFolder: String = "contracts",
                policy: Policy = Policy(), file: String? = nil) {
        self.servers = servers
        self.snapshotsFolder = snapshotsFolder
        self.contractsFolder = contractsFolder
        self.policy = policy
        self.file = file
    }

    public func server(named name: String) -> ServerDefinition? {
        servers.first { $0.name == name }
    }

    /// The committed baseline of a server.
    public func baselinePath(for server: String) -> String {
        (snapshotsFolder as NSString).appendingPathComponent("\(server).json")
    }

    /// Loads `path`; when `path` is nil, `accord.yaml` in the working directory if it exists.
    public static func load(path: String?) throws(InputFileError) -> AccordConfiguration {
        let file = path ?? defaultFileName
        guard let data = FileManager.default.contents(atPath: file) else {
            if path == nil { return AccordConfiguration() }
            throw InputFileError(file: file, reason: FileManager.default.fileExists(atPath: file) ? "cannot read the file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputFileError(file: file, reason: "not UTF-8 text")
        }
        return try parse(text, file: file)
    }

    static let topLevelKeys: Set<String> = ["servers", "snapshots", "contracts", "policy", "registry"]
    static let serverKeys: Set<String> = [
        "command", "swift-product", "args", "env", "cwd", "url", "headers", "transport", "bearer-token-env", "provider-states", "probe", "oauth",
    ]
    static let providerStateKeys: Set<String> = ["command", "timeout", "cwd"]
    static let probeKeys: Set<String> = ["calls", "seed", "invalid", "allow-writes", "given"]

    public static func parse(_ text: String, file: String) throws(InputFileError) -> AccordConfiguration {
        let root = try YAMLNodeReader.parse(text, file: file)
        let base = (file as NSString).deletingLastPathComponent
        let top = try root.mapping(allowedKeys: topLevelKeys)
        var configuration = AccordConfiguration(file: file)
        if let snapshots = top["snapshots"] {
            configuration.snapshotsFolder = resolve(try snapshots.string(), against: base)
        } else {
            configuration.snapshotsFolder = resolve("snapshots", against: base)
        }
        configuration.contractsFolder = resolve(try top["contracts"]?.string() ?? "contracts", against: base)
        if let registry = top["registry"] {
            let url = try registry.string()
            // A URL or scp-like ssh address as written; a local path relative to this file.
            configuration.registry = url.contains("://") || url.hasPrefix("/") || url.range(of: #"^[^/]+:"#, options: .regularExpression) != nil
                ? url : resolve(url, against: base)
        }
        if let policy = top["policy"] {
            configuration.policy = try PolicyConfiguration.parse(policy)
        }
        if let servers = top["servers"] {
            for (name, node) in try servers.mapping() {
                configuration.servers.append(try server(name: name, node: node, base: base))
            }
        }
        return configuration
    }

    private static func server(name: String, node: YAMLNodeReader, base: String) throws(InputFileError) -> ServerDefinition {
        let fields = try node.mapping(allowedKeys: serverKeys)
        let connection: ServerDefinition.Connection
        var swiftProduct: String?
        if let product = fields["swift-product"] {
            if fields["command"] != nil { throw product.error("give either command: or swift-product:, not both") }
            swiftProduct = try product.string()
        }
        switch (fields["command"] ?? fields["swift-product"], fields["url"]) {
        case (let command?, nil):
            for key in ["headers", "transport", "bearer-token-env", "oauth"] where fields[key] != nil {
                throw fields[key]!.error("only HTTP servers (with url:) take \(key)")
            }
            connection = .stdio(
                command: try command.string(),
                arguments: try fields["args"]?.strings() ?? [],
                environment: try fields["env"]?.stringMap() ?? [:],
                workingDirectory: try fields["cwd"]?.string()
            )
        case (nil, let url?):
            for key in ["args", "env", "cwd"] where fields[key] != nil {
                throw fields[key]!.error("only stdio servers (with command:) take \(key)")
            }
            var transport = HTTPTransportKind.auto
            if let kind = fields["transport"] {
                let text = try kind.string()
                guard let parsed = HTTPTransportKind(rawValue: text) else {
                    throw kind.error("must be one of \(HTTPTransportKind.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"")
                }
                transport = parsed
            }
            connection = .http(
                url: try url.string(),
                headers: try fields["headers"]?.stringMap() ?? [:],
                transport: transport,
                bearerTokenEnvironment: try fields["bearer-token-env"]?.string()
            )
        case (.some, .some):
            throw node.error("give either command: (stdio) or url: (HTTP), not both")
        case (nil, nil):
            throw node.error("needs command: or swift-product: (a stdio server) or url: (an HTTP server)")
        }
        var definition = ServerDefinition(name: name, connection: connection, source: node.file, line: node.line, baseFolder: base)
        definition.swiftProduct = swiftProduct
        definition.oauth = try fields["oauth"].map { node throws(InputFileError) in try OAuthDefinition.parse(node, base: base) }
        definition.providerStates = try fields["provider-states"].map { node throws(InputFileError) in try providerStates(node, base: base) }
        definition.probe = try fields["probe"].flatMap { node throws(InputFileError) in try probe(node) }
        if let states = definition.probe?.states, !states.isEmpty, definition.providerStates == nil, let node = fields["probe"] {
            throw node.error("given: states need a provider-states: hook for this server")
        }
        return definition
    }

    /// `probe: true`, or a mapping of `accord probe`'s options:
    /// `{calls: 5, seed: 1, invalid: false, allow-writes: false, given: [STATE, …]}`.
    private static func probe(_ node: YAMLNodeReader) throws(InputFileError) -> ProbeOptions? {
        if node.isScalar { return try node.bool() ? ProbeOptions() : nil }
        let fields = try node.mapping(allowedKeys: probeKeys)
        var options = ProbeOptions()
        if let calls = fields["calls"] {
            guard let count = Int(try calls.string()), (1...10_000).contains(count) else { throw calls.error("must be a whole number from 1 to 10000") }
            options.callsPerTool = count
        }
        if let seed = fields["seed"] {
            guard let value = UInt64(try seed.string()) else { throw seed.error("must be a whole number from 0 to \(UInt64.max)") }
            options.seed = value
        }
        options.invalid = try fields["invalid"]?.bool() ?? false
        options.allowWrites = try fields["allow-writes"]?.bool() ?? false
        options.states = try (fields["given"]?.strings() ?? []).map { ProviderState(state: $0) }
        return options
    }

    private static func providerStates(_ node: YAMLNodeReader, base: String) throws(InputFileError) -> ProviderStateHookDefinition {
        let fields = try node.mapping(allowedKeys: providerStateKeys)
        guard let commandNode = fields["command"] else { throw node.error("needs command: (a list of words, or one string run by /bin/sh -c)") }
        let command: [String]
        if commandNode.isScalar {
            command = ["/bin/sh", "-c", try commandNode.string()]
        } else {
            command = try commandNode.strings()
        }
        guard let first = command.first, !first.isEmpty else { throw commandNode.error("must not be empty") }
        var timeout = 30.0
        if let timeoutNode = fields["timeout"] {
            guard let seconds = Double(try timeoutNode.string()), seconds > 0, seconds.isFinite else {
                throw timeoutNode.error("must be a positive number of seconds")
            }
            timeout = seconds
        }
        let folder = resolve(try fields["cwd"]?.string() ?? ".", against: base)
        return ProviderStateHookDefinition(command: command, timeoutSeconds: timeout, workingDirectory: folder)
    }

    static func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("/") || base.isEmpty { return path }
        return (base as NSString).appendingPathComponent(path)
    }
}
