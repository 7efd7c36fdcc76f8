import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// `accord check`, the CI gate, on the embedded default and on configurations of its own.
@Suite struct CheckCommandTests {
    @Test func theEmbeddedDefaultPasses() async throws {
        let run = try await runAccord(["check"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("check passed"), "\(run.stdout)")
    }

    @Test func release2FailsNamingTheBreakingChangesTheConsumersAndTheBump() async throws {
        let run = try await runAccord(["check"], environment: ["LEDGERLY_RELEASE": "2.0.0"])
        #expect(run.status == 1, "\(run)")
        for expected in ["check FAILED", "tool-removed", "get_customer_balance", "billing-agent", "collections-bot", "major"] {
            #expect(run.stdout.contains(expected), "the summary names \(expected): \(run.stdout)")
        }
        let json = try await runAccord(["check", "--format", "json"], environment: ["LEDGERLY_RELEASE": "2.0.0"])
        let report = try JSONValue(parsing: json.stdout)
        #expect(report["status"] == "failed")
        let server = try #require(report["servers"]?[0])
        #expect(server["diff"]?["requiredBump"] == "major")
        let removed = (server["diff"]?["findings"]?.arrayValue ?? []).first { $0["ruleId"] == "tool-removed" }
        #expect(removed?["consumers"] == ["collections-bot"])
        #expect(ContractCommandsTests.failedChecks(try #require(server["verification"])) == ContractCommandsTests.brokenOnRelease2)
    }

    @Test func aVersionThatDidNotMoveFailsTheGate() async throws {
        // The 2.0.0 definitions under a baseline that already says 2.0.0 but has 1.0.0's tools:
        // the version did not move although breaking changes happened.
        let folder = try Self.project(baseline: try Self.baselineClaimingVersion("2.0.0"))
        let run = try await runAccord(["check", "--format", "json"], in: folder, environment: ["LEDGERLY_RELEASE": "2.0.0"])
        #expect(run.status == 1, "\(run)")
        let findings = try JSONValue(parsing: run.stdout)["servers"]?[0]?["diff"]?["findings"]?.arrayValue ?? []
        #expect(findings.contains { ($0["ruleId"]?.stringValue ?? "").hasPrefix("version-") }, "\(findings.map { $0["ruleId"] ?? "" })")
    }

    @Test func updateRewritesChangedBaselinesAtomicallyAndIsRefusedInCI() async throws {
        let folder = try Self.project(baseline: try String(contentsOfFile: PackagePaths.path("snapshots/demo.json"), encoding: .utf8))
        let baseline = folder + "/snapshots/demo.json"
        let before = try String(contentsOfFile: baseline, encoding: .utf8)

        let refused = try await runAccord(["check", "--update"], in: folder, environment: ["CI": "true", "LEDGERLY_RELEASE": "2.0.0"])
        #expect(refused.status == 2 && refused.stderr.contains("CI=true") && refused.stderr.contains("--force"), "\(refused)")
        #expect(try String(contentsOfFile: baseline, encoding: .utf8) == before, "a refused update writes nothing")

        let forced = try await runAccord(["check", "--update", "--force"], in: folder, environment: ["CI": "true", "LEDGERLY_RELEASE": "2.0.0"])
        // The baseline moves to 2.0.0, but the contracts still fail on 2.0.0: the gate still fails.
        #expect(forced.status == 1, "\(forced)")
        let after = try String(contentsOfFile: baseline, encoding: .utf8)
        #expect(after == (try String(contentsOfFile: PackagePaths.path("snapshots/demo-v2.json"), encoding: .utf8)))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/snapshots").filter { $0 != "demo.json" }
        #expect(leftovers.isEmpty, "no temporary files left: \(leftovers)")
    }

    @Test func aMissingBaselineFailsUntilUpdateWritesIt() async throws {
        let folder = try Self.project(baseline: nil, contracts: false)
        let missing = try await runAccord(["check"], in: folder, environment: ["CI": ""])
        #expect(missing.status == 1, "\(missing)")
        #expect(missing.stdout.contains("--update"), "says how to create it: \(missing.stdout)")
        let written = try await runAccord(["check", "--update"], in: folder, environment: ["CI": ""])
        #expect(written.status == 0, "\(written)")
        #expect(FileManager.default.fileExists(atPath: folder + "/snapshots/demo.json"))
        #expect(try await runAccord(["check"], in: folder, environment: ["CI": ""]).status == 0)
    }

    @Test func aServerThatCannotStartIsAServerErrorAndTheOthersAreStillChecked() async throws {
        let folder = try Self.project(baseline: try String(contentsOfFile: PackagePaths.path("snapshots/demo.json"), encoding: .utf8), extraServers: """
              broken:
                command: /nonexistent/mcp-server
            """)
        let run = try await runAccord(["check", "--format", "json"], in: folder)
        #expect(run.status == 3, "\(run)")
        let report = try JSONValue(parsing: run.stdout)
        #expect(report["servers"]?.arrayValue?.map { $0["status"] ?? "" } == ["passed", "error"])
    }

    @Test func badInputStopsTheGateBeforeAnyServerStarts() async throws {
        let folder = try Self.project(baseline: "{ not json", contracts: false)
        let run = try await runAccord(["check"], in: folder)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("snapshots/demo.json"), "\(run.stderr)")
        let unknown = try await runAccord(["check", "--server", "nope"])
        #expect(unknown.status == 2 && unknown.stderr.contains("nope"), "\(unknown)")
    }

