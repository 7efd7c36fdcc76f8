import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// The contract registry end to end with the real CLI and real git: a bare repository over
/// `file://` and the same served by `git daemon` on 127.0.0.1.
@Suite struct RegistryCommandTests {
    let contracts = ["billing-agent", "collections-bot"].map { PackagePaths.path("contracts/\($0).yaml") }

    /// The demo's loop across repositories: consumers publish, the provider verifies 1.0.0 and
    /// 2.0.0 live from the registry and publishes the results, deployments are recorded, and
    /// can-i-deploy answers per pair.
    @Test func theDemoLoopOverGitDaemon() async throws {
        let repository = try RegistryRepository()
        try await repository.serve()
        let registry = try #require(repository.daemonURL)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let publish = try await runAccord(["publish"] + contracts + ["--consumer-version", "1.4.0", "--registry", registry], in: folder)
        #expect(publish.status == 0, "\(publish)")
        #expect(publish.stderr.contains("published: billing-agent 1.4.0 for ledgerly"), "\(publish)")
        let again = try await runAccord(["publish", contracts[0], "--consumer-version", "1.4.0", "--registry", registry], in: folder)
        #expect(again.status == 0 && again.stderr.contains("unchanged: billing-agent 1.4.0"), "\(again)")

        for release in ["1.0.0", "2.0.0"] {
            let verify = try await runAccord(["verify", "--registry", registry, "--provider", "ledgerly", "--publish-results", "--format", "json",
                                              "--", PackagePaths.demoServer, "--release", release], in: folder)
            #expect(verify.status == (release == "1.0.0" ? 0 : 1), "\(verify)")
            #expect(verify.stderr.contains("published 2 verification result(s) for ledgerly \(release)"), "\(verify)")
            let report = try JSONValue(parsing: verify.stdout)
            #expect(report["contracts"]?.arrayValue?.compactMap { $0["file"]?.stringValue }.sorted()
                    == ["registry:ledgerly/billing-agent@1.4.0", "registry:ledgerly/collections-bot@1.4.0"], "\(verify.stdout)")
        }

        for (participant, version) in [("ledgerly", "1.0.0"), ("billing-agent", "1.4.0"), ("collections-bot", "1.4.0")] {
            let deploy = try await runAccord(["record-deployment", "--participant", participant, "--version", version, "--environment", "production", "--registry", registry], in: folder)
            #expect(deploy.status == 0, "\(deploy)")
        }

        let yes = try await runAccord(["can-i-deploy", "--participant", "ledgerly", "--version", "1.0.0", "--to-environment", "production", "--registry", registry], in: folder)
        #expect(yes.status == 0, "\(yes)")
        #expect(yes.stdout.hasPrefix("can-i-deploy ledgerly 1.0.0 to production: YES"), "\(yes)")
        let no = try await runAccord(["can-i-deploy", "--participant", "ledgerly", "--version", "2.0.0", "--to-environment", "production", "--registry", registry, "--format", "json"], in: folder)
        #expect(no.status == 1, "\(no)")
        let decision = try JSONValue(parsing: no.stdout)
        #expect(decision["deployable"] == false)
        let blocking = decision["pairs"]?.arrayValue?.filter { $0["blocking"] == true }.compactMap { $0["consumer"]?.stringValue }
        #expect(blocking == ["billing-agent", "collections-bot"], "\(no.stdout)")
        #expect(decision["pairs"]?.arrayValue?.allSatisfy { $0["state"] == "failed" } == true)
        // The consumers' side: billing-agent 1.4.0 is verified against the deployed ledgerly 1.0.0.
        let consumer = try await runAccord(["can-i-deploy", "--participant", "billing-agent", "--version", "1.4.0", "--to-environment", "production", "--registry", registry], in: folder)
        #expect(consumer.status == 0, "\(consumer)")
        #expect(consumer.stdout.contains("✓ ledgerly 1.0.0 × billing-agent 1.4.0: verified"), "\(consumer)")

