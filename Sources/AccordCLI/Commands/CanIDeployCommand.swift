import AccordContracts
import AccordReport
import AccordSnapshot
import ArgumentParser

/// `accord can-i-deploy`: may this version of the server ship, given every consumer's contract?
struct CanIDeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can-i-deploy",
        abstract: "Answer yes or no: does a server version honour every consumer contract?",
        discussion: """
            Verifies every contract in the contracts folder that names the snapshot's provider \
            (serverInfo.name) statically against the snapshot, and answers YES (exit 0) or NO \
            (exit 1) with the failed checks as the reasons. Pending contracts are reported but \
            never answer NO.

            EXAMPLES:
              accord can-i-deploy --snapshot snapshots/demo.json
              accord can-i-deploy --snapshot release/ledgerly-2.0.0.json \\
                --contracts ../consumers/contracts --format markdown

            Exit status: 0 yes, 1 no, 2 bad input (snapshot, contract file or flag).
            """
    )

    @Option(help: ArgumentHelp("The snapshot of the version to deploy.", valueName: "file"))
    var snapshot: String

    @OptionGroup(title: "Contracts")
    var contractOptions: ContractOptions

    @Option(help: ArgumentHelp("The config file (for its contracts: folder).", valueName: "path"))
    var config: String?

    @OptionGroup(title: "Report")
    var report: ReportOptions

    func run() async throws {
        let configuration = try AccordConfiguration.load(path: config)
        let set = try ContractSet.load(files: [], folder: contractOptions.contracts, configuration: configuration)
        let verification = try set.verifyStatically(against: await SnapshotArgument.read(snapshot), target: snapshot, purpose: .canIDeploy).report
        try report.emit(verification)
        if verification.failed { throw CommandFailure(.findings) }
    }
}
