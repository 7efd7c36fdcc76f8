import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// `git:REF:PATH` snapshot arguments and `accord check --baseline-ref`: the pull-request flow
/// where the baseline is whatever main has, in a scratch repository.
@Suite struct GitBaselineTests {
    /// A repository whose committed baseline is the demo's 1.0.0 snapshot, while the working tree
    /// already holds 2.0.0 (a pull request that changed the server and its baseline).
    func repositoryWithAChangedBaseline() throws -> ScratchRepository {
        let scratch = try ScratchRepository()
        try scratch.copy(PackagePaths.path("snapshots/demo.json"), to: "snapshots/demo.json")
        try scratch.commit("baseline 1.0.0")
        try scratch.copy(PackagePaths.path("snapshots/demo-v2.json"), to: "snapshots/demo.json")
        return scratch
    }

    @Test func diffReadsOneSideFromARevision() async throws {
        let scratch = try repositoryWithAChangedBaseline()
        let run = try await runAccord(["diff", "git:main:snapshots/demo.json", "snapshots/demo.json"], in: scratch.root)
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("8 breaking, 5 potentially breaking, 8 non-breaking"), "\(run)")
        #expect(run.stdout.contains("git:main:snapshots/demo.json"), "the report names the revision it read")

        let same = try await runAccord(["diff", "git:HEAD:snapshots/demo.json", "git:main:snapshots/demo.json", "--fail-on", "any"], in: scratch.root)
        #expect(same.status == 0, "\(same)")
    }

    @Test func staticVerificationAndBumpAcceptARevisionToo() async throws {
        let scratch = try repositoryWithAChangedBaseline()
        let bump = try await runAccord(["bump", "git:main:snapshots/demo.json", "snapshots/demo.json"], in: scratch.root)
        #expect(bump.status == 0, "\(bump)")
        #expect(bump.stdout.hasPrefix("major 2.0.0"), "\(bump)")
        let verify = try await runAccord(["verify", PackagePaths.path("contracts/billing-agent.yaml"), "--against", "git:main:snapshots/demo.json"], in: scratch.root)
        #expect(verify.status == 0, "\(verify)")
    }

    @Test func anUnknownRevisionOrPathOrNoRepositoryIsExitTwoNamingIt() async throws {
        let scratch = try repositoryWithAChangedBaseline()
        let revision = try await runAccord(["diff", "git:origin/nope:snapshots/demo.json", "snapshots/demo.json"], in: scratch.root)
        #expect(revision.status == 2, "\(revision)")
        #expect(revision.stderr.contains("unknown git revision \"origin/nope\""), "\(revision)")

        let path = try await runAccord(["diff", "git:main:snapshots/api.json", "snapshots/demo.json"], in: scratch.root)
        #expect(path.status == 2, "\(path)")
        #expect(path.stderr.contains("snapshots/api.json does not exist at git revision \"main\""), "\(path)")

        let malformed = try await runAccord(["diff", "git:main", "snapshots/demo.json"], in: scratch.root)
        #expect(malformed.status == 2, "\(malformed)")
        #expect(malformed.stderr.contains("git:REF:PATH"), "\(malformed)")

        let outside = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let noRepository = try await runAccord(["diff", "git:main:snapshots/demo.json", PackagePaths.path("snapshots/demo.json")],
                                               in: outside, environment: ["GIT_CEILING_DIRECTORIES": (outside as NSString).deletingLastPathComponent])
        #expect(noRepository.status == 2, "\(noRepository)")
        #expect(noRepository.stderr.contains("is not inside a git repository"), "\(noRepository)")
    }

    @Test func checkComparesTheLiveServerWithTheBaselineAtTheRevision() async throws {
        let scratch = try ScratchRepository()
        try scratch.write("accord.yaml", """
            snapshots: snapshots
            servers:
              demo:
                command: \(PackagePaths.demoServer)
                args: ["--release", "${LEDGERLY_RELEASE:-1.0.0}"]

            """)
        try scratch.copy(PackagePaths.path("snapshots/demo.json"), to: "snapshots/demo.json")
        try scratch.commit("baseline 1.0.0")
        // The pull request: the server moves to 2.0.0 and its baseline with it, so against the
        // working tree the gate passes; against main it shows what the release breaks.
        try scratch.copy(PackagePaths.path("snapshots/demo-v2.json"), to: "snapshots/demo.json")
        let release = ["LEDGERLY_RELEASE": "2.0.0"]

        let workingTree = try await runAccord(["check"], in: scratch.root, environment: release)
        #expect(workingTree.status == 0, "\(workingTree)")
        let againstMain = try await runAccord(["check", "--baseline-ref", "main", "--format", "json"], in: scratch.root, environment: release)
        #expect(againstMain.status == 1, "\(againstMain)")
        let server = try JSONValue(parsing: againstMain.stdout)["servers"]?[0]
        #expect(server?["baseline"] == "git:main:snapshots/demo.json", "\(againstMain)")
        #expect(server?["status"] == "failed", "\(againstMain)")

        let unknown = try await runAccord(["check", "--baseline-ref", "release/9"], in: scratch.root)
        #expect(unknown.status == 2, "\(unknown)")
        #expect(unknown.stderr.contains("unknown git revision \"release/9\""), "\(unknown)")

        let withUpdate = try await runAccord(["check", "--baseline-ref", "main", "--update"], in: scratch.root)
        #expect(withUpdate.status == 2, "\(withUpdate)")
        #expect(withUpdate.stderr.contains("--baseline-ref"), "\(withUpdate)")
    }

    @Test func checkNamesABaselineMissingAtTheRevision() async throws {
        let scratch = try ScratchRepository()
        try scratch.write("accord.yaml", "servers:\n  demo:\n    command: \(PackagePaths.demoServer)\n")
        try scratch.commit("no baseline yet")
        try scratch.copy(PackagePaths.path("snapshots/demo.json"), to: "snapshots/demo.json")
        let run = try await runAccord(["check", "--baseline-ref", "HEAD"], in: scratch.root)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("snapshots/demo.json does not exist at git revision \"HEAD\""), "\(run)")
    }
}