        let list = try await runAccord(["registry", "list", "--registry", registry], in: folder)
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("billing-agent 1.4.0 [main]") && list.stdout.contains("verified by 1.0.0 passed, 2.0.0 FAILED"), "\(list)")
        #expect(list.stdout.contains("environment production") && list.stdout.contains("ledgerly 1.0.0"), "\(list)")
        let show = try await runAccord(["registry", "show", "--environment", "production", "--registry", registry], in: folder)
        #expect(show.stdout.contains("deployed 1.0.0"), "\(show)")
        try repository.git(["fsck", "--strict", "--no-progress"])
    }

    /// `accord check` with `registry:` in accord.yaml fetches the contracts published for the
    /// server's baseline name and publishes its verdicts.
    @Test func checkFetchesFromTheConfiguredRegistry() async throws {
        let repository = try RegistryRepository()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/snapshots", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: PackagePaths.path("snapshots/demo.json"), toPath: folder + "/snapshots/demo.json")
        try """
            registry: \(repository.path)
            servers:
              demo:
                command: \(PackagePaths.demoServer)
                args: ["--release", "${LEDGERLY_RELEASE:-1.0.0}"]

            """.write(toFile: folder + "/accord.yaml", atomically: true, encoding: .utf8)
        let publish = try await runAccord(["publish"] + contracts + ["--consumer-version", "1.4.0"], in: folder)
        #expect(publish.status == 0, "\(publish)")

        let check = try await runAccord(["check", "--publish-results"], in: folder)
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.contains("2 contracts against demo"), "\(check)")
        let broken = try await runAccord(["check", "--publish-results", "--format", "json"], in: folder, environment: ["LEDGERLY_RELEASE": "2.0.0"])
        #expect(broken.status == 1, "\(broken)")
        let list = try await runAccord(["registry", "list", "--provider", "ledgerly", "--format", "json", "--registry", repository.fileURL], in: folder)
        let verdicts = try JSONValue(parsing: list.stdout)["pairs"]?.arrayValue?.flatMap { $0["verifications"]?.arrayValue ?? [] } ?? []
        #expect(Set(verdicts.compactMap { $0["providerVersion"]?.stringValue }) == ["1.0.0", "2.0.0"], "\(list)")
    }

    /// Sixteen publishers at once, from separate processes: contracts for one hot pair, for
    /// distinct pairs, verification results on shared pairs, deployments — nothing lost, every
    /// history linear, the repository valid.
    @Test func sixteenConcurrentWritersLoseNothing() async throws {
        let repository = try RegistryRepository()
        let registry = repository.fileURL
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func contract(_ consumer: String) throws -> String {
            let path = "\(folder)/\(consumer).yaml"
            // Another provider: the verification runs below verify ledgerly's contracts only.
            try "accord-contract: 1\nconsumer: \(consumer)\nprovider: invoicing\ntools:\n  - name: get_invoice\n".write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let setup = try await runAccord(["publish"] + contracts + ["--consumer-version", "1.4.0", "--registry", registry], in: folder)
        #expect(setup.status == 0, "\(setup)")
        let hot = try contract("hot-consumer")
        var jobs: [[String]] = []
        for version in 1...6 { jobs.append(["publish", hot, "--consumer-version", "\(version).0.0", "--registry", registry]) }
        for index in 1...4 { jobs.append(["publish", try contract("consumer-\(index)"), "--consumer-version", "1.0.0", "--registry", registry]) }
        for version in ["1.0.0", "1.1.0"] { jobs.append(["record-deployment", "--participant", "ledgerly", "--version", version, "--environment", "production", "--registry", registry]) }
        for participant in ["billing-agent", "collections-bot"] { jobs.append(["record-deployment", "--participant", participant, "--version", "1.4.0", "--environment", "production", "--registry", registry]) }
        for snapshot in ["demo.json", "demo-v2.json"] {
            jobs.append(["verify", "--against", PackagePaths.path("snapshots/\(snapshot)"), "--registry", registry, "--provider", "ledgerly", "--publish-results"])
        }
        #expect(jobs.count == 16)
        let runs = try await withThrowingTaskGroup(of: AccordRun.self) { group in
            for job in jobs { group.addTask { try await runAccord(job, in: folder) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for run in runs { #expect(run.status == 0 || run.status == 1 && run.stdout.contains("failed"), "\(run)") }

        func count(_ ref: String) throws -> Int { Int(try repository.git(["rev-list", "--count", ref])) ?? -1 }
        func merges(_ ref: String) throws -> Int { Int(try repository.git(["rev-list", "--merges", "--count", ref])) ?? -1 }
        let hotRef = "refs/heads/accord/contracts/invoicing/hot-consumer"
        let hotLog = try repository.git(["log", "--format=%s", hotRef])
        #expect(try count(hotRef) == 6, "\(hotLog)")
        let hotVersions = try repository.git(["ls-tree", "--name-only", hotRef + ":versions"]).split(separator: "\n").map(String.init)
        #expect(hotVersions.sorted() == (1...6).map { "\($0).0.0" })
        for index in 1...4 {
            let ref = "refs/heads/accord/contracts/invoicing/consumer-\(index)"
            let log = try repository.git(["log", "--format=%s", ref])
            #expect(try count(ref) == 1, "\(ref): \(log)")
        }
        for consumer in ["billing-agent", "collections-bot"] {
            let ref = "refs/heads/accord/contracts/ledgerly/\(consumer)"
            #expect(try count(ref) == 3, "one publication and two verification results on \(ref)")
            #expect(try repository.git(["ls-tree", "--name-only", ref + ":verifications"]).split(separator: "\n").sorted() == ["1.0.0", "2.0.0"])
        }
        let ledgerly = try JSONValue(parsing: try repository.git(["show", "refs/heads/accord/environments/production/ledgerly:deployment.json"]))
        #expect(Set(ledgerly["history"]?.arrayValue?.compactMap { $0["version"]?.stringValue } ?? []) == ["1.0.0", "1.1.0"])
        #expect(try count("refs/heads/accord/environments/production/ledgerly") == 2)
        for ref in try repository.git(["for-each-ref", "--format=%(refname)"]).split(separator: "\n").map(String.init) {
            #expect(try merges(ref) == 0, "\(ref) is not linear")
        }
        try repository.git(["fsck", "--strict", "--no-progress"])
    }

    @Test func badInputAndAnUnreachableRegistryHaveTheirExitCodes() async throws {
        let repository = try RegistryRepository()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try await runAccord(["publish", contracts[0], "--consumer-version", "1.4.0", "--registry", repository.path], in: folder)
        #expect(first.status == 0, "\(first)")
        // A different text under the same version: refused, then replaced with --force.
        let changed = folder + "/billing-agent.yaml"
        try (try String(contentsOfFile: contracts[0], encoding: .utf8) + "\n# changed\n").write(toFile: changed, atomically: true, encoding: .utf8)
        let refused = try await runAccord(["publish", changed, "--consumer-version", "1.4.0", "--registry", repository.path], in: folder)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("already published for ledgerly with a different text"), "\(refused)")
        let forced = try await runAccord(["publish", changed, "--consumer-version", "1.4.0", "--force", "--registry", repository.path], in: folder)
        #expect(forced.status == 0 && forced.stderr.contains("replaced:"), "\(forced)")

        let badName = try await runAccord(["record-deployment", "--participant", "ledgerly", "--version", "1.0.0", "--environment", "prod env", "--registry", repository.path], in: folder)
        #expect(badName.status == 2, "\(badName)")
        #expect(badName.stderr.contains("\"prod env\" is not a valid environment name"), "\(badName)")

        let port = freePort()
        let unreachable = try await runAccord(["publish", contracts[0], "--consumer-version", "1.4.0", "--registry", "git://127.0.0.1:\(port)/registry.git"], in: folder)
        #expect(unreachable.status == 3, "\(unreachable)")
        #expect(unreachable.stderr.contains("cannot reach the registry git://127.0.0.1:\(port)/registry.git"), "\(unreachable)")
        #expect(unreachable.stderr.split(separator: "\n").count == 1, "one clear line: \(unreachable.stderr)")

        let noRegistry = try await runAccord(["publish", contracts[0], "--consumer-version", "1.4.0"], in: folder)
        #expect(noRegistry.status == 2 && noRegistry.stderr.contains("no registry"), "\(noRegistry)")
        let missingFlag = try await runAccord(["can-i-deploy", "--participant", "ledgerly", "--registry", repository.path], in: folder)
        #expect(missingFlag.status == 2, "\(missingFlag)")
        // Nothing was written in the working directory by any of it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["billing-agent.yaml"])
    }
}
