import AccordTestSupport
import Foundation
import Testing

/// The README's two set-up commands, and the committed demo baselines they rely on.
@Suite struct ReadmeCommandsTests {
    @Test func readmeStartsWithTheTwoSetUpCommands() async throws {
        let readme = try String(contentsOfFile: PackagePaths.root + "/README.md", encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```").dropFirst().first)
        let commands = block.split(separator: "\n").dropFirst().map { $0.split(separator: "#")[0].trimmingCharacters(in: .whitespaces) }
        #expect(commands == ["swift run accord snapshot demo", "scripts/test"])
        let ci = try String(contentsOfFile: PackagePaths.root + "/.ci/run", encoding: .utf8)
        #expect(ci.contains("scripts/test"))
    }

    /// `swift run accord snapshot demo` is this binary with these arguments, run from the root;
    /// its output must equal the committed baseline, or the baseline is stale.
    @Test(arguments: ["demo", "demo-v2"])
    func demoSnapshotMatchesTheCommittedBaseline(_ server: String) async throws {
        let run = try await runAccord(["snapshot", server])
        #expect(run.status == 0, "\(run)")
        let baseline = try String(contentsOfFile: PackagePaths.root + "/snapshots/\(server).json", encoding: .utf8)
        #expect(run.stdout == baseline, "snapshots/\(server).json is stale: run `swift run accord snapshot \(server) --update`")
    }
}
