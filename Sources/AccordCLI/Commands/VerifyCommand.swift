import AccordContracts
import AccordRegistry
import AccordReport
import AccordSnapshot
import ArgumentParser

/// `accord verify`: check consumer contracts against a snapshot (static) or a running server (live).
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify consumer contracts against a snapshot (static) or a running server (live).",
        discussion: """
            Static (--against SNAPSHOT): every expectation is checked against the snapshot — the \
            tool, prompt, resource or template exists, example and interaction arguments validate \
            against the input schema, every field read or matched is guaranteed by the output \
            schema, annotations relied on still hold. Interactions are checked, not called.

            Live (--server NAME, --url URL or -- COMMAND): the same expectations against the \
            server's live definitions, and every interaction really called in one session, after \
            the provider-state hook (provider-states: in accord.yaml) has set up its given: state; \
            results are matched and structuredContent is validated against the tool's outputSchema.

            Contracts: the files named, else every *.yaml in --contracts DIR (default: contracts: \
            in accord.yaml), keeping those whose provider is the server verified against. A \
            pending: true contract is reported but never fails the run until it has passed once; \
            --record writes the passes to .verified.json in the contracts folder (commit it).

            EXAMPLES:
              accord verify --against snapshots/demo.json
              accord verify contracts/billing-agent.yaml \\
                --against snapshots/demo-v2.json --format markdown
              accord verify --server demo --report junit=contracts.xml
              accord verify --url http://127.0.0.1:8000/mcp --contracts ../consumers
              accord verify --server demo --record   # record passes: ends pending
              accord verify -- accord-demo-server --release 2.0.0

            Exit status: 0 when every contract that is not pending passes, 1 when one fails, 2 for \
            bad input (a contract file, flag or snapshot), 3 when the server fails.
            """
    )

    /// Contract files, then — after `--` — the stdio server's command. ArgumentParser allows
    /// one positional array, so both arrive here and ``split`` separates them.
    @Argument(help: ArgumentHelp("Contract files (default: every contract in the contracts folder); after --, the stdio server to verify live.", valueName: "contract"))
    var positionals: [String] = []

    @OptionGroup(title: "Contracts")
    var contractOptions: ContractOptions

    @Option(help: ArgumentHelp("Verify statically against this snapshot file, without a server.", valueName: "snapshot"))
    var against: String?

    @Option(help: ArgumentHelp("Verify live against this server from accord.yaml (or --mcp-config).", valueName: "name"))
    var server: String?

    @Flag(help: "Record contracts that pass in .verified.json in the contracts folder (ends their pending state).")
    var record = false

    @OptionGroup(title: "Registry")
    var registryOptions: RegistryOptions

    @Option(help: ArgumentHelp("Fetch this provider's contracts from the registry (with the local ones).", valueName: "name"))
    var provider: String?

    @Option(help: ArgumentHelp("Which published contracts: main, branch:NAME, deployed:ENVIRONMENT or all.", valueName: "selector"))
    var selector: String = "main"

    @Flag(help: "Publish each registry contract's verdict back to the registry.")
    var publishResults = false

    @Option(help: ArgumentHelp("The provider version the results are for (default: the verified serverInfo.version).", valueName: "version"))
    var providerVersion: String?

    @Option(help: ArgumentHelp("The provider branch the results are for.", valueName: "name"))
    var providerBranch: String = "main"

    @OptionGroup(title: "Server (live verification)")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Client")
    var client: ClientOptionGroup

    @OptionGroup(title: "Report")
    var report: ReportOptions

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    func validate() throws {
        if against == nil, server == nil, serverOptions.url == nil, positionals.isEmpty { throw Self.nothingToVerifyAgainst }
        if registryOptions.registry != nil, provider == nil { throw ValidationError("--registry needs --provider NAME: whose contracts to fetch") }
        if publishResults, provider == nil { throw ValidationError("--publish-results needs --provider NAME (and the registry)") }
        if providerVersion != nil, !publishResults { throw ValidationError("--provider-version only applies to --publish-results") }
    }

    static let nothingToVerifyAgainst = ValidationError("say what to verify against: --against SNAPSHOT, --server NAME, --url URL or -- COMMAND")

    /// The contract files and the command after `--`: the values after the first `--` of the
    /// command line are the command.
    static func split(_ positionals: [String], arguments: [String]) -> (files: [String], command: [String]) {
        guard let terminator = arguments.firstIndex(of: "--") else { return (positionals, []) }
        let count = min(arguments.count - terminator - 1, positionals.count)
        return (Array(positionals.dropLast(count)), Array(positionals.suffix(count)))
    }

    func run() async throws {
        let (contractFiles, command) = Self.split(positionals, arguments: CommandLine.arguments)
        let live = [server != nil, serverOptions.url != nil, !command.isEmpty].filter { $0 }.count
        if against != nil, live > 0 { throw UsageError("verify against a snapshot (--against) or a running server (--server, --url, -- COMMAND), not both") }
        if against == nil, live == 0 { throw UsageError(Self.nothingToVerifyAgainst.message) }
        if live > 1 { throw UsageError("name one server only: --server, --url or -- COMMAND") }
        let configuration = try AccordConfiguration.load(path: serverOptions.config)
        var set = try ContractSet.load(files: contractFiles, folder: contractOptions.contracts, configuration: configuration)
        var fetched: RegistryContracts?
        if let provider {
            let selector = try ContractSelector(parsing: selector)
            let contracts = try await registryOptions.with(configuration) { registry in
                try await RegistryContracts.fetch(from: registry, providers: [provider], selector: selector)
            }
            Console.note("\(contracts.entries.count) contract(s) for \(provider) from the registry (\(selector))", quiet: verbosity.quiet || !verbosity.verbose)
            set.contracts += contracts.contracts
            fetched = contracts
        }
        var verified: (report: VerificationReport, contracts: [Contract])
        if let against {
            verified = try set.verifyStatically(against: await SnapshotArgument.read(against), target: against, purpose: .verify)
        } else {
            let target = try EndpointResolver(options: serverOptions).providerTarget(name: server, command: command)
            if verbosity.verbose { Console.error("verifying live against \(target.label)…") }
            let set = set
            let run = try await target.verify(client: client.clientOptions) { snapshot in
                set.naming([target.configuredName, snapshot.serverInfo["name"]?.stringValue])
            }
            for warning in run.warnings where !verbosity.quiet { Console.warning(warning) }
            try set.requireContracts(run.contracts, provider: run.snapshot.serverInfo["name"]?.stringValue)
            verified = (VerificationReport(mode: .live, target: target.label, serverName: run.snapshot.serverInfo["name"]?.stringValue,
                                           serverVersion: run.snapshot.serverVersion,
                                           verifications: set.applyingRecord(to: run.verifications, of: run.contracts)), run.contracts)
        }
        if let fetched {
            verified.report.verifications = fetched.applyingPending(to: verified.report.verifications, providerBranch: providerBranch)
        }
        try report.emit(verified.report)
        if publishResults, let fetched {
            guard let version = providerVersion ?? verified.report.serverVersion else {
                throw UsageError("the verified server reports no serverInfo.version: pass --provider-version V")
            }
            let results = fetched.results(of: verified.report, providerVersion: version, providerBranch: providerBranch)
            try await registryOptions.with(configuration) { registry in
                for result in results { try await registry.publish(result) }
            }
            Console.note("published \(results.count) verification result(s) for \(provider ?? "") \(version)", quiet: verbosity.quiet)
        }
        if record {
            let recorded = try set.recordPasses(verified.report.verifications, of: verified.contracts)
            Console.note(recorded.isEmpty ? "nothing new to record in \(set.recordPath)" : "recorded passes of \(recorded.joined(separator: ", ")) in \(set.recordPath)",
                         quiet: verbosity.quiet)
        }
        if verified.report.failed { throw CommandFailure(.findings) }
    }
}
