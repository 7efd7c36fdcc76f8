import AccordContracts
import AccordMCP
import AccordMock
import AccordReport
import AccordServer
import AccordSnapshot
import AccordYAML
import ArgumentParser
import Foundation

/// `accord mock`: an MCP server that behaves as the consumers' contracts say the provider does.
struct MockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "Serve an MCP mock of a provider, answering from consumer contracts.",
        discussion: """
            Offers the snapshot's definitions that the contracts name (--all: every one) with \
            its server info and instructions, and answers tools/call, resources/read and \
            prompts/get from the contracts' interactions: a request matches when its name or \
            URI and its arguments are the interaction's. The reply is the interaction's expect: \
            with each matcher turned into a value it accepts, completed to satisfy the tool's \
            outputSchema; a contract that cannot produce one stops the mock before it starts. \
            A request no interaction matches gets an error naming the closest interaction and \
            what differs.

            Serves stdio by default (spawn it as the agent's server command; stdout is the MCP \
            channel) or Streamable HTTP with --listen. Provider states: --state NAME, or per \
            request params._meta "accord/state". At exit (stdin closed, Ctrl-C, SIGTERM) the \
            report of exercised, never-called and unexpected requests goes to stderr and to \
            every --report file.

            EXAMPLES:
              accord mock contracts/billing-agent.yaml --snapshot snapshots/demo.json
              accord mock --snapshot snapshots/demo.json --listen 127.0.0.1:8931
              accord mock contracts/billing-agent.yaml --server demo \\
                --state "invoice exists" --require-all --report junit=mock.xml

            Exit status: 0 when every request matched, 1 for an unexpected request (or, with \
            --require-all, an interaction never called), 2 for bad input (a contract that \
            cannot be served, a flag, a port in use), 3 when --server cannot be captured.
            """
    )

    @Argument(help: ArgumentHelp("Contract files (default: every contract for the provider in the contracts folder).", valueName: "contract"))
    var contractFiles: [String] = []

    @Option(help: ArgumentHelp("The provider's snapshot to take definitions from.", valueName: "file"))
    var snapshot: String?

    @Option(help: ArgumentHelp("Capture the definitions live from this server in accord.yaml (or --mcp-config).", valueName: "name"))
    var server: String?

    @OptionGroup(title: "Contracts")
    var contractOptions: ContractOptions

    @Option(help: ArgumentHelp("Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio (port 0 picks a free port).", valueName: "host:port"))
    var listen: String?

    @Flag(help: "Over HTTP, answer with SSE when the client accepts both JSON and SSE (default: JSON).")
    var sse = false

    @Flag(help: "Offer every definition of the snapshot, not only those the contracts name.")
    var all = false

    @Option(name: .customLong("state"), help: ArgumentHelp("Serve in this provider state (repeatable): selects interactions with this given: state.", valueName: "name"))
    var states: [String] = []

    @Flag(help: "Exit 1 when an interaction was never called.")
    var requireAll = false

    @Option(help: ArgumentHelp("Report format on stderr and in --report files: text, json, junit, markdown, sarif, github.", valueName: "format"))
    var format: ReportFormat = .text

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write the report to FILE at exit, atomically (repeatable); FORMAT=FILE picks another format.", valueName: "file"))
    var reports: [String] = []

    @OptionGroup(title: "Server (--server)")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Client (--server)")
    var client: ClientOptionGroup

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    func validate() throws {
        if (snapshot == nil) == (server == nil) { throw ValidationError("name the provider's definitions: --snapshot FILE or --server NAME (one of them)") }
        if let listen { do { _ = try ListenAddress(parsing: listen) } catch { throw ValidationError(error.description) } }
    }

    /// `--report` values: `FORMAT=FILE` when FORMAT is a known format, else a file in `--format`.
    var reportRequests: [ReportRequest] {
        reports.map { (try? ReportRequest(parsing: $0)) ?? ReportRequest(format: format, path: $0) }
    }

    func run() async throws {
        let (snapshot, label) = try await definitions()
        let plan = try MockPlanning(files: contractFiles, folder: contractOptions.contracts, configuration: try AccordConfiguration.load(path: serverOptions.config),
                                    quiet: verbosity.quiet)
            .plan(snapshot: snapshot, label: label, serverName: server, options: MockOptions(offerAll: all, states: states, requireAll: requireAll))
        let mock = MockServer(plan: plan)
        let endpoint: String
        if let listen {
            let http = try await HTTPServer.bind(try ListenAddress(parsing: listen), replyStyle: sse ? .events : .json, handler: mock.dispatcher)
            endpoint = http.url
            Console.error("accord mock: serving \(Self.provider(plan)) on \(http.url) (Ctrl-C to stop and report)")
            await http.run()
        } else {
            endpoint = "stdio"
            if verbosity.verbose { Console.error("accord mock: serving \(Self.provider(plan)) on stdio until stdin closes") }
            await StdioServer(handler: mock.dispatcher).run()
        }
        let report = await mock.report(endpoint: endpoint)
        try emit(report)
        if report.failed { throw CommandFailure(.findings) }
    }

    private func definitions() async throws -> (Snapshot, String) {
        if let snapshot { return (try SnapshotFile.read(snapshot), snapshot) }
        let resolver = SnapshotSourceResolver(server: serverOptions, client: client, command: [], verbose: verbosity.verbose, quiet: verbosity.quiet)
        let loaded = try await resolver.load(server!)
        return (loaded.snapshot(), loaded.label)
    }

    /// The report on stderr (never stdout: over stdio that is the MCP channel) and in every
    /// `--report` file, written atomically.
    private func emit(_ report: MockReport) throws {
        let context = RenderContext(colour: RenderContext.wantsColour(isTerminal: Console.stderrIsTerminal, environment: ProcessInfo.processInfo.environment),
                                    toolVersion: AccordVersion.current)
        for request in reportRequests {
            do {
                try AtomicFile.write(Array(report.rendered(as: request.format, context: context.withoutColour).utf8), to: request.path)
            } catch {
                throw UsageError("cannot write the \(request.format.rawValue) report: \(error)")
            }
        }
        if !verbosity.quiet || report.failed { Console.error(report.rendered(as: format, context: context)) }
    }

    private static func provider(_ plan: MockPlan) -> String {
        let info = plan.offer.serverInfo
        return [info["name"]?.stringValue, info["version"]?.stringValue].compactMap { $0 }.joined(separator: " ")
    }
}
