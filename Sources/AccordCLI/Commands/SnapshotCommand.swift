import AccordJSON
import AccordMCP
import AccordSnapshot
import ArgumentParser

/// `accord snapshot`: capture what a live server offers into a canonical snapshot file.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Capture a live server's tools, resources, templates and prompts into a canonical snapshot.",
        discussion: """
            The snapshot is canonical JSON (sorted keys, definitions sorted by name or URI, no \
            timestamps or secrets): capturing the same server twice gives identical bytes. A failed \
            capture never touches the output file.

            EXAMPLES:
              accord snapshot demo             # a server from accord.yaml, to stdout
              accord snapshot demo --update    # rewrite its baseline in snapshots/
              accord snapshot --url http://127.0.0.1:8000/mcp -o server.json
              accord snapshot --url https://mcp.example.com/mcp \\
                --bearer-token-env MCP_TOKEN
              accord snapshot -o time.json -- uvx mcp-server-time --local-timezone UTC
              accord snapshot time --mcp-config .mcp.json
            """
    )

    @Argument(help: ArgumentHelp("A server name from accord.yaml (or from --mcp-config).", valueName: "server"))
    var server: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the snapshot to this file instead of stdout ('-' for stdout).", valueName: "file"))
    var output: String?

    @Flag(help: "Write the snapshot to the server's baseline in the snapshots folder of accord.yaml.")
    var update = false

    @OptionGroup(title: "Server")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Client")
    var client: ClientOptionGroup

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("After --: the command that starts a stdio server, with its arguments.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        if update, output != nil { throw ValidationError("--update writes the configured baseline; do not combine it with -o") }
        if update, server == nil { throw ValidationError("--update needs a configured server name") }
    }

    func run() async throws {
        let resolver = EndpointResolver(options: serverOptions)
        let resolved = try resolver.resolve(name: server, command: command)
        var destination = output
        if update, let name = resolved.name {
            destination = try AccordConfiguration.load(path: serverOptions.config).baselinePath(for: name)
        }
        if verbosity.verbose { Console.error("capturing \(resolved.label)…") }
        let outcome = try await SnapshotCapture.capture(resolved.endpoint, options: client.clientOptions)
        for warning in outcome.warnings where !verbosity.quiet { Console.warning(warning) }
        let snapshot = outcome.snapshot
        if let destination, destination != "-" {
            try SnapshotFile.write(snapshot, to: destination)
            Console.note("wrote \(destination): \(Self.summary(of: snapshot))", quiet: verbosity.quiet)
        } else {
            Console.out(snapshot.canonicalText)
            if verbosity.verbose { Console.error("captured \(Self.summary(of: snapshot))") }
        }
    }

    static func summary(of snapshot: Snapshot) -> String {
        func count(_ items: [Any], _ singular: String, _ plural: String) -> String {
            "\(items.count) \(items.count == 1 ? singular : plural)"
        }
        // The server chose its name and version: escaped like every server text on stderr.
        let name = UntrustedText.singleLine(snapshot.serverInfo["name"]?.stringValue ?? "server")
        let version = snapshot.serverVersion.map { " " + UntrustedText.singleLine($0) } ?? ""
        return "\(name)\(version), protocol \(snapshot.protocolVersion) (\(snapshot.era.rawValue) era): "
            + [count(snapshot.tools, "tool", "tools"), count(snapshot.resources, "resource", "resources"),
               count(snapshot.resourceTemplates, "resource template", "resource templates"), count(snapshot.prompts, "prompt", "prompts")]
            .joined(separator: ", ")
    }
}
