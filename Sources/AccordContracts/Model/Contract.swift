import AccordJSON

/// What one consumer relies on from one provider: the parsed form of a contract file.
///
/// ```swift
/// let contract = try ContractFile.load("contracts/billing-agent.yaml")
/// let verification = StaticVerifier.verify(contract, against: snapshot)
/// ```
public struct Contract: Sendable, Equatable {
    /// The contract format this file is written in (`accord-contract: 1`).
    public static let formatVersion = 1

    public var consumer: String
    /// The provider's `serverInfo.name`.
    public var provider: String
    /// Reported but never failing until it has passed once (see ``VerificationRecord``).
    public var pending: Bool
    public var tools: [ToolExpectation]
    public var prompts: [PromptExpectation]
    public var resources: [ResourceExpectation]
    public var resourceTemplates: [ResourceTemplateExpectation]
    public var interactions: [Interaction]
    /// Where the contract came from (a path, or a label for text parsed in memory).
    public var file: String
    /// `sha256:<hex>` of the file's bytes; what a ``VerificationRecord`` stores.
    public var contentHash: String
    /// The line in ``file`` of each expectation, by the id of the check it becomes (``CheckID``).
    public var lines: [String: Int] = [:]

    public init(
        consumer: String, provider: String, pending: Bool = false,
        tools: [ToolExpectation] = [], prompts: [PromptExpectation] = [],
        resources: [ResourceExpectation] = [], resourceTemplates: [ResourceTemplateExpectation] = [],
        interactions: [Interaction] = [], file: String = "<memory>", contentHash: String = ""
    ) {
        self.consumer = consumer
        self.provider = provider
        self.pending = pending
        self.tools = tools
        self.prompts = prompts
        self.resources = resources
        self.resourceTemplates = resourceTemplates
        self.interactions = interactions
        self.file = file
        self.contentHash = contentHash
    }

    /// `checks` with the line of each expectation in the contract file.
    func locating(_ checks: [VerificationCheck]) -> [VerificationCheck] {
        checks.map { check in
            var located = check
            located.line = lines[check.id]
            return located
        }
    }
}

/// A tool the consumer calls.
public struct ToolExpectation: Sendable, Equatable {
    public var name: String
    /// Argument sets the consumer sends; each must validate against the tool's inputSchema.
    public var examples: [JSONValue]
    /// structuredContent fields the consumer reads; each must be guaranteed by the outputSchema.
    public var reads: [JSONPointer]
    /// Annotation hints the consumer relies on (`readOnlyHint: true`), compared with the
    /// effective values (spec defaults applied).
    public var annotations: [String: Bool]

    public init(name: String, examples: [JSONValue] = [], reads: [JSONPointer] = [], annotations: [String: Bool] = [:]) {
        self.name = name
        self.examples = examples
        self.reads = reads
        self.annotations = annotations
    }
}

/// A prompt the consumer gets, with the argument names it passes.
public struct PromptExpectation: Sendable, Equatable {
    public var name: String
    public var arguments: [String]

    public init(name: String, arguments: [String] = []) {
        self.name = name
        self.arguments = arguments
    }
}

/// A fixed resource the consumer reads.
public struct ResourceExpectation: Sendable, Equatable {
    public var uri: String
    public init(uri: String) { self.uri = uri }
}

/// A resource template the consumer expands.
public struct ResourceTemplateExpectation: Sendable, Equatable {
    public var uriTemplate: String
    public init(uriTemplate: String) { self.uriTemplate = uriTemplate }
}

/// A provider state the interaction needs (`given:`), handed to the provider-state hook.
public struct ProviderState: Sendable, Equatable {
    public var state: String
    public var params: JSONValue

    public init(state: String, params: JSONValue = .object([:])) {
        self.state = state
        self.params = params
    }
}

/// The request an interaction makes.
public enum InteractionCall: Sendable, Equatable {
    case callTool(name: String, arguments: JSONValue)
    case readResource(uri: String)
    case getPrompt(name: String, arguments: [String: String])

    /// The MCP method (`tools/call`, `resources/read`, `prompts/get`).
    public var method: String {
        switch self {
        case .callTool: "tools/call"
        case .readResource: "resources/read"
        case .getPrompt: "prompts/get"
        }
    }

    /// The JSON-RPC params of the request.
    public var params: JSONValue {
        switch self {
        case .callTool(let name, let arguments): ["name": .string(name), "arguments": arguments]
        case .readResource(let uri): ["uri": .string(uri)]
        case .getPrompt(let name, let arguments): ["name": .string(name), "arguments": .object(arguments.mapValues { .string($0) })]
        }
    }
}

/// A named call with an optional provider state and the result it must produce.
public struct Interaction: Sendable, Equatable {
    public var name: String
    public var given: ProviderState?
    public var call: InteractionCall
    /// A matcher tree over the whole result object (`isError`, `structuredContent`, `content`,
    /// `contents`, `messages`…). For `tools/call` without an `isError` entry, `isError: false`
    /// is implied (see ``effectiveExpectation``).
    public var expect: Matcher?

    public init(name: String, given: ProviderState? = nil, call: InteractionCall, expect: Matcher? = nil) {
        self.name = name
        self.given = given
        self.call = call
        self.expect = expect
    }

    /// The expectation as it is applied: for `tools/call`, `isError: false` unless stated.
    public var effectiveExpectation: Matcher {
        guard case .callTool = call else { return expect ?? .object([:]) }
        let implied = Matcher.equals(.bool(false))
        switch expect {
        case nil: return .object(["isError": implied])
        case .object(var members)?:
            if members["isError"] == nil { members["isError"] = implied }
            return .object(members)
        case let other?: return other
        }
    }
}