    @Test func everyRequestedReportIsWrittenInOneRun() async throws {
        let folder = try temporaryFolder()
        let formats = ["json", "markdown", "sarif", "junit", "github", "text"]
        let run = try await runAccord(["check", "--format", "markdown"] + formats.flatMap { ["--report", "\($0)=\(folder)/check.\($0)"] },
                                      environment: ["LEDGERLY_RELEASE": "2.0.0"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("|"), "markdown table on stdout")
        for format in formats {
            #expect(!(try String(contentsOfFile: "\(folder)/check.\(format)", encoding: .utf8)).isEmpty, "\(format)")
        }
        let junit = try String(contentsOfFile: "\(folder)/check.junit", encoding: .utf8)
        #expect(junit.contains("billing-agent") && junit.contains("<failure"))
        // Diff findings are located in the committed baseline, at the line of the change.
        let sarif = try JSONValue(parsing: try String(contentsOfFile: "\(folder)/check.sarif", encoding: .utf8))
        let results = (sarif["runs"]?.arrayValue ?? []).flatMap { $0["results"]?.arrayValue ?? [] }
        let destructive = try #require(results.first { $0["ruleId"] == "annotation-destructive-added" })
        let location = destructive["locations"]?[0]?["physicalLocation"]
        #expect(location?["artifactLocation"]?["uri"] == "snapshots/demo.json")
        let line = try #require(location?["region"]?["startLine"]?.intValue)
        let baseline = try String(contentsOfFile: PackagePaths.path("snapshots/demo.json"), encoding: .utf8).components(separatedBy: "\n")
        #expect(baseline[line - 1].contains("destructiveHint"), "line \(line): \(baseline[line - 1])")
    }

    // MARK: Projects

    /// A project folder with accord.yaml (the demo as a swift-product), optionally the demo's
    /// contracts and a baseline for it.
    static func project(baseline: String?, contracts: Bool = true, extraServers: String = "") throws -> String {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/snapshots", withIntermediateDirectories: true)
        let config = """
            servers:
              demo:
                swift-product: accord-demo-server
                args: ["--release", "${LEDGERLY_RELEASE:-1.0.0}"]
            \(extraServers)
            """
        try config.write(toFile: folder + "/accord.yaml", atomically: true, encoding: .utf8)
        if let baseline { try baseline.write(toFile: folder + "/snapshots/demo.json", atomically: true, encoding: .utf8) }
        if contracts {
            try FileManager.default.createDirectory(atPath: folder + "/contracts", withIntermediateDirectories: true)
            for name in ["billing-agent.yaml", "collections-bot.yaml"] {
                try FileManager.default.copyItem(atPath: PackagePaths.path("contracts/\(name)"), toPath: folder + "/contracts/\(name)")
            }
        }
        return folder
    }

    static func baselineClaimingVersion(_ version: String) throws -> String {
        try String(contentsOfFile: PackagePaths.path("snapshots/demo.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"version\": \"1.0.0\"", with: "\"version\": \"\(version)\"")
    }
}
