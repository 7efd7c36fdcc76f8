@testable import AccordCLI
import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// `accord check --shard I/N` and `accord report merge`: a gate split over a CI matrix adds up
/// to the gate run whole, byte for byte in every format.
@Suite struct ShardTests {
    // MARK: The partition

    @Test func everyServerLandsInExactlyOneShardWhateverTheOrder() throws {
        let names = ["search", "billing", "demo", "time", "git", "fetch", "ledger", "Zeta", "äpfel"]
        for count in 1...10 {
            var seen: [String] = []
            for index in 1...count {
                let shard = try Shard(parsing: "\(index)/\(count)")
                let mine = shard.select(names)
                #expect(Set(shard.select(names.reversed())) == Set(mine), "the order of accord.yaml does not matter")
                #expect(Set(shard.select(names.shuffled())) == Set(mine))
                #expect(mine == names.filter(Set(mine).contains), "kept in the order given")
                #expect(abs(mine.count - names.count / count) <= 1, "round-robin balances: \(mine) in \(index)/\(count)")
                seen += mine
            }
            #expect(seen.sorted() == names.sorted(), "each name exactly once over \(count) shards")
        }
        // Round-robin over the names sorted by their UTF-8 bytes — Zeta billing demo fetch git
        // ledger search time äpfel — each shard's names kept in the order given.
        #expect(try Shard(parsing: "1/3").select(names) == ["search", "fetch", "Zeta"])
        #expect(try Shard(parsing: "2/3").select(names) == ["billing", "time", "git"])
        #expect(try Shard(parsing: "3/3").select(names) == ["demo", "ledger", "äpfel"])
        #expect(try Shard(parsing: "1/1").select(names) == names)
    }

