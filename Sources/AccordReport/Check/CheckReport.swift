import AccordContracts
import AccordJSON
import AccordEvolution
import AccordProbe

/// The outcome of `accord check`, the CI gate: for each configured server, its live capture
/// compared with the committed baseline (policy and version check applied) and its contracts
/// verified. Renderers print it as one summary; the exit code comes from ``status``.
public struct CheckReport: Sendable, Equatable {
    /// One configured server's part of the gate.
    public struct ServerResult: Sendable, Equatable {
        /// The server's name in accord.yaml.
        public var server: String
        /// The committed baseline it is compared with (`snapshots/<server>.json`).
        public var baseline: String
        /// The comparison with the baseline; `nil` when the server could not be captured or has
        /// no baseline yet.
        public var diff: EvolutionReport?
        /// Its contracts, verified against the live server (expectations on the live
        /// definitions, interactions called); `nil` when no contract names this server.
        public var verification: VerificationReport?
        /// The server probed against its own schemas (`probe:` in accord.yaml); `nil` when not probed.
        public var probe: ProbeReport?
        /// Why the server could not be checked (start, connect, handshake, timeout…), safe to
        /// print; the gate then exits 3.
        public var error: String?
        /// No baseline exists yet: the gate fails until one is written with `--update`.
        public var baselineMissing: Bool
        /// `--update` wrote this server's baseline.
        public var baselineUpdated: Bool
        /// The line of each diff finding's pointer in the baseline file, for SARIF regions and
        /// annotation lines (a check's diff findings are located in the committed baseline).
        public var diffAnchorLines: [JSONPointer: Int]

        public init(server: String, baseline: String, diff: EvolutionReport? = nil, verification: VerificationReport? = nil,
                    error: String? = nil, baselineMissing: Bool = false, baselineUpdated: Bool = false,
                    diffAnchorLines: [JSONPointer: Int] = [:]) {
            self.server = server
            self.baseline = baseline
            self.diff = diff
            self.verification = verification
            self.error = error
            self.baselineMissing = baselineMissing
            self.baselineUpdated = baselineUpdated
            self.diffAnchorLines = diffAnchorLines
        }

        /// How this server came out of the gate.
        /// A rewritten baseline (`--update`) settles the diff; failing contracts still fail.
        public var status: Status {
            if error != nil { return .error }
            if verification?.failed == true || probe?.failed == true { return .failed }
            if baselineUpdated { return .passed }
            if baselineMissing || diff?.failed == true { return .failed }
            return .passed
        }
    }

    /// A server's (and the whole gate's) outcome, worst last.
    public enum Status: String, Sendable, Equatable, Comparable, Codable {
        case passed
        case failed
        /// The server could not be checked.
        case error

        private var rank: Int {
            switch self {
            case .passed: 0
            case .failed: 1
            case .error: 2
            }
        }

        public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
    }

    /// One result per checked server, in accord.yaml order (a merged report: in the order of
    /// its shards' ``CheckShard/gate``).
    public var servers: [ServerResult]
    /// The config file the gate read (for headers), e.g. `accord.yaml`.
    public var configuration: String
    /// The part of a sharded gate this report covers (`--shard I/N`); `nil` for a whole gate.
    public var shard: CheckShard?

    public init(servers: [ServerResult], configuration: String, shard: CheckShard? = nil) {
        self.servers = servers
        self.configuration = configuration
        self.shard = shard
    }

    /// The worst server status (`passed` when no server is configured).
    public var status: Status { servers.map(\.status).max() ?? .passed }
}
