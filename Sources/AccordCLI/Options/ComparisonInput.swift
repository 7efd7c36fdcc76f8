import AccordEvolution
import AccordJSON
import AccordReport
import AccordSnapshot
import ArgumentParser

/// The two sides of a comparison and how to obtain them, shared by `diff` and `bump`: each side
/// is a snapshot file, a server name from accord.yaml (captured live), or `live` (the server
/// given with `--url` or `-- COMMAND`).
struct ComparisonInput: ParsableArguments {
    @Argument(help: ArgumentHelp("The old side: snapshot file, server name, or live.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new side: snapshot file, server name, or live.", valueName: "new"))
    var new: String

    @OptionGroup(title: "Policy")
    var policyOptions: PolicyOptions

    @Flag(help: "Also check serverInfo.version against the required bump.")
    var checkVersion = false

    @OptionGroup(title: "Server (for live sides)")
    var server: ServerOptions

    @OptionGroup(title: "Client")
    var client: ClientOptionGroup

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("After --: the stdio server for a `live` side.", valueName: "command"))
    var command: [String] = []

    /// The outcome of a comparison, with the line of each pointer in the snapshot file reports
    /// anchor their locations to (SARIF regions, GitHub annotation lines).
    struct Evaluation {
        var report: EvolutionReport
        var anchorLines: [JSONPointer: Int]
        var old: SnapshotDocument
        var new: SnapshotDocument
    }

    /// Loads both sides and runs the evolution pipeline.
    func evaluate() async throws -> Evaluation {
        guard !(old == "live" && new == "live") else { throw UsageError("only one side can be `live`") }
        let resolver = SnapshotSourceResolver(server: server, client: client, command: command, verbose: verbosity.verbose, quiet: verbosity.quiet)
        // Both sides load at once: parsing two large files or capturing two servers in parallel.
        async let loadingOld = resolver.load(old)
        async let loadingNew = resolver.load(new)
        let (before, after) = try await (loadingOld, loadingNew)
        let policy = try policyOptions.policy(config: server.config)
        // Definitions with the same bytes on both sides are never read again.
        let report = Evolution.diff(SnapshotChanges(old: before.document, new: after.document), oldSource: before.label, newSource: after.label,
                                    policy: policy, checkVersion: checkVersion)
        let anchor = report.anchorFile == after.label ? after.document : (report.anchorFile == before.label ? before.document : nil)
        let pointers = report.findings.map(\.pointer) + report.accepted.map(\.finding.pointer)
        return Evaluation(report: report, anchorLines: anchor?.lines(of: pointers) ?? [:], old: before.document, new: after.document)
    }
}

/// Policy flags on top of accord.yaml's `policy:`.
struct PolicyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Fail (exit 1) on findings at or above: breaking, potentially-breaking, review (also review findings of changed LLM-facing text), any, never. Default: the policy's fail-on (breaking).", valueName: "level"))
    var failOn: FailOn?

    @Flag(help: "Count potentially breaking changes as breaking.")
    var strict = false

    func policy(config: String?) throws -> Policy {
        try policy(from: AccordConfiguration.load(path: config))
    }

    func policy(from configuration: AccordConfiguration) -> Policy {
        var policy = configuration.policy
        if strict { policy.strict = true }
        if let failOn { policy.failOn = failOn }
        return policy
    }
}
