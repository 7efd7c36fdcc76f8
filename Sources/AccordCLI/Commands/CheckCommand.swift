import AccordContracts
import AccordRegistry
import AccordReport
import AccordSnapshot
import ArgumentParser
import Foundation

/// `accord check`: the CI gate over everything in accord.yaml.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "The CI gate: capture every configured server, diff against its baseline, verify its contracts, check its version.",
        discussion: """
            For each server in accord.yaml: capture it live; verify every contract in the \
            contracts folder that names it (by its accord.yaml name or serverInfo.name) — \
            expectations against its live definitions, interactions called after the \
            provider-state hook; compare the capture with its baseline snapshots/<server>.json \
            under the policy, naming the consumers each finding breaks; and check that \
            serverInfo.version moved by at least the bump the changes require. One summary \
            covers all servers; --report writes more formats in the same run.

            Servers are checked concurrently (--jobs), except those with a provider-state hook, \
            which run one after another. A server without a baseline fails until one is written \
            with --update. --update rewrites the baselines of servers that changed (atomically); \
            it refuses to run under CI=true unless --force is given.

            --baseline-ref REF reads every baseline as committed at REF (a branch, tag or \
            commit) instead of from the working tree: the pull-request flow, where the \
            baseline is whatever main has. An unknown REF, a baseline missing at REF, or a \
            working directory outside a git repository is exit 2, naming it.

            With a registry (registry: in accord.yaml, or --registry), each server's contracts \
            also come from it: those published for its accord.yaml name or its baseline's \
            serverInfo.name (--selector, default main), pending until they pass once (Pact's \
            semantics). --publish-results publishes each verdict back for the live \
            serverInfo.version (docs/registry.md).

            --shard I/N checks shard I of N of the servers (after --server), for a CI matrix: \
            round-robin over the server names sorted, so every machine picks the same servers \
            whatever their order in accord.yaml, and each server is in exactly one shard. The \
            JSON report records the shard; `accord report merge` combines the shards' reports \
            into the report an unsharded run would have written. A shard with no servers passes.

            EXAMPLES:
              accord check                          # the gate
              accord check --format markdown >> "$GITHUB_STEP_SUMMARY"
              accord check --report sarif=accord.sarif --report junit=accord.xml \\
                --report json=accord.json
              accord check --server demo --fail-on potentially-breaking
              accord check --update                 # after a deliberate change
              accord check --baseline-ref origin/main   # baselines as on main
              accord check --shard 2/3 --report json=shard-2.json   # a matrix job
              LEDGERLY_RELEASE=2.0.0 accord check   # the demo's next release fails

            \(ExitStatus.reference)
            """
    )

    @Option(help: ArgumentHelp("The config file.", valueName: "path"))
    var config: String?

    @Option(name: .customLong("server"), help: ArgumentHelp("Check only this configured server (repeatable; default: all).", valueName: "name"))
    var servers: [String] = []

    @Option(help: ArgumentHelp("Check only shard I of N of the servers (1-based), e.g. 2/3; merge the reports with `accord report merge`.", valueName: "i/n"))
    var shard: String?

    @Flag(help: "Rewrite the baselines of servers whose definitions changed, after a deliberate change.")
    var update = false

    @Option(name: .customLong("baseline-ref"), help: ArgumentHelp("Read every baseline as committed at this git revision instead of the working tree.", valueName: "ref"))
    var baselineRef: String?

    @Flag(help: "Allow --update under CI=true.")
    var force = false

    @OptionGroup(title: "Registry")
    var registryOptions: RegistryOptions

    @Option(help: ArgumentHelp("Which published contracts to fetch from the registry: main, branch:NAME, deployed:ENVIRONMENT or all.", valueName: "selector"))
    var selector: String = "main"

    @Flag(help: "Publish each registry contract's verdict back to the registry.")
    var publishResults = false

    @Option(help: ArgumentHelp("The provider branch the published results are for.", valueName: "name"))
    var providerBranch: String = "main"

    @Option(help: ArgumentHelp("How many servers to check at once.", valueName: "count"))
    var jobs: Int = 4

    @OptionGroup(title: "Policy")
    var policyOptions: PolicyOptions

    @OptionGroup(title: "Client")
    var client: ClientOptionGroup

    @OptionGroup(title: "Report")
    var report: ReportOptions

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    func validate() throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be at least 1") }
        if force, !update { throw ValidationError("--force only applies to --update") }
        if update, baselineRef != nil { throw ValidationError("--update writes the working tree's baselines; it cannot be combined with --baseline-ref") }
    }

    func run() async throws {
        if update, !force, Self.runsInCI(ProcessInfo.processInfo.environment) {
            throw UsageError("--update rewrites the committed baselines; refusing under CI=true (update them in a pull request, or pass --force)")
        }
        // Parsed here, not in validate(): a CI recipe's `--shard "$SHARD/3"` must parse before
        // its variable is known (CIRecipeTests), and a bad value is exit 2 all the same.
        let slice = try shard.map { (text) throws(UsageError) in try Shard(parsing: text) }
        let (gates, part, fetched) = try await prepare(shard: slice)
        let quiet = verbosity.quiet, showProgress = verbosity.verbose || Console.stderrIsTerminal
        if let part, gates.isEmpty {
            Console.note("shard \(part.label) has no servers (\(part.gate.count) server\(part.gate.count == 1 ? "" : "s") over \(part.count) shards): nothing to check, passed", quiet: quiet)
        }
        var results = await GateScheduler.run(gates, jobs: jobs) { line in
            if showProgress, !quiet { Console.error(line) }
        }
        // Ctrl-C: the servers are stopped; a report of half-checked servers would mislead.
        try Task.checkCancellation()
        if let fetched { try await settle(&results, with: fetched) }
        let outcome = CheckReport(servers: results, configuration: config ?? AccordConfiguration.defaultFileName, shard: part)
        try report.emit(outcome)
        switch outcome.status {
        case .passed: break
        case .failed: throw CommandFailure(.findings)
        case .error: throw CommandFailure(.serverError)
        }
    }

    /// Reads everything the gate needs from the user's files before any server starts, so a
    /// bad config, baseline or contract is exit 2 with its file and line, not a half-run. With
    /// `--shard`, only the shard's servers are prepared, and the shard comes back for the report.
    func prepare(shard: Shard?) async throws -> (gates: [ServerGate], shard: CheckShard?, registry: RegistryContracts?) {
        let configuration = try AccordConfiguration.load(path: config)
        let file = configuration.file ?? AccordConfiguration.defaultFileName
        guard configuration.file != nil else { throw UsageError("no \(file) here: accord check runs the servers it configures (pass --config PATH)") }
        guard !configuration.servers.isEmpty else { throw UsageError("\(file) configures no servers (servers: …)") }
        for name in servers where configuration.server(named: name) == nil {
            throw UsageError("\(file) has no server named \"\(name)\"; it has: \(configuration.servers.map(\.name).joined(separator: ", "))")
        }
        var chosen = servers.isEmpty ? configuration.servers : configuration.servers.filter { servers.contains($0.name) }
        var part: CheckShard?
        if let shard {
            part = shard.record(gate: chosen.map(\.name))
            let mine = Set(shard.select(chosen.map(\.name)))
            chosen = chosen.filter { mine.contains($0.name) }
        }
        var contracts = try ContractSet.load(files: [], folder: nil, configuration: configuration)
        let policy = policyOptions.policy(from: configuration)
        let resolver = EndpointResolver(options: try ServerOptions.parse(config.map { ["--config", $0] } ?? []))
        let baselines = try await BaselineSource(revision: baselineRef)
        var read: [(definition: ServerDefinition, label: String, baseline: Snapshot?)] = []
        for definition in chosen {
            let (label, baseline) = try await baselines.read(configuration.baselinePath(for: definition.name))
            read.append((definition, label, baseline))
        }
        // Registry contracts are published under the provider's name: its accord.yaml name or,
        // as consumers see it, the serverInfo.name its baseline records.
        var fetched: RegistryContracts?
        if registryOptions.url(configuration) != nil {
            let selector = try ContractSelector(parsing: selector)
            let names = Set(read.flatMap { [$0.definition.name, $0.baseline?.serverInfo["name"]?.stringValue].compactMap { $0 } })
            let registry = try await registryOptions.with(configuration) { registry in
                let published = Set(try await registry.remote.refs(under: RegistryLayout.contractsPrefix).keys.compactMap { RegistryLayout.pair(of: $0)?.provider })
                return try await RegistryContracts.fetch(from: registry, providers: names.intersection(published).sorted(), selector: selector)
            }
            contracts.contracts += registry.contracts
            fetched = registry
        } else if publishResults {
            throw UsageError("--publish-results needs a registry: pass --registry URL or set registry: in \(file)")
        }
        let gates = try read.map { entry in
            ServerGate(definition: entry.definition, target: try resolver.providerTarget(for: entry.definition), baselinePath: entry.label,
                       baseline: entry.baseline, contracts: contracts, policy: policy, client: client.clientOptions, update: update)
        }
        return (gates, part, fetched)
    }

    /// Registry contracts are pending until they pass once; with --publish-results each
    /// server's verdicts go back to the registry under its live serverInfo.version.
    private func settle(_ results: inout [CheckReport.ServerResult], with fetched: RegistryContracts) async throws {
        var published: [VerificationResult] = []
        for index in results.indices {
            guard var verification = results[index].verification else { continue }
            verification.verifications = fetched.applyingPending(to: verification.verifications, providerBranch: providerBranch)
            results[index].verification = verification
            if publishResults, let version = verification.serverVersion {
                published += fetched.results(of: verification, providerVersion: version, providerBranch: providerBranch)
            }
        }
        guard publishResults, !published.isEmpty else { return }
        let configuration = try AccordConfiguration.load(path: config)
        let results = published
        try await registryOptions.with(configuration) { registry in
            for result in results { try await registry.publish(result) }
        }
        Console.note("published \(results.count) verification result(s) to the registry", quiet: verbosity.quiet)
    }

    /// `CI=true` (or `1`), as GitHub Actions, GitLab CI and most CI systems set it.
    static func runsInCI(_ environment: [String: String]) -> Bool {
        guard let value = environment["CI"]?.lowercased() else { return false }
        return ["true", "1", "yes"].contains(value)
    }
}
