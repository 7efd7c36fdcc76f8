import AccordContracts
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

            With --contracts DIR, every finding names the consumers whose contracts it breaks \
            (a check that passes on the old side and fails on the new one, about what the \
            finding changed), or says that no known consumer is affected.

            EXAMPLES:
              accord diff snapshots/demo.json snapshots/demo-v2.json
              accord diff snapshots/demo.json demo --format markdown > pr-comment.md
              accord diff snapshots/api.json live --url http://127.0.0.1:8000/mcp \\
                --report sarif=accord.sarif
              accord diff old.json new.json --fail-on potentially-breaking \\
                --report junit=diff.xml
              accord diff snapshots/demo.json snapshots/demo-v2.json --contracts contracts

            Exit status: 0 when no finding reaches fail-on, 1 when one does, 2 for bad input, 3 when a live server fails.
            """
    )

    @OptionGroup
    var input: ComparisonInput

    @Option(help: ArgumentHelp("Consumer contracts: name, for every finding, the consumers it breaks.", valueName: "dir"))
    var contracts: String?

    @OptionGroup(title: "Report")
    var report: ReportOptions

    func run() async throws {
        var evaluation = try await input.evaluate()
        if let contracts {
            let set = try ContractSet.load(files: [], folder: contracts, configuration: AccordConfiguration())
            let consumers = set.naming([evaluation.old.header.serverName, evaluation.new.header.serverName])
            ConsumerImpact.annotate(&evaluation.report, contracts: consumers, old: evaluation.old.snapshot(), new: evaluation.new.snapshot())
        }
        try report.emit(evaluation.report, anchorLines: evaluation.anchorLines)
        if evaluation.report.failed { throw CommandFailure(.findings) }
    }
}