    @Test(arguments: ["0/3", "4/3", "x", "1/0", "1/", "/3", "-1/3", "1/3/5", "1.5/3"])
    func aBadShardIsAUsageError(_ value: String) async throws {
        let folder = try Self.project()
        let run = try await runAccord(["check", "--shard", value], in: folder)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("--shard"), "names the option: \(run.stderr)")
        #expect(run.stdout.isEmpty, "no report: \(run.stdout)")
    }

    // MARK: Sharded gates, merged

    @Test func mergedShardsAreTheUnshardedGateInEveryFormat() async throws {
        let folder = try Self.project()
        let formats = ["text", "json", "markdown", "sarif", "junit", "github"]
        let whole = try await runAccord(["check", "--format", "json"] + formats.flatMap { ["--report", "\($0)=whole.\($0)"] }, in: folder)
        #expect(whole.status == 3, "one server cannot start: \(whole)")
        #expect(whole.stdout == (try Self.read(folder, "whole.json")))

        var shardServers: [[String]] = []
        for index in 1...3 {
            let run = try await runAccord(["check", "--shard", "\(index)/3", "--report", "json=shard-\(index).json"], in: folder)
            #expect([0, 1, 3].contains(run.status), "\(run)")
            #expect(run.stdout.hasPrefix("accord check: accord.yaml ("), "\(run.stdout)")
            #expect(run.stdout.contains("shard \(index)/3)"), "the text heading names the shard: \(run.stdout)")
            let report = try JSONValue(parsing: try Self.read(folder, "shard-\(index).json"))
            #expect(report["shard"]?["index"] == .number(JSONNumber(index)) && report["shard"]?["count"] == 3)
            #expect(report["shard"]?["gate"] == .array(Self.order.map { .string($0) }))
            shardServers.append((report["servers"]?.arrayValue ?? []).compactMap { $0["server"]?.stringValue })
        }
        #expect(shardServers.flatMap { $0 }.sorted() == Self.order.sorted(), "every server in exactly one shard: \(shardServers)")
        #expect(shardServers.allSatisfy { $0.count <= 2 && !$0.isEmpty }, "5 servers over 3 shards: 2, 2, 1: \(shardServers)")

        // Shards in another order than the gate's: the merge restores it.
        let merged = try await runAccord(["report", "merge", "shard-3.json", "shard-1.json", "shard-2.json", "--format", "json"]
                                         + formats.flatMap { ["--report", "\($0)=merged.\($0)"] }, in: folder)
        #expect(merged.status == 3, "the merged gate's verdict is the gate's: \(merged)")
        #expect(merged.stdout == whole.stdout, "json on stdout")
        for format in formats {
            let expected = try Self.read(folder, "whole.\(format)"), actual = try Self.read(folder, "merged.\(format)")
            #expect(!expected.isEmpty)
            #expect(actual == expected, "\(format) differs:\n--- unsharded\n\(expected)\n--- merged\n\(actual)")
        }
        let text = try await runAccord(["report", "merge", "shard-1.json", "shard-2.json", "shard-3.json"], in: folder)
        #expect(text.stdout == (try Self.read(folder, "whole.text")), "text on stdout")

        // The same split with the servers listed the other way round in accord.yaml.
        let reversed = try Self.project(order: Self.order.reversed())
        for index in 1...3 {
            let run = try await runAccord(["check", "--shard", "\(index)/3", "--format", "json"], in: reversed)
            let servers = (try JSONValue(parsing: run.stdout)["servers"]?.arrayValue ?? []).compactMap { $0["server"]?.stringValue }
            #expect(Set(servers) == Set(shardServers[index - 1]), "shard \(index)/3: \(servers) vs \(shardServers[index - 1])")
        }
    }

    @Test func theShardAppliesToTheChosenServersAndMergeExitsWithTheGatesVerdict() async throws {
        let folder = try Self.project()
        let chosen = ["--server", "ledger-b", "--server", "ledger-a"]
        // Sorted, ledger-a is shard 1/2 (passes) and ledger-b shard 2/2 (breaking changes).
        let first = try await runAccord(["check", "--shard", "1/2", "--format", "json"] + chosen, in: folder)
        #expect(first.status == 0, "\(first)")
        let second = try await runAccord(["check", "--shard", "2/2", "--format", "json"] + chosen, in: folder)
        #expect(second.status == 1, "\(second)")
        try first.stdout.write(toFile: folder + "/a.json", atomically: true, encoding: .utf8)
        try second.stdout.write(toFile: folder + "/b.json", atomically: true, encoding: .utf8)
        #expect(try JSONValue(parsing: first.stdout)["servers"]?.arrayValue?.map { $0["server"] ?? "" } == ["ledger-a"])
        #expect(try JSONValue(parsing: first.stdout)["shard"]?["gate"] == ["ledger-a", "ledger-b"])

        let failed = try await runAccord(["report", "merge", "b.json", "a.json"], in: folder)
        #expect(failed.status == 1, "\(failed)")
        #expect(failed.stdout.hasSuffix("check FAILED\n"), "\(failed.stdout)")
        let whole = try await runAccord(["check"] + chosen, in: folder)
        #expect(failed.stdout == whole.stdout)

        let passed = try await runAccord(["report", "merge", "a.json"], in: folder)
        #expect(passed.status == 2 && passed.stderr.contains("no report for shard 2/2"), "one shard alone is incomplete: \(passed)")
        let alone = try await runAccord(["check", "--server", "ledger-a", "--format", "json"], in: folder)
        try alone.stdout.write(toFile: folder + "/alone.json", atomically: true, encoding: .utf8)
        let rerendered = try await runAccord(["report", "merge", "alone.json", "--format", "markdown"], in: folder)
        #expect(rerendered.status == 0, "\(rerendered)")
        #expect(rerendered.stdout.contains("**check passed**"), "\(rerendered.stdout)")
    }

    @Test func anEmptyShardPassesWithANote() async throws {
        let folder = try Self.project()
        let run = try await runAccord(["check", "--shard", "3/3", "--server", "ledger-a", "--format", "json"], in: folder)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("shard 3/3 has no servers"), "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1, "one line: \(run.stderr)")
        let report = try JSONValue(parsing: run.stdout)
        #expect(report["status"] == "passed" && report["servers"] == [])
        #expect(report["shard"] == ["index": 3, "count": 3, "gate": ["ledger-a"]])
    }

    // MARK: Bad merge input

    @Test func mergeInputThatIsNotACompleteGateIsNamed() async throws {
        let folder = try Self.project()
        let chosen = ["--server", "ledger-a", "--server", "ledger-d"]
        for index in 1...2 {
            let run = try await runAccord(["check", "--shard", "\(index)/2", "--report", "json=s\(index).json"] + chosen, in: folder)
            #expect([0, 1].contains(run.status), "\(run)")
        }
        let three = try await runAccord(["check", "--shard", "2/3", "--report", "json=t2.json"] + chosen, in: folder)
        #expect(three.status == 1 || three.status == 0, "\(three)")
        let ledgerA = try await runAccord(["check", "--server", "ledger-a", "--report", "json=whole-a.json"], in: folder)
        #expect(ledgerA.status == 0, "\(ledgerA)")
        try "{\n  \"kind\": \"check\",\n  oops\n}\n".write(toFile: folder + "/broken.json", atomically: true, encoding: .utf8)
        let diff = try await runAccord(["diff", PackagePaths.path("snapshots/demo.json"), PackagePaths.path("snapshots/demo-v2.json"), "--format", "json"], in: folder)
        try diff.stdout.write(toFile: folder + "/diff.json", atomically: true, encoding: .utf8)
        let shard1 = try Self.read(folder, "s1.json")
        let newer = shard1.replacingOccurrences(of: "\"reportVersion\": 1,", with: "\"reportVersion\": 2,", options: [], range: shard1.range(of: "\"reportVersion\": 1,"))
        try newer.write(toFile: folder + "/newer.json", atomically: true, encoding: .utf8)
        let versionLine = try #require(newer.components(separatedBy: "\n").firstIndex { $0.contains("\"reportVersion\": 2") }) + 1

        let cases: [(files: [String], says: [String])] = [
            (["s1.json"], ["incomplete", "shard 2/2"]),
            (["s1.json", "s1.json"], ["shard 1/2 is given twice", "s1.json and s1.json"]),
            (["s1.json", "t2.json"], ["t2.json is a shard of 3", "s1.json is a shard of 2"]),
            (["s1.json", "whole-a.json"], ["s1.json is a shard", "whole-a.json is not"]),
            (["whole-a.json", "whole-a.json"], ["server \"ledger-a\" is in both whole-a.json and whole-a.json"]),
            (["broken.json", "s2.json"], ["broken.json:3:", "not a JSON check report"]),
            (["diff.json"], ["diff.json", "/kind", "a \"diff\" report, not a check report"]),
            (["newer.json", "s2.json"], ["newer.json:\(versionLine): /reportVersion: report version 2 is from a newer Accord"]),
            (["missing.json"], ["missing.json", "no such file"]),
        ]
        for (files, says) in cases {
            let run = try await runAccord(["report", "merge"] + files, in: folder)
            #expect(run.status == 2, "\(files): \(run)")
            for text in says { #expect(run.stderr.contains(text), "\(files) says \(text): \(run.stderr)") }
            #expect(run.stdout.isEmpty, "no report for bad input: \(run.stdout)")
        }
        let good = try await runAccord(["report", "merge", "s2.json", "s1.json"], in: folder)
        #expect(good.status == 1, "ledger-d has no baseline: \(good)")
        let none = try await runAccord(["report", "merge"], in: folder)
        #expect(none.status == 2, "\(none)")
    }

    // MARK: Projects

    /// The order of servers in accord.yaml: not sorted, so sorting is what makes shards agree.
    static let order = ["ledger-c", "broken", "ledger-a", "ledger-d", "ledger-b"]

    /// A project of several servers: the demo at 1.0.0 against its baseline (passes), at 2.0.0
    /// against 1.0.0's baseline (breaking) and against 2.0.0's (its contracts fail), at 1.0.0
    /// without a baseline, and a server that cannot start; the demo's contracts.
    static func project(order: [String] = order) throws -> String {
        let folder = try temporaryFolder()
        let servers: [String: (release: String?, baseline: String?)] = [
            "ledger-a": ("1.0.0", "snapshots/demo.json"), "ledger-b": ("2.0.0", "snapshots/demo.json"),
            "ledger-c": ("2.0.0", "snapshots/demo-v2.json"), "ledger-d": ("1.0.0", nil), "broken": (nil, nil),
        ]
        var config = "snapshots: snapshots\ncontracts: contracts\nservers:\n"
        for name in order {
            let server = servers[name]!
            if let release = server.release {
                config += "  \(name):\n    command: \(PackagePaths.demoServer)\n    args: [\"--release\", \"\(release)\"]\n"
            } else {
                config += "  \(name):\n    command: /nonexistent/mcp-server\n"
            }
        }
        try config.write(toFile: folder + "/accord.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/snapshots", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/contracts", withIntermediateDirectories: true)
        for (name, server) in servers {
            if let baseline = server.baseline { try FileManager.default.copyItem(atPath: PackagePaths.path(baseline), toPath: "\(folder)/snapshots/\(name).json") }
        }
        for name in ["billing-agent.yaml", "collections-bot.yaml"] {
            try FileManager.default.copyItem(atPath: PackagePaths.path("contracts/\(name)"), toPath: folder + "/contracts/\(name)")
        }
        return folder
    }

    static func read(_ folder: String, _ file: String) throws -> String {
        try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
    }
}
