import AccordContracts
import AccordSnapshot
import ArgumentParser
import Foundation

/// `accord contract …`: work with consumer contract files.
struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract",
        abstract: "Work with consumer contract files.",
        subcommands: [ContractInitCommand.self]
    )
}

/// `accord contract init`: a starting contract for a consumer, from a snapshot.
struct ContractInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starting contract for a consumer from a snapshot and the names it uses.",
        discussion: """
            For each tool: example arguments generated from its inputSchema, reads of its required \
            output fields, and one tools/call interaction with type matchers; for each prompt its \
            required arguments; each resource or template by URI. The contract starts as \
            pending: true and verifies against the snapshot it came from. Keep what the consumer \
            relies on, delete the rest, and tighten the matchers.

            EXAMPLES:
              accord contract init --consumer billing-agent \\
                --snapshot snapshots/demo.json --tool get_invoice --tool record_payment
              accord contract init --consumer reporting --server demo \\
                --prompt summarize_receivables --resource ledgerly://config \\
                -o contracts/reporting.yaml
            """
    )

    @Option(help: ArgumentHelp("The consumer the contract belongs to.", valueName: "name"))
    var consumer: String

    @Option(help: ArgumentHelp("The snapshot file to start from.", valueName: "file"))
    var snapshot: String?

    @Option(help: ArgumentHelp("Capture this server from accord.yaml and start from it.", valueName: "name"))
    var server: String?

    @Option(help: ArgumentHelp("The provider name (default: the snapshot's serverInfo.name).", valueName: "name"))
    var provider: String?

    @Option(name: .customLong("tool"), help: ArgumentHelp("A tool the consumer calls (repeatable).", valueName: "name"))
    var tools: [String] = []

    @Option(name: .customLong("prompt"), help: ArgumentHelp("A prompt the consumer gets (repeatable).", valueName: "name"))
    var prompts: [String] = []

    @Option(name: .customLong("resource"), help: ArgumentHelp("A resource URI or resource template the consumer reads (repeatable).", valueName: "uri"))
    var resources: [String] = []

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the contract to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Overwrite an existing output file.")
    var force = false

    @OptionGroup(title: "Server")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Client")
    var client: ClientOptionGroup

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    func validate() throws {
        if (snapshot == nil) == (server == nil) { throw ValidationError("start from a snapshot file (--snapshot FILE) or a configured server (--server NAME)") }
        if tools.isEmpty, prompts.isEmpty, resources.isEmpty { throw ValidationError("name what the consumer uses: --tool, --prompt or --resource (each repeatable)") }
    }

    func run() async throws {
        let source: Snapshot
        if let snapshot {
            source = try await SnapshotArgument.read(snapshot)
        } else {
            let resolved = try EndpointResolver(options: serverOptions).resolve(name: server, command: [])
            let outcome = try await SnapshotCapture.capture(resolved.endpoint, options: client.clientOptions)
            for warning in outcome.warnings where !verbosity.quiet { Console.warning(warning) }
            source = outcome.snapshot
        }
        let made: (contract: Contract, yaml: String)
        do {
            made = try ContractInit.make(consumer: consumer, provider: provider, snapshot: source, tools: tools, prompts: prompts, resources: resources)
        } catch {
            throw UsageError(error.description)
        }
        guard let output, output != "-" else {
            Console.out(made.yaml)
            return
        }
        if !force, FileManager.default.fileExists(atPath: output) {
            throw UsageError("\(output) exists; pass --force to overwrite it")
        }
        do {
            try AtomicFile.write(Array(made.yaml.utf8), to: output)
        } catch {
            throw UsageError("cannot write \(output): \(error)")
        }
        let checks = StaticVerifier.verify(made.contract, against: source).checks.count
        Console.note("wrote \(output): \(made.contract.consumer) → \(made.contract.provider), \(checks) checks, pending until it first passes", quiet: verbosity.quiet)
    }
}
