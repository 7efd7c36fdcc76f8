import AccordJSON

/// What happened while `accord mock` stood in for a provider: the consumer's test verdict.
///
/// Every contract interaction with how often it answered a request, and every request no
/// interaction answered (grouped: the same request for the same reason is one entry with a
/// count). ``failed`` decides the exit code: any unexpected request fails; with
/// ``requireAll`` so does an interaction never called.
///
/// ```swift
/// let report = ledger.report()
/// report.neverCalled.map(\.interaction)   // ["record a card payment"]
/// report.failed                           // true when a request was unexpected
/// ```
public struct MockReport: Sendable, Equatable {
    /// One contract interaction and its use.
    public struct InteractionUse: Sendable, Equatable {
        /// The contract file, e.g. `contracts/billing-agent.yaml`.
        public var file: String
        public var consumer: String
        /// The interaction's `name:`.
        public var interaction: String
        /// Its line in ``file``.
        public var line: Int?
        /// `tools/call`, `resources/read` or `prompts/get`.
        public var method: String
        /// The tool or prompt name, or the resource URI.
        public var target: String
        /// Its `given:` provider state.
        public var state: String?
        /// Requests it answered.
        public var calls: Int

        public init(file: String, consumer: String, interaction: String, line: Int?, method: String, target: String, state: String?, calls: Int = 0) {
            self.file = file
            self.consumer = consumer
            self.interaction = interaction
            self.line = line
            self.method = method
            self.target = target
            self.state = state
            self.calls = calls
        }

        public var exercised: Bool { calls > 0 }
    }

    /// A request that no interaction answered.
    public struct UnexpectedRequest: Sendable, Equatable {
        public var method: String
        /// The tool or prompt name, or the URI, when the method has one.
        public var target: String?
        /// The arguments sent (`tools/call`, `prompts/get`).
        public var arguments: JSONValue?
        /// Why nothing matched — the message the client got, naming the closest interaction.
        public var reason: String
        /// How many times this exact request got this answer.
        public var count: Int
        /// The interaction the reason names as closest, if any: where to look in the contracts.
        public var closest: ClosestInteraction?

        public init(method: String, target: String?, arguments: JSONValue?, reason: String, count: Int = 1, closest: ClosestInteraction? = nil) {
            self.method = method
            self.target = target
            self.arguments = arguments
            self.reason = reason
            self.count = count
            self.closest = closest
        }
    }

    /// Where the interaction closest to an unexpected request is written.
    public struct ClosestInteraction: Sendable, Equatable {
        public var file: String
        public var interaction: String
        public var line: Int?

        public init(file: String, interaction: String, line: Int?) {
            self.file = file
            self.interaction = interaction
            self.line = line
        }
    }

    /// The provider as the snapshot names it (`serverInfo.name`), and its version.
    public var provider: String
    public var providerVersion: String?
    /// Where the definitions came from (the snapshot file or server name).
    public var snapshot: String
    /// `stdio` or the URL served.
    public var endpoint: String
    /// `--require-all`: an interaction never called fails the run.
    public var requireAll: Bool
    /// Sessions served (stdio: 1; HTTP: one per `Mcp-Session-Id`, plus stateless requests).
    public var sessions: Int
    /// Every interaction of every contract served, in contract and file order.
    public var interactions: [InteractionUse]
    /// In the order first seen.
    public var unexpected: [UnexpectedRequest]

    public init(provider: String, providerVersion: String?, snapshot: String, endpoint: String, requireAll: Bool,
                sessions: Int, interactions: [InteractionUse], unexpected: [UnexpectedRequest]) {
        self.provider = provider
        self.providerVersion = providerVersion
        self.snapshot = snapshot
        self.endpoint = endpoint
        self.requireAll = requireAll
        self.sessions = sessions
        self.interactions = interactions
        self.unexpected = unexpected
    }

    public var exercised: [InteractionUse] { interactions.filter(\.exercised) }
    public var neverCalled: [InteractionUse] { interactions.filter { !$0.exercised } }
    /// Unexpected requests, counting repeats.
    public var unexpectedCount: Int { unexpected.reduce(0) { $0 + $1.count } }

    /// The consumer's verdict: an unexpected request, or with ``requireAll`` an interaction
    /// never called.
    public var failed: Bool { !unexpected.isEmpty || (requireAll && !neverCalled.isEmpty) }

    /// One line: `3 of 8 interactions exercised, 5 never called, 1 unexpected request`.
    public var summary: String {
        let requests = unexpectedCount
        return "\(exercised.count) of \(interactions.count) interaction\(interactions.count == 1 ? "" : "s") exercised, "
            + "\(neverCalled.count) never called, \(requests) unexpected request\(requests == 1 ? "" : "s")"
    }
}
