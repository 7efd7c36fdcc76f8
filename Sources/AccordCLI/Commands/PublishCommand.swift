import AccordRegistry
import AccordYAML
import ArgumentParser
import Foundation

/// `accord publish`: a consumer's CI publishes its contracts to the registry.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish consumer contracts to the contract registry (a git repository).",
        discussion: """
            Publishes each contract file as --consumer-version of its consumer, from --branch, \
            to the registry (--registry URL or registry: in accord.yaml): one commit per \
            contract on the ref of its provider–consumer pair (docs/registry.md). Publishing \
            the same text again is a no-op (from another branch it adds the branch); a \
            different text under a version already published is refused unless --force.

            EXAMPLES:
              accord publish contracts/billing-agent.yaml --consumer-version 1.4.0 \\
                --registry git@github.com:acme/contracts.git
              accord publish contracts/*.yaml --consumer-version "$GIT_SHA" \\
                --branch "$BRANCH"

            Exit status: 0 published (or unchanged), 2 bad input (a contract file, a name, \
            a different text under a published version), 3 the registry cannot be reached \
            or updated.
            """
    )

    @Argument(help: ArgumentHelp("The contract files to publish.", valueName: "contract"))
    var contracts: [String]

    @Option(help: ArgumentHelp("The consumer's version these contracts belong to (a release or commit).", valueName: "version"))
    var consumerVersion: String

    @Option(help: ArgumentHelp("The consumer's branch they come from.", valueName: "name"))
    var branch: String = "main"

    @Flag(help: "Replace a published version's contract with a different text.")
    var force = false

    @OptionGroup(title: "Registry")
    var registryOptions: RegistryOptions

    @Option(help: ArgumentHelp("The config file (for its registry:).", valueName: "path"))
    var config: String?

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    func validate() throws {
        if contracts.isEmpty { throw ValidationError("name the contract files to publish") }
    }

    func run() async throws {
        let configuration = try AccordConfiguration.load(path: config)
        // Every file is read before anything is published: a bad file publishes nothing.
        var texts: [(file: String, text: String)] = []
        for file in contracts {
            guard let data = FileManager.default.contents(atPath: file) else { throw InputFileError(file: file, reason: "no such file") }
            texts.append((file, String(decoding: data, as: UTF8.self)))
        }
        let outcomes = try await registryOptions.with(configuration) { registry in
            var outcomes: [Registry.Published] = []
            for (file, text) in texts {
                outcomes.append(try await registry.publish(text, file: file, consumerVersion: consumerVersion, branch: branch, force: force))
            }
            return outcomes
        }
        for outcome in outcomes {
            Console.note("\(outcome.change.rawValue): \(outcome.consumer) \(outcome.consumerVersion) for \(outcome.provider) (\(branch), \(outcome.contentHash.prefix(15))…)", quiet: verbosity.quiet)
        }
    }
}
