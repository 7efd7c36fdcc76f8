import AccordRegistry
import AccordReport
import ArgumentParser

/// `accord registry list|show`: the registry's contents for people.
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Show what the contract registry holds: contracts, verification results, deployments.",
        subcommands: [List.self, Show.self]
    )

    /// Options both subcommands take.
    struct Common: ParsableArguments {
        @OptionGroup(title: "Registry")
        var registryOptions: RegistryOptions

        @Option(help: ArgumentHelp("The config file (for its registry:).", valueName: "path"))
        var config: String?

        @Option(help: ArgumentHelp("Output format: text or json.", valueName: "format"))
        var format: ListingFormat = .text

        enum ListingFormat: String, CaseArgument { case text, json }

        func print(provider: String?, consumer: String?, environment: String?, detailed: Bool) async throws {
            let configuration = try AccordConfiguration.load(path: config)
            let listing = try await registryOptions.with(configuration) { registry in
                let pairs = environment != nil && provider == nil ? [] : try await registry.pairs(provider: provider).filter { consumer == nil || $0.consumer == consumer }
                let deployments = provider != nil && environment == nil ? [] : try await registry.deployments(environment: environment)
                return RegistryListing(registry: registry.remote.display, pairs: pairs, deployments: deployments, detailed: detailed)
            }
            Console.out(format == .json ? listing.json : listing.text)
        }
    }

    struct List: AsyncParsableCommand {
        // Named explicitly: ArgumentParser derives a missing name from String(describing: Self.self),
        // whose runtime conformance look-ups cost every accord command ~1 ms at start.
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List each provider's consumers (newest contract, its verdicts) and each environment's deployments.",
            discussion: """
                EXAMPLES:
                  accord registry list --registry ../contracts.git
                  accord registry list --provider ledgerly --format json

                Exit status: 0 listed, 2 bad input, 3 the registry cannot be reached.
                """
        )

        @Option(help: ArgumentHelp("Only this provider's contracts.", valueName: "name"))
        var provider: String?

        @OptionGroup var common: Common

        func run() async throws {
            try await common.print(provider: provider, consumer: nil, environment: nil, detailed: false)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show every published version and verdict of a provider (and consumer), or an environment's history.",
            discussion: """
                EXAMPLES:
                  accord registry show --provider ledgerly --consumer billing-agent
                  accord registry show --environment production

                Exit status: 0 shown, 2 bad input, 3 the registry cannot be reached.
                """
        )

        @Option(help: ArgumentHelp("The provider.", valueName: "name"))
        var provider: String?

        @Option(help: ArgumentHelp("Only this consumer of the provider.", valueName: "name"))
        var consumer: String?

        @Option(help: ArgumentHelp("An environment: its deployments with their history.", valueName: "name"))
        var environment: String?

        @OptionGroup var common: Common

        func validate() throws {
            if provider == nil, environment == nil { throw ValidationError("name what to show: --provider NAME (and --consumer NAME) or --environment NAME") }
            if consumer != nil, provider == nil { throw ValidationError("--consumer needs --provider") }
        }

        func run() async throws {
            try await common.print(provider: provider, consumer: consumer, environment: environment, detailed: true)
        }
    }
}
