import AccordMCP
import AccordRecord
import ArgumentParser
import Foundation

/// `accord record`: a transparent proxy in front of a real server that writes a pending
/// contract of what the agent used.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Proxy an MCP server and write a pending contract of what the agent used.",
        discussion: """
            Start `accord record … -- SERVER_CMD` as the agent's server command instead of the \
            server itself. Every message passes through unchanged, both ways; stdout is the MCP \
            channel, so Accord's own messages go to stderr. When the client closes stdin (or on \
            Ctrl-C / SIGTERM) the server is stopped and the contract is written: pending: true, \
            one interaction per distinct call shape, results stated as type matchers ($like, \
            $eachLike, $format), never as today's values. Secrets (env values, headers, tokens) \
            are never written. With --upstream URL --listen HOST:PORT it proxies Streamable \
            HTTP at http://HOST:PORT/mcp instead.

            EXAMPLES:
              accord record --consumer trip-agent -o contracts/trip-agent.yaml \\
                -- mcp-server-time --local-timezone UTC
              accord record --consumer billing-agent -o billing.yaml \\
                --snapshot-out seen.json -- accord-demo-server
              accord record --consumer billing-agent -o billing.yaml \\
                --upstream http://127.0.0.1:8931/mcp --listen 127.0.0.1:9000

            EXIT CODES:
              0  the contract was written and the session was complete
              1  the contract was written, but the upstream server exited mid-session
                 (the file is marked INCOMPLETE)
              2  usage or input error: no server command after --, an unwritable
                 output file, a bad --listen or --upstream
              3  the server could not be started or reached
            """
    )

    @Option(help: ArgumentHelp("The consumer the contract belongs to (the agent).", valueName: "name"))
    var consumer: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The contract file to write.", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("The provider name (default: the server's serverInfo.name).", valueName: "name"))
    var provider: String?

    @Option(name: .customLong("snapshot-out"), help: ArgumentHelp("Also write the snapshot of the server as seen through the proxy.", valueName: "file"))
    var snapshotOutput: String?

    @Option(help: ArgumentHelp("HTTP mode: the real server's MCP endpoint.", valueName: "url"))
    var upstream: String?

    @Option(help: ArgumentHelp("HTTP mode: the loopback address to serve /mcp on.", valueName: "host:port"))
    var listen: String?

    @Option(name: .customLong("header"), help: ArgumentHelp("HTTP mode: a header 'Name: value' for every upstream request (repeatable); ${VAR} reads the environment. Never written or logged.", valueName: "header"))
    var headers: [String] = []

    @Option(help: ArgumentHelp("HTTP mode: send 'Authorization: Bearer <token>' upstream, the token read from this environment variable.", valueName: "var"))
    var bearerTokenEnv: String?

    @Option(name: .customLong("env"), help: ArgumentHelp("Environment for the stdio server, KEY=VALUE (repeatable); ${VAR} reads Accord's environment. Never written.", valueName: "pair"))
    var environment: [String] = []

    @Option(name: .customLong("result-limit"), help: ArgumentHelp("Results longer than this many bytes are summarised to a shallow shape.", valueName: "bytes"))
    var resultLimit = ContractSynthesiser.defaultResultLimit

    @Option(name: .customLong("shutdown-timeout"), help: ArgumentHelp("Seconds the server gets to exit after the client closes stdin.", valueName: "seconds"))
    var shutdownTimeout: Double = 5

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("After --: the command that starts the real stdio server, with its arguments.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        if consumer.isEmpty { throw ValidationError("--consumer must not be empty") }
        if (upstream == nil) != (listen == nil) { throw ValidationError("HTTP mode needs both --upstream URL and --listen HOST:PORT") }
        if upstream == nil, command.isEmpty {
            throw ValidationError("give the server command after --, e.g. accord record --consumer NAME -o FILE -- mcp-server-time")
        }
        if upstream != nil, !command.isEmpty { throw ValidationError("--upstream proxies an HTTP server; do not also give a command after --") }
        guard shutdownTimeout > 0, shutdownTimeout.isFinite else { throw ValidationError("--shutdown-timeout must be a positive number of seconds") }
        guard resultLimit > 0 else { throw ValidationError("--result-limit must be positive") }
    }

    func run() async throws {
        let endpoint = try resolvedEndpoint()
        let request = RecordRequest(consumer: consumer, provider: provider, output: output, snapshotOutput: snapshotOutput, resultLimit: resultLimit,
                                    scrubber: .forEnvironment(ProcessInfo.processInfo.environment, knowing: endpoint.secretValues))
        do {
            try Recording.checkWritable(request)
        } catch {
            throw UsageError(error.description)
        }
        let observer = TrafficObserver()
        let ending: SessionEnding
        switch endpoint {
        case .http(let upstream):
            guard let listen else { throw UsageError("HTTP mode needs --listen HOST:PORT") }
            let quiet = verbosity.quiet
            do {
                ending = try await HTTPRecording.run(upstream: upstream, listen: listen, observer: observer) { url in
                    Console.note("accord record: listening on \(url), proxying \(upstream.url); Ctrl-C or SIGTERM writes the contract", quiet: quiet)
                }
            } catch {
                throw UsageError(error.description)
            }
        case .stdio(let launch):
            ending = try await StdioRecordProxy(launch: launch, shutdownGrace: .milliseconds(Int64(shutdownTimeout * 1000))).run(observer: observer)
        }
        let outcome: RecordOutcome
        do {
            outcome = try Recording.write(observer.session, ending: ending, request)
        } catch {
            throw UsageError(error.description)
        }
        report(outcome)
        if outcome.recorded.incomplete { throw CommandFailure(.findings) }
    }

    /// The server as every other command resolves it: `${VAR}` expanded, headers and the bearer
    /// token attached, a bare command found beside `accord` first (the bundled demo server).
    private func resolvedEndpoint() throws -> ServerEndpoint {
        var options = try ServerOptions.parse([])
        options.url = upstream
        options.header = headers
        options.bearerTokenEnv = bearerTokenEnv
        options.env = environment
        return try EndpointResolver(options: options).resolve(name: nil, command: command).endpoint
    }

    private func report(_ outcome: RecordOutcome) {
        let recorded = outcome.recorded
        let interactions = recorded.contract.interactions.count
        let summary = "\(recorded.observedCalls) call\(recorded.observedCalls == 1 ? "" : "s") observed, \(interactions) interaction\(interactions == 1 ? "" : "s")"
        if let reason = outcome.ending.incompleteReason {
            Console.error("error: \(reason); wrote what was seen to \(output), marked INCOMPLETE (\(summary))")
        } else {
            let how = outcome.ending == .interrupted ? " (interrupted)" : ""
            Console.note("accord record: wrote \(output)\(how): \(recorded.contract.consumer) → \(recorded.contract.provider), \(summary), pending", quiet: verbosity.quiet)
        }
        if let snapshotOutput {
            if outcome.snapshotWritten {
                Console.note("accord record: wrote \(snapshotOutput)", quiet: verbosity.quiet)
            } else {
                Console.warning("no handshake was seen, so no snapshot was written to \(snapshotOutput)")
            }
        }
        if !recorded.interactionsWithArgumentMatchers.isEmpty, !verbosity.quiet {
            Console.warning("arguments of \(recorded.interactionsWithArgumentMatchers.joined(separator: ", ")) hold matchers (secrets or generated values); put concrete test values there before live verification")
        }
    }
}
