import AccordContracts

/// A synthesised contract: its text (what is written) and its parsed form (proof that it reads
/// back), with counts for the summary line.
public struct RecordedContract: Sendable {
    public var yaml: String
    public var contract: Contract
    /// Calls (`tools/call`, `resources/read`, `prompts/get`) observed, answered or not.
    public var observedCalls: Int
    /// Interaction names whose arguments hold matchers (secrets, generated values): live
    /// verification needs concrete values put back there.
    public var interactionsWithArgumentMatchers: [String]
    /// Whether the session ended before the client did (the upstream server exited).
    public var incomplete: Bool
}
