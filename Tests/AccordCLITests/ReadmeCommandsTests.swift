import AccordTestSupport
import Foundation
import Testing

/// The README's two set-up commands, and the committed demo baselines they rely on.
@Suite struct ReadmeCommandsTests {
    @Test func readmeStartsWithTheTwoSetUpCommands() async throws {
        let readme = try String(contentsOfFile: PackagePaths.root + "/README.md", encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```").dropFirst().first)
        let commands = block.split(separator: "\n").dropFirst().map { $0.split(separator: "#")[0].trimmingCharacters(in: .whitespaces) }
        #expect(commands == ["swift run accord check", "scripts/test"])
        let ci = try String(contentsOfFile: PackagePaths.root + "/.ci/run", encoding: .utf8)
        #expect(ci.contains("scripts/test"))
    }

    /// The committed demo snapshots are what the demo serves: release 1.0.0 is the baseline
    /// `accord check` compares with, release 2.0.0 (LEDGERLY_RELEASE) the diff examples' new side.
    @Test(arguments: [("1.0.0", "demo.json"), ("2.0.0", "demo-v2.json")])
    func demoSnapshotMatchesTheCommittedFile(_ release: String, _ file: String) async throws {
        let run = try await runAccord(["snapshot", "demo"], environment: ["LEDGERLY_RELEASE": release])
        #expect(run.status == 0, "\(run)")
        let baseline = try String(contentsOfFile: PackagePaths.root + "/snapshots/\(file)", encoding: .utf8)
        #expect(run.stdout == baseline, "snapshots/\(file) is stale: run `LEDGERLY_RELEASE=\(release) swift run accord snapshot demo -o snapshots/\(file)`")
    }
}
