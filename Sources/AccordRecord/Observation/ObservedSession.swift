import AccordJSON
import AccordMCP
import AccordSnapshot

/// Everything the proxy saw of one session, in the order it happened: the server's hello, the
/// definitions its list replies carried, and every call with its outcome. The synthesiser's
/// input; nothing here has been scrubbed yet.
public struct ObservedSession: Sendable, Equatable {
    /// From the `initialize` result (handshake era) or the `server/discover` result (modern era).
    public var hello: ServerHello?
    /// Definitions from `tools/list`, `resources/list`, `resources/templates/list`,
    /// `prompts/list` replies (every page), first occurrence of each identity kept.
    public var definitions: [DefinitionKind: [JSONValue]] = [:]
    /// Which list methods were answered (a list that was never asked for is unknown, not empty).
    public var listed: Set<DefinitionKind> = []
    /// Each distinct call and outcome once, in first-seen order: an agent that polls the same
    /// call for hours keeps one entry, not thousands.
    public var exchanges: [ObservedExchange] = []
    /// Calls observed, repeats included.
    public var callCount = 0

    /// Calls observed: ``callCount``, or the exchanges for a session built by hand.
    public var observedCalls: Int { max(callCount, exchanges.count) }

    public init(hello: ServerHello? = nil, definitions: [DefinitionKind: [JSONValue]] = [:], listed: Set<DefinitionKind> = [], exchanges: [ObservedExchange] = []) {
        self.hello = hello
        self.definitions = definitions
        self.listed = listed
        self.exchanges = exchanges
    }

    /// The definition of tool `name`, if a `tools/list` reply carried it.
    public func tool(_ name: String) -> JSONValue? {
        definitions[.tool]?.first { $0["name"]?.stringValue == name }
    }
}

/// One `tools/call`, `resources/read` or `prompts/get` and how the server answered it.
public struct ObservedExchange: Sendable, Hashable {
    public enum Call: Sendable, Hashable {
        case callTool(name: String, arguments: JSONValue)
        case readResource(uri: String)
        case getPrompt(name: String, arguments: JSONValue)
    }

    public enum Outcome: Sendable, Hashable {
        case result(JSONValue)
        case error(code: Int)
    }

    public var call: Call
    public var outcome: Outcome

    public init(call: Call, outcome: Outcome) {
        self.call = call
        self.outcome = outcome
    }

    /// The call as a request's method and params, or nil when it is none of the recorded kinds.
    init?(method: String, params: JSONValue?, outcome: Outcome) {
        switch method {
        case "tools/call":
            guard let name = params?["name"]?.stringValue else { return nil }
            call = .callTool(name: name, arguments: params?["arguments"] ?? .object([:]))
        case "resources/read":
            guard let uri = params?["uri"]?.stringValue else { return nil }
            call = .readResource(uri: uri)
        case "prompts/get":
            guard let name = params?["name"]?.stringValue else { return nil }
            call = .getPrompt(name: name, arguments: params?["arguments"] ?? .object([:]))
        default:
            return nil
        }
        self.outcome = outcome
    }
}
