import AccordContracts
import AccordEvolution
import AccordMCP
import AccordProbe
import AccordReport
import ArgumentParser

/// `accord probe`: call a live server's tools with arguments generated from their inputSchemas
/// and report where the server does not honour its own schemas.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Call a live server's tools with generated arguments and check it honours its own input and output schemas.",
        discussion: """
            For each tool, --calls sets of arguments generated from its inputSchema (fixed by \
            --seed) are sent with tools/call. Reported: valid arguments rejected (a tool error or \
            JSON-RPC error: the server is narrower than its schema), structuredContent that \
            violates the outputSchema, structuredContent missing where an outputSchema promises \
            it, and with --invalid, invalid arguments that were accepted or crashed the server \
            instead of a tool error. Every call made is listed, and every finding carries the \
            exact arguments that reproduce it.

            Safety: only tools whose annotations say readOnlyHint: true are called unless \
            --allow-writes is given; the report lists every tool skipped and why. Provider \
            states (--given, with the server's provider-states: hook in accord.yaml) are set up \
            before the first call. Severities (see docs/probe.md): valid-arguments-rejected, \
            output-schema-violated and structured-content-missing are breaking; \
            invalid-arguments-crashed is potentially-breaking; invalid-arguments-accepted is \
            non-breaking.

            EXAMPLES:
              accord probe demo
              accord probe demo --calls 20 --seed 7 --invalid
              accord probe --url http://127.0.0.1:8000/mcp --format json
              accord probe --server demo --allow-writes --given "two invoices exist"
              accord probe --report sarif=probe.sarif -- uvx mcp-server-time

            Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 for bad input, \
            3 when the server (or its provider-state hook) fails.
            """
    )

    @Argument(help: ArgumentHelp("A server name from accord.yaml (or from --mcp-config).", valueName: "server"))
    var server: String?

    @Option(name: .customLong("server"), help: ArgumentHelp("The same as the server argument, as verify spells it.", valueName: "name"))
    var serverName: String?

    @Option(help: ArgumentHelp("Seed for the generated arguments: the same seed gives the same calls.", valueName: "n"))
    var seed: UInt64 = ProbeOptions.defaultSeed

    @Option(help: ArgumentHelp("Calls with valid arguments per tool (and as many invalid ones with --invalid).", valueName: "n"))
    var calls: Int = ProbeOptions.defaultCallsPerTool

    @Flag(help: "Also send arguments the inputSchema rejects and expect a tool error.")
    var invalid = false

    @Flag(help: "Also call tools whose readOnlyHint is not true: they may modify the server's environment.")
    var allowWrites = false

    @Option(help: ArgumentHelp("A provider state the server's provider-states: hook sets up before the first call (repeatable).", valueName: "state"))
    var given: [String] = []

    @Option(help: ArgumentHelp("Fail (exit 1) on findings at or above: breaking, potentially-breaking, any, never.", valueName: "level"))
    var failOn: FailOn = .breaking

    @OptionGroup(title: "Server")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Client")
    var client: ClientOptionGroup

    @OptionGroup(title: "Report")
    var report: ReportOptions

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("After --: the command that starts a stdio server, with its arguments.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        guard (1...10_000).contains(calls) else { throw ValidationError("--calls must be between 1 and 10000, got \(calls)") }
        if server != nil, serverName != nil { throw ValidationError("name the server once: as the argument or with --server") }
    }

    func run() async throws {
        let target = try EndpointResolver(options: serverOptions).providerTarget(name: server ?? serverName, command: command)
        let options = ProbeOptions(seed: seed, callsPerTool: calls, invalid: invalid, allowWrites: allowWrites,
                                   states: given.map { ProviderState(state: $0) })
        if verbosity.verbose { Console.error("probing \(target.label)…") }
        let probed: ProbeReport
        do {
            probed = try await target.probe(options: options, client: client.clientOptions, failOn: failOn)
        } catch let error as ProbeSetupError {
            Console.error("error: \(error)")
            throw CommandFailure(.serverError)
        }
        try report.emit(probed)
        if probed.failed { throw CommandFailure(.findings) }
    }
}

/// A provider state the probe could not set up: the server's side, exit 3.
struct ProbeSetupError: Error, CustomStringConvertible {
    var failure: ProbeRunner.Failure
    var description: String { failure.description }
}

extension ProviderTarget {
    /// Probes the provider in one session whose waits are each bounded by the client timeout.
    /// A `--given` state without a hook is a usage error; a hook that fails is a server error.
    func probe(options: ProbeOptions, client: ClientOptions, failOn: FailOn) async throws -> ProbeReport {
        if let state = options.states.first, hook == nil { throw UsageError(ProbeRunner.Failure.stateWithoutHook(state.state).description) }
        var clientOptions = client
        clientOptions.limitsWholeSession = false
        let (hook, label) = (self.hook, self.label)
        do {
            return try await MCPSession.with(endpoint, options: clientOptions) { session in
                try await ProbeRunner.probe(session: session, target: label, options: options, hook: hook, failOn: failOn)
            }
        } catch let failure as ProbeRunner.Failure {
            throw ProbeSetupError(failure: failure)
        }
    }
}
