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
              accord check                    # the CI gate: everything in accord.yaml
              accord snapshot demo            # capture a server from accord.yaml
              accord snapshot --url http://127.0.0.1:8000/mcp -o snapshots/api.json
              accord diff snapshots/demo.json snapshots/demo-v2.json --contracts contracts
              accord bump snapshots/demo.json snapshots/demo-v2.json
              accord verify --against snapshots/demo.json
              accord verify --server demo --report junit=contracts.xml
              accord can-i-deploy --snapshot snapshots/demo-v2.json
              accord contract init --consumer my-agent \\
                --snapshot snapshots/demo.json --tool get_invoice
              accord rules --format markdown
              accord review snapshots/demo.json
              accord record --consumer my-agent -o contracts/my-agent.yaml \\
                -- accord-demo-server
              accord mock contracts/billing-agent.yaml --snapshot snapshots/demo.json
              accord probe demo --invalid     # does the server honour its own schemas?

            \(ExitStatus.reference)
            """,
        version: AccordVersion.current,
        subcommands: [
            CheckCommand.self, SnapshotCommand.self, DiffCommand.self, BumpCommand.self, VerifyCommand.self, CanIDeployCommand.self,
            ContractCommand.self, RulesCommand.self, ReviewCommand.self,
            PublishCommand.self, RecordDeploymentCommand.self, RegistryCommand.self,
            ReportCommand.self,
            RecordCommand.self,
            MockCommand.self,
            ProbeCommand.self,
        ]
    )

    public init() {}
}
