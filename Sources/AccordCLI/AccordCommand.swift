import AccordMCP
import ArgumentParser

/// The root `accord` command.
public struct AccordCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "accord",
        abstract: "Contract testing and schema evolution for MCP servers.",
        discussion: """
            Accord captures what an MCP server offers, classifies every change between two \
            versions as breaking or not, and verifies consumer contracts.

            EXAMPLES:
              accord snapshot demo                 # capture the demo server from accord.yaml
              accord snapshot --url http://127.0.0.1:8000/mcp -o snapshots/api.json
              accord diff snapshots/demo.json snapshots/demo-v2.json
              accord bump snapshots/demo.json snapshots/demo-v2.json
              accord rules --format markdown

            \(ExitStatus.reference)
            """,
        version: AccordVersion.current,
        subcommands: [SnapshotCommand.self, DiffCommand.self, BumpCommand.self, RulesCommand.self]
    )

    public init() {}
}
