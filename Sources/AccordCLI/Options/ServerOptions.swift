import AccordMCP
import ArgumentParser

/// How to reach a server: a configured name, `--url`, or `-- CMD ARGS...`.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file.", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("An mcpServers JSON file (.mcp.json, Claude Desktop config) to look server names up in.", valueName: "path"))
    var mcpConfig: String?

    @Option(name: .long, help: ArgumentHelp("An HTTP server's MCP endpoint.", valueName: "url"))
    var url: String?

    @Option(name: .long, help: ArgumentHelp("HTTP transport: auto (Streamable HTTP, falling back to HTTP+SSE), streamable-http, or sse.", valueName: "kind"))
    var transport: HTTPTransportKind?

    @Option(name: .long, help: ArgumentHelp("An HTTP header 'Name: value' for every request (repeatable); ${VAR} in the value reads the environment. Never printed or stored.", valueName: "header"))
    var header: [String] = []

    @Option(name: .long, help: ArgumentHelp("Send 'Authorization: Bearer <token>' with the token read from this environment variable.", valueName: "var"))
    var bearerTokenEnv: String?

    @OptionGroup(title: "OAuth")
    var oauth: OAuthOptions

    @Option(name: .long, help: ArgumentHelp("Environment for a stdio server, KEY=VALUE (repeatable); ${VAR} reads Accord's environment.", valueName: "pair"))
    var env: [String] = []
}

/// How Accord behaves as a client.
struct ClientOptionGroup: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Seconds the whole session may take; also the longest wait for any reply.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(name: .long, help: ArgumentHelp("Speak exactly this protocol version instead of negotiating (\(ProtocolVersion.supported.joined(separator: ", "))).", valueName: "version"))
    var protocolVersion: String?

    @Option(name: .long, help: ArgumentHelp("Fail when one list returns more than this many items.", valueName: "count"))
    var maxItems: Int = 100_000

    func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
        guard maxItems > 0 else { throw ValidationError("--max-items must be positive") }
        if let protocolVersion, !ProtocolVersion.isSupported(protocolVersion) {
            throw ValidationError("--protocol-version \(protocolVersion) is not one Accord speaks; use one of \(ProtocolVersion.supported.joined(separator: ", "))")
        }
    }

    var clientOptions: ClientOptions {
        ClientOptions(
            timeout: .milliseconds(Int64(timeout * 1000)),
            pinnedProtocolVersion: protocolVersion,
            maximumListItems: maxItems,
            discoveryProbeTimeout: .milliseconds(Int64(min(timeout / 2, 5) * 1000))
        )
    }
}

/// `--quiet` / `--verbose`.
struct VerbosityOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Print only results and errors.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Print progress and details on stderr.")
    var verbose = false
}

extension HTTPTransportKind: CaseArgument {}
