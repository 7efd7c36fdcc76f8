import AccordTestSupport
import AccordJSON
import Foundation
import Testing

/// `accord diff`, `bump` and `rules` end to end on the demo's committed snapshots.
@Suite struct DiffCommandTests {
    let old = PackagePaths.root + "/snapshots/demo.json"
    let new = PackagePaths.root + "/snapshots/demo-v2.json"

    @Test func breakingChangesExitOneWithASummary() async throws {
        let run = try await runAccord(["diff", old, new], in: try temporaryFolder())
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("8 breaking, 5 potentially breaking, 8 non-breaking"))
        #expect(run.stdout.contains("required bump: major (1.0.0 → 2.0.0)"))
        #expect(!run.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func failOnDecidesTheExitCode() async throws {
        let folder = try temporaryFolder()
        #expect(try await runAccord(["diff", old, new, "--fail-on", "never"], in: folder).status == 0)
        #expect(try await runAccord(["diff", old, old, "--fail-on", "any"], in: folder).status == 0)
        #expect(try await runAccord(["diff", old, new, "--fail-on", "sometimes"], in: folder).status == 2)
    }

    @Test func writesEveryRequestedReport() async throws {
        let folder = try temporaryFolder()
        let formats = ["json", "markdown", "sarif", "junit", "github", "text"]
        let run = try await runAccord(["diff", old, new, "--format", "json", "--fail-on", "never"] + formats.flatMap { ["--report", "\($0)=\(folder)/out.\($0)"] }, in: folder)
        #expect(run.status == 0, "\(run)")
        for format in formats {
            let text = try String(contentsOfFile: "\(folder)/out.\(format)", encoding: .utf8)
            #expect(!text.isEmpty, "\(format) report is empty")
        }
        let json = try JSONValue(parsing: run.stdout)
        #expect(json["kind"] == "diff")
        #expect(json["requiredBump"] == "major")
        #expect(try String(contentsOfFile: "\(folder)/out.json", encoding: .utf8) == run.stdout)
        _ = try JSONValue(parsing: try String(contentsOfFile: "\(folder)/out.sarif", encoding: .utf8))
        #expect(try String(contentsOfFile: "\(folder)/out.junit", encoding: .utf8).hasPrefix("<?xml"))
        #expect(try String(contentsOfFile: "\(folder)/out.github", encoding: .utf8).contains("::warning"), "below fail-on, breaking findings are warnings")
    }

    @Test func sarifResultsPointAtTheLineOfTheChange() async throws {
        let run = try await runAccord(["diff", "snapshots/demo.json", "snapshots/demo-v2.json", "--format", "sarif"])
        let sarif = try JSONValue(parsing: run.stdout)
        let lines = try String(contentsOfFile: new, encoding: .utf8).components(separatedBy: "\n")
        let results = sarif["runs"]?[0]?["results"]?.arrayValue ?? []
        let bound = try #require(results.first { $0["ruleId"] == "input-upper-bound-tightened" })
        let location = bound["locations"]?[0]?["physicalLocation"]
        #expect(location?["artifactLocation"]?["uri"] == "snapshots/demo-v2.json")
        let line = try #require(location?["region"]?["startLine"]?.intValue)
        #expect(lines[line - 1].contains("\"maxLength\": 160"))
    }

    @Test func badReportRequestIsAUsageError() async throws {
        let run = try await runAccord(["diff", old, new, "--report", "pdf=x.pdf"], in: try temporaryFolder())
        #expect(run.status == 2)
        #expect(run.stderr.contains("pdf"))
    }

    @Test func bumpPrintsPartAndNextVersion() async throws {
        let run = try await runAccord(["bump", old, new])
        #expect(run.status == 0)
        #expect(run.stdout == "major 2.0.0\n")
        let json = try await runAccord(["bump", old, new, "--json"])
        #expect(try JSONValue(parsing: json.stdout) == ["bump": "major", "current": "1.0.0", "next": "2.0.0"])
        #expect(try await runAccord(["bump", old, old]).stdout == "none 1.0.0\n")
    }

    @Test func policyAcceptsByFingerprintAndReportsStaleEntries() async throws {
        let folder = try temporaryFolder()
        let report = try JSONValue(parsing: try await runAccord(["diff", old, new, "--format", "json"], in: folder).stdout)
        let breaking = (report["findings"]?.arrayValue ?? []).filter { $0["severity"] == "breaking" }
        let entries = breaking.map { "    - fingerprint: \"\($0["fingerprint"]?.stringValue ?? "")\"\n      reason: accepted in review\n" }.joined()
        try "policy:\n  accept:\n\(entries)    - rule: tool-added\n      path: /tools/nothing-here\n      reason: stale on purpose\n".write(toFile: "\(folder)/accord.yaml", atomically: true, encoding: .utf8)
        let run = try await runAccord(["diff", old, new, "--format", "json"], in: folder)
        #expect(run.status == 0, "\(run)")
        let accepted = try JSONValue(parsing: run.stdout)
        #expect(accepted["accepted"]?.arrayValue?.count == breaking.count)
        #expect(accepted["findings"]?.arrayValue?.contains { $0["ruleId"] == "policy-accept-stale" } == true)
    }

    @Test func badPolicyNamesFileLineAndField() async throws {
        let folder = try temporaryFolder()
        try "policy:\n  severity:\n    tool-vanished: breaking\n".write(toFile: "\(folder)/accord.yaml", atomically: true, encoding: .utf8)
        let run = try await runAccord(["diff", old, new], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("accord.yaml:3: policy.severity.tool-vanished"), "\(run)")
        #expect(run.stderr.contains("unknown rule"))
    }

    @Test func missingSnapshotFileIsAnInputError() async throws {
        let run = try await runAccord(["diff", "nope.json", new], in: try temporaryFolder())
        #expect(run.status == 2)
        #expect(run.stderr.contains("nope.json: no such file"))
    }

    @Test func liveSideIsCapturedAndCompared() async throws {
        let run = try await runAccord(["diff", old, "live", "--", PackagePaths.demoServer, "--release", "2.0.0"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("required bump: major"))
        let same = try await runAccord(["diff", old, "demo"])
        #expect(same.status == 0, "\(same)")
        #expect(same.stdout.contains("No changes"))
    }

    @Test func readmeRuleReferenceMatchesTheCatalogue() async throws {
        let readme = try String(contentsOfFile: PackagePaths.root + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "<!-- rules:begin -->\n").last?.components(separatedBy: "\n<!-- rules:end -->").first)
        let rules = try await runAccord(["rules", "--format", "markdown"])
        #expect(rules.status == 0)
        #expect(section == rules.stdout.trimmingCharacters(in: .newlines), "README rule reference is stale: run scripts/update-readme-rules")
        let json = try JSONValue(parsing: try await runAccord(["rules", "--format", "json"]).stdout)
        #expect((json["rules"]?.arrayValue?.count ?? 0) > 100)
    }
}
