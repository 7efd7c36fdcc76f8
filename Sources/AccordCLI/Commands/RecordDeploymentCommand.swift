import AccordRegistry
import ArgumentParser

/// `accord record-deployment`: a deploy job records what now runs in an environment.
struct RecordDeploymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-deployment",
        abstract: "Record in the registry that a participant's version is deployed in an environment.",
        discussion: """
            Run it from the deploy job once the deployment succeeded, for providers and \
            consumers alike: accord can-i-deploy --to-environment answers from these \
            records. --undeploy records that the version no longer runs there. Each \
            participant's record in each environment is a ref of its own with its history \
            (docs/registry.md), so deploy jobs never race each other.

            EXAMPLES:
              accord record-deployment --participant ledgerly --version 1.0.0 \\
                --environment production
              accord record-deployment --participant billing-agent --version 1.4.0 \\
                --environment production --undeploy

            Exit status: 0 recorded (or already so), 2 bad input (a name; --undeploy of a \
            version that is not deployed), 3 the registry cannot be reached or updated.
            """
    )

    @Option(help: ArgumentHelp("The provider or consumer that was deployed.", valueName: "name"))
    var participant: String

    @Option(help: ArgumentHelp("Its version.", valueName: "version"))
    var version: String

    @Option(help: ArgumentHelp("The environment (production, staging…).", valueName: "name"))
    var environment: String

    @Flag(help: "Record that this version is no longer deployed there.")
    var undeploy = false

    @OptionGroup(title: "Registry")
    var registryOptions: RegistryOptions

    @Option(help: ArgumentHelp("The config file (for its registry:).", valueName: "path"))
    var config: String?

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    func run() async throws {
        let configuration = try AccordConfiguration.load(path: config)
        let changed = try await registryOptions.with(configuration) { registry in
            try await registry.recordDeployment(participant: participant, version: version, environment: environment, undeploy: undeploy)
        }
        let what = undeploy ? "undeployed \(participant) \(version) from \(environment)" : "\(participant) \(version) deployed in \(environment)"
        Console.note(changed ? "recorded: \(what)" : "already recorded: \(what)", quiet: verbosity.quiet)
    }
}
