/// Which part of a sharded gate a check report covers (`accord check --shard I/N`): shard
/// ``index`` of ``count``, and every server of the whole gate, so that `accord report merge`
/// can tell whether the shards it is given add up and put their servers back in the order an
/// unsharded `accord check` reports them.
///
/// ```swift
/// CheckShard(index: 1, count: 3, gate: ["billing", "demo", "search"])
/// // written as "shard": {"count": 3, "gate": ["billing", "demo", "search"], "index": 1}
/// ```
public struct CheckShard: Sendable, Equatable, Hashable {
    /// 1-based: 1 ≤ index ≤ count.
    public var index: Int
    /// How many shards the gate was split into.
    public var count: Int
    /// Every server of the whole gate over all shards (accord.yaml's, narrowed by `--server`),
    /// in the order `accord check` reports them.
    public var gate: [String]

    public init(index: Int, count: Int, gate: [String]) {
        self.index = index
        self.count = count
        self.gate = gate
    }

    /// "2/3".
    public var label: String { "\(index)/\(count)" }
}
