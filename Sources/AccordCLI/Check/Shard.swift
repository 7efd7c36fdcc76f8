import AccordReport

/// `accord check --shard I/N`: shard `index` of `count` (1-based) of the gate's servers, so a
/// CI matrix of N jobs checks every server exactly once.
///
/// The split is round-robin over the server names sorted by their UTF-8 bytes: the k-th name
/// in that order (0-based) belongs to shard k mod N + 1. It depends on the set of names only —
/// not on the order of servers in accord.yaml, the machine or the locale — and shard sizes
/// differ by at most one (a hash of the names could leave one shard with most of them when N is
/// small). Adding a server may move others to another shard; each run splits its own gate.
///
/// ```swift
/// let shard = try Shard(parsing: "2/3")
/// shard.select(["search", "billing", "demo", "time"])   // ["demo"]: billing 1, demo 2, search 3, time 1
/// ```
struct Shard: Sendable, Equatable {
    let index: Int
    let count: Int

    /// Parses `I/N` with 1 ≤ I ≤ N.
    /// - Throws: ``UsageError`` saying what is wrong with `text`.
    init(parsing text: String) throws(UsageError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw UsageError("--shard \(text): expected I/N, e.g. --shard 1/3 (shard 1 of 3)")
        }
        guard count >= 1 else { throw UsageError("--shard \(text): the shard count N must be at least 1") }
        guard (1...count).contains(index) else { throw UsageError("--shard \(text): the shard index I must be between 1 and \(count)") }
        self.index = index
        self.count = count
    }

    /// The names of `names` that belong to this shard, in the order given.
    func select(_ names: [String]) -> [String] {
        let sorted = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let mine = Set(sorted.enumerated().filter { $0.offset % count == index - 1 }.map(\.element))
        return names.filter(mine.contains)
    }

    /// What the report records: this shard of `gate`, every server over all shards.
    func record(gate: [String]) -> CheckShard { CheckShard(index: index, count: count, gate: gate) }

    /// "2/3".
    var label: String { "\(index)/\(count)" }
}
