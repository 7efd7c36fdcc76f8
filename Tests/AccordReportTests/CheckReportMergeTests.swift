import AccordContracts
import AccordEvolution
import AccordJSON
import AccordReport
import Testing

private let context = SampleReports.context

private func json(_ report: CheckReport) -> String { ReportRenderer<CheckReport>.json.render(report, context) }

private func readBack(_ text: String) throws -> CheckReport { try CheckReportDocument.report(from: JSONValue(parsing: text)) }

/// The demo server's check with its findings located in the baseline, as `accord check` has it.
private let located: CheckReport = {
    var demo = SampleVerifications.demo
    demo.diffAnchorLines = [.root: 1, try! JSONPointer(parsing: "/tools/search"): 12, try! JSONPointer(parsing: "/tools/search/inputSchema/required"): 30]
    return CheckReport(servers: [demo, SampleVerifications.time, SampleVerifications.git, SampleVerifications.fresh], configuration: "accord.yaml")
}()

@Suite("check report: read back")
struct CheckReportReadingTests {
    @Test("every check report reads back to the same report, field for field, shard and baseline lines included")
    func roundTrip() throws {
        var sharded = SampleVerifications.checkFailed
        sharded.shard = CheckShard(index: 2, count: 3, gate: ["a", "demo", "time"])
        for report in SampleVerifications.checks + [located, sharded] {
            #expect(try readBack(json(report)) == report)
        }
    }

    @Test("what is read back renders byte for byte as the original in every format")
    func rendersTheSame() throws {
        for report in SampleVerifications.checks + [located] {
            let back = try readBack(json(report))
            for format in ReportFormat.allCases {
                #expect(back.rendered(as: format, context: context) == report.rendered(as: format, context: context), "\(format)")
            }
        }
    }

    @Test("the shard and the baseline lines are written only when there are some")
    func optionalFields() throws {
        let plain = try JSONValue(parsing: json(SampleVerifications.check))
        #expect(plain["shard"] == nil)
        #expect(plain["servers"]?[0]?["baselineLines"] == nil)
        var sharded = located
        sharded.shard = CheckShard(index: 1, count: 2, gate: ["demo", "time", "git", "fresh"])
        let value = try JSONValue(parsing: json(sharded))
        #expect(value["shard"] == ["index": 1, "count": 2, "gate": ["demo", "time", "git", "fresh"]])
        #expect(value["servers"]?[0]?["baselineLines"] == ["": 1, "/tools/search": 12, "/tools/search/inputSchema/required": 30])
        #expect(ReportRenderer<CheckReport>.text.render(sharded, context).hasPrefix("accord check: accord.yaml (4 servers, shard 1/2)\n"))
    }

    @Test("the shard and the baseline lines validate against the check report schema, and nothing else does")
    func schema() async throws {
        let validator = JSONSchemaValidator(schema: ReportSchemas.load("accord-check-report"))
        var sharded = located
        sharded.shard = CheckShard(index: 1, count: 2, gate: ["demo", "time", "git", "fresh"])
        let document = try JSONValue(parsing: json(sharded))
        #expect(validator.validate(document).map(\.description) == [])
        #expect(!validator.isValid(document.setting("shard", to: ["index": 0, "count": 2, "gate": []])))
        #expect(!validator.isValid(document.setting("shard", to: ["index": 1, "count": 2])))
        var servers = try #require(document["servers"]?.arrayValue)
        servers[0] = servers[0].setting("baselineLines", to: ["/tools": "twelve"])
        #expect(!validator.isValid(document.setting("servers", to: .array(servers))))
        let output = try await ReportSchemas.validateWithPython(json(sharded), against: "accord-check-report")
        #expect(output.contains("valid against Accord check report, version 1"))
    }

    @Test("another kind of report, a newer version or a bad field is named by its pointer")
    func errors() throws {
        let diff = try JSONValue(parsing: ReportRenderer<EvolutionReport>.json.render(SampleReports.release, context))
        #expect(throws: CheckReportDocumentError(pointer: "/kind", reason: "a \"diff\" report, not a check report (write one with accord check --format json)")) {
            try CheckReportDocument.report(from: diff)
        }
        #expect(throws: CheckReportDocumentError.self) { try CheckReportDocument.report(from: ["servers": []]) }
        #expect(throws: CheckReportDocumentError(pointer: "", reason: "not an Accord check report (expected a JSON object)")) {
            try CheckReportDocument.report(from: [1, 2])
        }
        let document = try JSONValue(parsing: json(SampleVerifications.check))
        #expect(throws: CheckReportDocumentError(pointer: "/reportVersion", reason: "report version 2 is from a newer Accord (this one reads version 1)")) {
            try CheckReportDocument.report(from: document.setting("reportVersion", to: 2))
        }
        let servers = try #require(document["servers"]?.arrayValue)
        let badDiff = servers[0].setting("diff", to: try #require(servers[0]["diff"]).setting("requiredBump", to: "huge"))
        let error = try #require(throws: CheckReportDocumentError.self) {
            try CheckReportDocument.report(from: document.setting("servers", to: .array([badDiff] + servers.dropFirst())))
        }
        #expect(error.pointer == "/servers/0/diff/requiredBump", "\(error)")
        let noBaseline = servers[1].setting("baselineMissing", to: "no")
        let flag = try #require(throws: CheckReportDocumentError.self) {
            try CheckReportDocument.report(from: document.setting("servers", to: .array([servers[0], noBaseline])))
        }
        #expect(flag.pointer == "/servers/1/baselineMissing", "\(flag)")
        let badShard = document.setting("shard", to: ["index": 4, "count": 3, "gate": []])
        #expect(throws: CheckReportDocumentError(pointer: "/shard/index", reason: "shard index 4 is not between 1 and 3")) {
            try CheckReportDocument.report(from: badShard)
        }
    }
}

