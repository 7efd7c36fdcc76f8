/// One check report given to `accord report merge`, with the file it was read from (for errors).
public struct CheckReportPart: Sendable, Equatable {
    public var file: String
    public var report: CheckReport

    public init(file: String, report: CheckReport) {
        self.file = file
        self.report = report
    }
}

extension CheckReport {
    /// The check reports of one gate's shards (or of separate `--server` runs) as one report:
    /// the union of their servers, so every format renders it as an unsharded `accord check`
    /// would have.
    ///
    /// Shards (reports with ``shard``) must add up: all of the same count and gate, each index
    /// once, every server of the gate in exactly one of them; their servers are put back in the
    /// gate's order and the merged report has no shard. Reports without shard information are
    /// joined in the order given. Either way a server may appear only once, and every report
    /// must name the same configuration file.
    ///
    /// ```swift
    /// let merged = try CheckReport.merging([CheckReportPart(file: "shard-1.json", report: first),
    ///                                       CheckReportPart(file: "shard-2.json", report: second)])
    /// ```
    /// - Throws: ``CheckMergeError`` naming the files and the servers or shards that do not add up.
    public static func merging(_ parts: [CheckReportPart]) throws(CheckMergeError) -> CheckReport {
        guard let first = parts.first else { throw .noReports }
        for part in parts where part.report.configuration != first.report.configuration {
            throw .configurationDiffers(file: part.file, configuration: part.report.configuration,
                                        firstFile: first.file, firstConfiguration: first.report.configuration)
        }
        let gate = first.report.shard == nil ? nil : try checkShardsAddUp(parts)
        if gate == nil, let sharded = parts.first(where: { $0.report.shard != nil }) { throw .mixedSharding(sharded: sharded.file, unsharded: first.file) }
        var owner: [String: String] = [:]
        var servers: [ServerResult] = []
        for part in parts {
            for server in part.report.servers {
                if let earlier = owner[server.server] { throw .duplicateServer(server.server, files: [earlier, part.file]) }
                owner[server.server] = part.file
                servers.append(server)
            }
        }
        if let gate {
            let position = Dictionary(gate.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
            for server in servers where position[server.server] == nil {
                throw .serverOutsideGate(server.server, file: owner[server.server] ?? first.file)
            }
            let missing = gate.filter { owner[$0] == nil }
            guard missing.isEmpty else { throw .missingServers(missing) }
            servers.sort { (position[$0.server] ?? gate.count) < (position[$1.server] ?? gate.count) }
        }
        return CheckReport(servers: servers, configuration: first.report.configuration)
    }

    /// The shards' common gate, once every report is a shard of the same split and each index
    /// 1…count is there exactly once.
    private static func checkShardsAddUp(_ parts: [CheckReportPart]) throws(CheckMergeError) -> [String] {
        var byIndex: [Int: String] = [:]
        let reference = parts[0]
        guard let expected = reference.report.shard else { throw .noReports }
        for part in parts {
            guard let shard = part.report.shard else { throw .mixedSharding(sharded: reference.file, unsharded: part.file) }
            guard shard.count == expected.count else {
                throw .shardCountDiffers(file: part.file, count: shard.count, firstFile: reference.file, firstCount: expected.count)
            }
            guard shard.gate == expected.gate else { throw .gateDiffers(file: part.file, firstFile: reference.file) }
            if let earlier = byIndex[shard.index] { throw .duplicateShard(shard.label, files: [earlier, part.file]) }
            byIndex[shard.index] = part.file
        }
        let missing = (1...expected.count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else { throw .missingShards(missing, count: expected.count) }
        return expected.gate
    }
}

/// Check reports that do not add up to one gate. Every case names the files or servers to look at.
public enum CheckMergeError: Error, Sendable, Equatable, CustomStringConvertible {
    case noReports
    case configurationDiffers(file: String, configuration: String, firstFile: String, firstConfiguration: String)
    /// The same server in two reports.
    case duplicateServer(String, files: [String])
    /// One report is a shard, another is not.
    case mixedSharding(sharded: String, unsharded: String)
    case shardCountDiffers(file: String, count: Int, firstFile: String, firstCount: Int)
    /// Two shards of different gates (other servers, or another `--server` choice).
    case gateDiffers(file: String, firstFile: String)
    /// The same shard index twice.
    case duplicateShard(String, files: [String])
    /// Shard indices no report covers.
    case missingShards([Int], count: Int)
    /// A shard's server that its gate does not list.
    case serverOutsideGate(String, file: String)
    /// Servers of the gate that no shard reports.
    case missingServers([String])

    public var description: String {
        switch self {
        case .noReports:
            "no check reports to merge"
        case .configurationDiffers(let file, let configuration, let firstFile, let firstConfiguration):
            "\(file) checked \(configuration), but \(firstFile) checked \(firstConfiguration): reports of one gate name the same configuration"
        case .duplicateServer(let server, let files):
            "server \"\(server)\" is in both \(files.joined(separator: " and ")): each server may be in one report only"
        case .mixedSharding(let sharded, let unsharded):
            "\(sharded) is a shard (accord check --shard), but \(unsharded) is not: merge the shards of one gate, or reports without --shard"
        case .shardCountDiffers(let file, let count, let firstFile, let firstCount):
            "\(file) is a shard of \(count), but \(firstFile) is a shard of \(firstCount): the shards of one gate share N in --shard I/N"
        case .gateDiffers(let file, let firstFile):
            "\(file) and \(firstFile) are shards of different gates (their servers differ): run every shard on the same accord.yaml and --server choice"
        case .duplicateShard(let label, let files):
            "shard \(label) is given twice: \(files.joined(separator: " and "))"
        case .missingShards(let indices, let count):
            "incomplete: no report for shard \(indices.map { "\($0)/\(count)" }.joined(separator: ", "))"
        case .serverOutsideGate(let server, let file):
            "\(file) reports server \"\(server)\", which its shard's gate does not list"
        case .missingServers(let servers):
            "incomplete: no report has server \(servers.map { "\"\($0)\"" }.joined(separator: ", "))"
        }
    }
}
