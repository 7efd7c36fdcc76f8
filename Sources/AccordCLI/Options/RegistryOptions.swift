import AccordRegistry
import ArgumentParser

/// `--registry URL`, else `registry:` in accord.yaml: where contracts, verification results and
/// deployments are published (docs/registry.md).
struct RegistryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The contract registry: a git URL or path (default: registry: in accord.yaml).", valueName: "url"))
    var registry: String?

    /// The registry to use, or nil when neither the flag nor the config names one.
    func url(_ configuration: AccordConfiguration) -> String? { registry ?? configuration.registry }

    /// The registry to use; a usage error naming both ways to give one when there is none.
    func requiredURL(_ configuration: AccordConfiguration) throws -> String {
        guard let url = url(configuration) else {
            throw UsageError("no registry: pass --registry URL or set registry: in \(configuration.file ?? AccordConfiguration.defaultFileName)")
        }
        return url
    }

    /// Runs `body` on the registry (its scratch repository removed afterwards).
    func with<Result: Sendable>(_ configuration: AccordConfiguration, _ body: (Registry) async throws -> Result) async throws -> Result {
        try await RegistryRemote.with(try requiredURL(configuration)) { remote in try await body(Registry(remote)) }
    }
}
