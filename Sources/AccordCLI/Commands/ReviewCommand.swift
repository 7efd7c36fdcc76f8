import AccordEvolution
import AccordJSON
import AccordReport
import ArgumentParser

/// `accord review FILE|SERVER`: review the LLM-facing text of one snapshot or live server.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a snapshot's or live server's LLM-facing text for tool poisoning.",
        discussion: """
            Reads every text a model is shown — tool, prompt, argument and resource titles and \
            descriptions, server instructions, every title and description inside input and \
            output schemas — and reports hidden characters (Unicode tag, zero-width, bidi \
            controls), instruction-like text aimed at the model (a versioned pattern list: \
            ignore previous instructions, <IMPORTANT> blocks, do not tell the user, reading \
            ~/.ssh or .env…), instructions about other tools or servers (shadowing), and — \
            informational — URLs and plain references to other tools. Offending text is quoted \
            with hidden characters shown as \\u{…} escapes. Rules and patterns: docs/review.md.

            The target is a snapshot file (or git:REF:PATH), a server name from accord.yaml \
            (or --mcp-config, also as --server NAME), or a live server: --url URL or -- COMMAND. \
            The policy's severity overrides and accept entries apply; --fail-on defaults to \
            review here (every diff also runs these rules on the text it changed, where the \
            default stays the policy's fail-on).

            EXAMPLES:
              accord review snapshots/demo.json
              accord review demo --format markdown > review.md
              accord review --url http://127.0.0.1:8000/mcp --report sarif=review.sarif
              accord review -- uvx mcp-server-fetch
              accord review snapshots/api.json --fail-on never      # report only

            Exit status: 0 when no finding reaches --fail-on (default review), 1 when one does, \
            2 for bad input, 3 when a live server fails.
            """
    )

    @Argument(help: ArgumentHelp("A snapshot file (or git:REF:PATH) or a server name from accord.yaml.", valueName: "file|server"))
    var target: String?

    @Option(help: ArgumentHelp("Review this server from accord.yaml (or --mcp-config), captured live.", valueName: "name"))
    var server: String?

    @Option(help: ArgumentHelp("Fail (exit 1) on findings at or above: review (default), breaking, potentially-breaking, any, never.", valueName: "level"))
    var failOn: FailOn = .review

    @OptionGroup(title: "Server")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Client")
    var client: ClientOptionGroup

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    @OptionGroup(title: "Report")
    var report: ReportOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("After --: the command that starts a stdio server, with its arguments.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        let targets = [target != nil, server != nil, serverOptions.url != nil || !command.isEmpty].filter { $0 }.count
        guard targets == 1 else {
            throw ValidationError(targets == 0 ? "say what to review: a snapshot FILE, a SERVER name, --url URL or -- COMMAND"
                                               : "review one target: a snapshot FILE, a SERVER name, --url URL or -- COMMAND")
        }
    }

    func run() async throws {
        let resolver = SnapshotSourceResolver(server: serverOptions, client: client, command: command, verbose: verbosity.verbose, quiet: verbosity.quiet)
        let loaded = try await resolver.load(target ?? server ?? "live")
        var policy = try AccordConfiguration.load(path: serverOptions.config).policy
        policy.failOn = failOn
        let snapshot = loaded.snapshot()
        let result = Review.review(snapshot, source: loaded.label, policy: policy)
        let pointers = result.findings.map(\.pointer) + result.accepted.map(\.finding.pointer)
        try report.emit(result, anchorLines: result.subject.filePath == nil ? [:] : snapshot.lines(of: pointers))
        if result.failed { throw CommandFailure(.findings) }
    }
}
