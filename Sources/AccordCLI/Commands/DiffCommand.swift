import AccordEvolution
import AccordReport
import ArgumentParser

/// `accord diff OLD NEW`: classify every change between two versions of a server.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Classify every change between two snapshots as breaking, potentially breaking or non-breaking.",
        discussion: """
            Each side is a snapshot file, a server name from accord.yaml (captured live), or \
            `live` for the server given with --url or -- COMMAND. The policy in accord.yaml \
            (fail-on, severity overrides, accept entries, extensible enums, deprecation) applies.

            EXAMPLES:
              accord diff snapshots/demo.json snapshots/demo-v2.json
              accord diff snapshots/demo.json demo-v2 --format markdown > pr-comment.md
              accord diff snapshots/api.json live --url http://127.0.0.1:8000/mcp --report sarif=accord.sarif
              accord diff old.json new.json --fail-on potentially-breaking --report junit=diff.xml

            Exit status: 0 when no finding reaches fail-on, 1 when one does, 2 for bad input, 3 when a live server fails.
            """
    )

    @Argument(help: ArgumentHelp("The old side: snapshot file, server name, or live.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new side: snapshot file, server name, or live.", valueName: "new"))
    var new: String

    @OptionGroup(title: "Report")
    var report: ReportOptions

    @OptionGroup(title: "Policy")
    var policyOptions: PolicyOptions

    @OptionGroup(title: "Server (for live sides)")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Client")
    var client: ClientOptionGroup

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("After --: the stdio server for a `live` side.", valueName: "command"))
    var command: [String] = []

    func run() async throws {
        let result = try await Self.evaluate(old: old, new: new, policyOptions: policyOptions, failOn: report.failOn,
                                             server: serverOptions, client: client, command: command, verbosity: verbosity)
        try report.emit(result) { ReportRenderer<EvolutionReport>.for($0) }
        if result.failed { throw CommandFailure(.findings) }
    }

    /// Loads both sides and runs the evolution pipeline (shared with `bump`).
    static func evaluate(old: String, new: String, policyOptions: PolicyOptions, failOn: FailOn?, server: ServerOptions,
                         client: ClientOptionGroup, command: [String], verbosity: VerbosityOptions) async throws -> EvolutionReport {
        guard !(old == "live" && new == "live") else { throw UsageError("only one side can be `live`") }
        let resolver = SnapshotSourceResolver(server: server, client: client, command: command, verbose: verbosity.verbose, quiet: verbosity.quiet)
        let before = try await resolver.load(old)
        let after = try await resolver.load(new)
        let policy = try policyOptions.policy(config: server.config, failOn: failOn)
        return Evolution.diff(old: before.snapshot, new: after.snapshot, oldSource: before.label, newSource: after.label,
                              policy: policy, checkVersion: policyOptions.checkVersion)
    }
}

/// Policy flags on top of accord.yaml's `policy:`.
struct PolicyOptions: ParsableArguments {
    @Flag(help: "Count potentially breaking changes as breaking.")
    var strict = false

    @Flag(help: "Also check serverInfo.version against the required bump.")
    var checkVersion = false

    func policy(config: String?, failOn: FailOn?) throws -> Policy {
        var policy = try AccordConfiguration.load(path: config).policy
        if strict { policy.strict = true }
        if let failOn { policy.failOn = failOn }
        return policy
    }
}
