import AccordContracts
import AccordJSON

/// One contract interaction ready to answer: where it was written and the reply it gives,
/// built once at start-up (so a contract that cannot produce a valid reply stops the mock
/// before any client connects).
public struct PreparedInteraction: Sendable, Equatable {
    /// Its position among all interactions served (the ledger's key).
    public var index: Int
    public var interaction: Interaction
    public var file: String
    public var consumer: String
    /// The interaction's line in ``file``.
    public var line: Int?
    /// The result object sent for a matching request.
    public var reply: JSONValue

    /// The tool or prompt name, or the URI, that a request must name.
    public var target: String {
        switch interaction.call {
        case .callTool(let name, _), .getPrompt(let name, _): name
        case .readResource(let uri): uri
        }
    }

    /// The arguments a request must send (equal, or satisfying matchers written there).
    public var arguments: JSONValue? {
        switch interaction.call {
        case .callTool(_, let arguments): arguments
        case .getPrompt(_, let arguments): .object(arguments.mapValues { .string($0) })
        case .readResource: nil
        }
    }

    /// `"fetch a paid invoice" (contracts/billing-agent.yaml:31)`.
    public var label: String { "\"\(interaction.name)\" (\(file)\(line.map { ":\($0)" } ?? ""))" }
}