@Suite("check report: merge")
struct CheckReportMergeTests {
    let gate = ["demo", "time", "git", "fresh"]

    func shard(_ index: Int, of count: Int, _ servers: [CheckReport.ServerResult], gate: [String]? = nil, file: String? = nil) -> CheckReportPart {
        CheckReportPart(file: file ?? "shard-\(index).json",
                        report: CheckReport(servers: servers, configuration: "accord.yaml", shard: CheckShard(index: index, count: count, gate: gate ?? self.gate)))
    }

    @Test("shards given in any order merge into the whole gate, in its order, without a shard")
    func merges() throws {
        let (demo, time, git, fresh) = (SampleVerifications.demo, SampleVerifications.time, SampleVerifications.git, SampleVerifications.fresh)
        let parts = [shard(2, of: 3, [fresh]), shard(3, of: 3, []), shard(1, of: 3, [git, time, demo])]
        let merged = try CheckReport.merging(parts)
        #expect(merged == SampleVerifications.check)
        #expect(merged.status == .error)
        #expect(try CheckReport.merging(parts.reversed()) == SampleVerifications.check)
    }

    @Test("reports without shards join in the order given")
    func joins() throws {
        let first = CheckReportPart(file: "a.json", report: CheckReport(servers: [SampleVerifications.time], configuration: "accord.yaml"))
        let second = CheckReportPart(file: "b.json", report: CheckReport(servers: [SampleVerifications.demo], configuration: "accord.yaml"))
        #expect(try CheckReport.merging([first, second]).servers.map(\.server) == ["time", "demo"])
        #expect(try CheckReport.merging([second]) == second.report)
    }

    @Test("shards that do not add up are named")
    func incomplete() {
        let (demo, time, git, fresh) = (SampleVerifications.demo, SampleVerifications.time, SampleVerifications.git, SampleVerifications.fresh)
        #expect(throws: CheckMergeError.missingShards([2], count: 3)) {
            try CheckReport.merging([shard(1, of: 3, [demo, git]), shard(3, of: 3, [time])])
        }
        #expect(throws: CheckMergeError.duplicateShard("1/2", files: ["a.json", "b.json"])) {
            try CheckReport.merging([shard(1, of: 2, [demo], file: "a.json"), shard(1, of: 2, [time], file: "b.json")])
        }
        #expect(throws: CheckMergeError.duplicateServer("demo", files: ["shard-1.json", "shard-2.json"])) {
            try CheckReport.merging([shard(1, of: 2, [demo, git]), shard(2, of: 2, [demo, time, fresh])])
        }
        #expect(throws: CheckMergeError.shardCountDiffers(file: "shard-2.json", count: 3, firstFile: "shard-1.json", firstCount: 2)) {
            try CheckReport.merging([shard(1, of: 2, [demo, git]), shard(2, of: 3, [time, fresh])])
        }
        #expect(throws: CheckMergeError.gateDiffers(file: "shard-2.json", firstFile: "shard-1.json")) {
            try CheckReport.merging([shard(1, of: 2, [demo, git]), shard(2, of: 2, [time], gate: ["demo", "git", "time"])])
        }
        #expect(throws: CheckMergeError.missingServers(["fresh"])) {
            try CheckReport.merging([shard(1, of: 2, [demo, git]), shard(2, of: 2, [time])])
        }
        let stray = CheckReport.ServerResult(server: "stray", baseline: "snapshots/stray.json")
        #expect(throws: CheckMergeError.serverOutsideGate("stray", file: "shard-2.json")) {
            try CheckReport.merging([shard(1, of: 2, [demo, git]), shard(2, of: 2, [time, fresh, stray])])
        }
        let whole = CheckReportPart(file: "whole.json", report: CheckReport(servers: [fresh], configuration: "accord.yaml"))
        #expect(throws: CheckMergeError.mixedSharding(sharded: "shard-1.json", unsharded: "whole.json")) {
            try CheckReport.merging([shard(1, of: 2, [demo, git]), whole])
        }
        #expect(throws: CheckMergeError.mixedSharding(sharded: "shard-1.json", unsharded: "whole.json")) {
            try CheckReport.merging([whole, shard(1, of: 2, [demo, git])])
        }
        let other = CheckReportPart(file: "other.json", report: CheckReport(servers: [time], configuration: "other.yaml"))
        #expect(throws: CheckMergeError.configurationDiffers(file: "other.json", configuration: "other.yaml", firstFile: "whole.json", firstConfiguration: "accord.yaml")) {
            try CheckReport.merging([whole, other])
        }
        #expect(CheckMergeError.missingShards([2, 4], count: 4).description == "incomplete: no report for shard 2/4, 4/4")
    }
}
