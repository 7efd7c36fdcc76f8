import AccordContracts
import AccordRegistry
import AccordReport
import AccordSnapshot
import ArgumentParser

/// `accord can-i-deploy`: may this version of the server ship, given every consumer's contract?
struct CanIDeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can-i-deploy",
        abstract: "Answer yes or no: may this version be deployed, given its counterparts' contracts?",
        discussion: """
            With --snapshot: verifies every contract in the contracts folder that names the \
            snapshot's provider (serverInfo.name) statically against the snapshot, and answers \
            YES (exit 0) or NO (exit 1) with the failed checks as the reasons. Pending \
            contracts are reported but never answer NO.

            With --participant, --version and --to-environment: answers from the registry \
            (docs/registry.md). YES only when every counterpart deployed in the environment \
            has a passing verification with this version, both ways: as a provider, against \
            the contract version of each deployed consumer; as a consumer, this version's \
            contract against each deployed provider version. The answer names each pair; a \
            pending contract (never passed with the provider) does not block the provider.

            EXAMPLES:
              accord can-i-deploy --snapshot snapshots/demo.json
              accord can-i-deploy --snapshot release/ledgerly-2.0.0.json \\
                --contracts ../consumers/contracts --format markdown
              accord can-i-deploy --participant ledgerly --version 2.0.0 \\
                --to-environment production --registry ../contracts.git

            Exit status: 0 yes, 1 no, 2 bad input (snapshot, contract file or flag), 3 the \
            registry cannot be reached.
            """
    )

    @Option(help: ArgumentHelp("The snapshot of the version to deploy (static verification).", valueName: "file"))
    var snapshot: String?

    @Option(help: ArgumentHelp("The provider or consumer to deploy (answer from the registry).", valueName: "name"))
    var participant: String?

    @Option(help: ArgumentHelp("Its version.", valueName: "version"))
    var version: String?

    @Option(name: .customLong("to-environment"), help: ArgumentHelp("The environment to deploy to.", valueName: "name"))
    var environment: String?

    @OptionGroup(title: "Registry")
    var registryOptions: RegistryOptions

    @OptionGroup(title: "Contracts")
    var contractOptions: ContractOptions

    @Option(help: ArgumentHelp("The config file (for its contracts: folder).", valueName: "path"))
    var config: String?

    @OptionGroup(title: "Report")
    var report: ReportOptions

    func validate() throws {
        let registryMode = [participant, version, environment].contains { $0 != nil }
        if registryMode, snapshot != nil { throw ValidationError("ask about a snapshot (--snapshot) or a deployment (--participant, --version, --to-environment), not both") }
        if registryMode, participant == nil || version == nil || environment == nil {
            throw ValidationError("a deployment question needs --participant NAME, --version V and --to-environment ENV")
        }
        if !registryMode, snapshot == nil { throw ValidationError("ask about a snapshot (--snapshot FILE) or a deployment (--participant, --version, --to-environment)") }
    }

    func run() async throws {
        let configuration = try AccordConfiguration.load(path: config)
        guard let snapshot else {
            let (participant, version, environment) = (participant!, version!, environment!)
            let decision = try await registryOptions.with(configuration) { registry in
                _ = try RegistryName.validate(participant, as: .participant)
                let environmentName = try RegistryName.validate(environment, as: .environment)
                let pairs = try await registry.pairs(involving: participant)
                let deployments = try await registry.deployments(environment: environmentName)
                return DeploymentDecision.decide(participant: participant, version: version, environment: environmentName,
                                                 registry: registry.remote.display, pairs: pairs, deployments: deployments)
            }
            try report.emit(decision)
            if !decision.allowed { throw CommandFailure(.findings) }
            return
        }
        let set = try ContractSet.load(files: [], folder: contractOptions.contracts, configuration: configuration)
        let verification = try set.verifyStatically(against: await SnapshotArgument.read(snapshot), target: snapshot, purpose: .canIDeploy).report
        try report.emit(verification)
        if verification.failed { throw CommandFailure(.findings) }
    }
}
