import AccordContracts

/// How `accord probe` exercises a server: how many calls per tool, from which seed, whether
/// invalid arguments are sent too, whether tools that may write are called, and which provider
/// states are set up first.
///
/// ```swift
/// var options = ProbeOptions(seed: 42, callsPerTool: 10)
/// options.invalid = true                       // also send arguments the schema rejects
/// options.states = [ProviderState(state: "two invoices exist")]
/// ```
public struct ProbeOptions: Sendable, Equatable {
    /// Fixes every generated argument: the same seed and server give the same calls.
    public var seed: UInt64
    /// Calls with valid arguments per tool (and as many with invalid ones under ``invalid``).
    public var callsPerTool: Int
    /// Also send arguments the inputSchema rejects, expecting a tool error.
    public var invalid: Bool
    /// Call tools whose effective `readOnlyHint` is not `true` (they may change the world).
    public var allowWrites: Bool
    /// Provider states the hook sets up before the first call, in order.
    public var states: [ProviderState]

    public static let defaultSeed: UInt64 = 1
    public static let defaultCallsPerTool = 5

    public init(seed: UInt64 = defaultSeed, callsPerTool: Int = defaultCallsPerTool, invalid: Bool = false, allowWrites: Bool = false,
                states: [ProviderState] = []) {
        self.seed = seed
        self.callsPerTool = callsPerTool
        self.invalid = invalid
        self.allowWrites = allowWrites
        self.states = states
    }
}
