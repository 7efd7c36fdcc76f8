import AccordContracts
import AccordMCP
import AccordSnapshot

/// A running provider to verify contracts against: how to reach it, what to call it in
/// reports, and its provider-state hook (from `provider-states:` in accord.yaml).
struct ProviderTarget {
    var endpoint: ServerEndpoint
    /// Safe to print: the configured name, the URL or the command line.
    var label: String
    /// The name in accord.yaml, when it came from there.
    var configuredName: String?
    var hook: ProviderStateHook?

    /// Captures the provider and verifies the contracts `contracts` selects for it, in one
    /// session whose waits are each bounded by the client timeout (a long run of interactions
    /// is not cut off as a whole).
    func verify(client: ClientOptions, selecting select: @escaping @Sendable (Snapshot) -> [Contract]) async throws -> LiveContractRun {
        var options = client
        options.limitsWholeSession = false
        let hook = self.hook
        return try await MCPSession.with(endpoint, options: options) { session in
            try await LiveContractRun.verify(session: session, hook: hook, selecting: select)
        }
    }
}

extension EndpointResolver {
    /// The provider named by a configured name, `--url` or `-- COMMAND`.
    func providerTarget(name: String?, command: [String]) throws -> ProviderTarget {
        let resolved = try resolve(name: name, command: command)
        return ProviderTarget(endpoint: resolved.endpoint, label: resolved.label, configuredName: resolved.name,
                              hook: resolved.definition.flatMap(Self.hook(of:)))
    }

    /// A configured server as a provider.
    func providerTarget(for definition: ServerDefinition) throws -> ProviderTarget {
        ProviderTarget(endpoint: try endpoint(for: definition), label: definition.name, configuredName: definition.name, hook: Self.hook(of: definition))
    }

    static func hook(of definition: ServerDefinition) -> ProviderStateHook? {
        definition.providerStates.map { states in
            ProviderStateHook(command: states.command, workingDirectory: states.workingDirectory,
                              timeout: .milliseconds(Int64(states.timeoutSeconds * 1000)))
        }
    }
}
