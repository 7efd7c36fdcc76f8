import AccordContracts
import AccordJSON
import AccordRegistry
import AccordTestSupport
import Foundation
import Testing

/// A bare registry repository in a temporary folder, removed at the end.
final class BareRegistry: Sendable {
    let path: String
    var url: String { "file://" + path }

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("accord-registry-test-\(UUID().uuidString).git").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try runGit(["init", "--quiet", "--bare", path])
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

func contractText(consumer: String, provider: String = "ledgerly", tool: String = "get_invoice", pending: Bool = false) -> String {
    """
    accord-contract: 1
    consumer: \(consumer)
    provider: \(provider)
    \(pending ? "pending: true\n" : "")tools:
      - name: \(tool)

    """
}

@Suite struct RegistryNameTests {
    @Test(arguments: ["ledgerly", "billing-agent", "v1.2.3+build.4", "A_b"])
    func acceptsRefSafeNames(_ name: String) throws {
        #expect(try RegistryName.validate(name, as: .participant) == name)
    }

    @Test(arguments: ["", "-x", ".hidden", "a..b", "x.lock", "a b", "a/b", "naïve", "a:b", "a~1"])
    func refusesNamesGitCannotCarry(_ name: String) {
        #expect(throws: RegistryError.self) { try RegistryName.validate(name, as: .participant) }
    }

    @Test func branchesMayHaveSlashes() throws {
        #expect(try RegistryName.validate("feature/new-invoice", as: .branch) == "feature/new-invoice")
        #expect(throws: RegistryError.self) { try RegistryName.validate("feature//x", as: .branch) }
    }

    @Test func selectorsParse() throws {
        #expect(try ContractSelector(parsing: "main") == .main)
        #expect(try ContractSelector(parsing: "branch:feature/x") == .branch("feature/x"))
        #expect(try ContractSelector(parsing: "deployed:production") == .deployed("production"))
        #expect(try ContractSelector(parsing: "all") == .all)
        #expect(throws: RegistryError.self) { try ContractSelector(parsing: "latest") }
    }

    @Test func credentialsNeverShowInTheURL() {
        #expect(RegistryRemote.redacted("https://bot:ghp_secret@github.com/acme/contracts.git") == "https://github.com/acme/contracts.git")
        #expect(RegistryRemote.redacted("git@github.com:acme/contracts.git") == "git@github.com:acme/contracts.git")
    }
}

@Suite struct RegistryStoreTests {
    func withRegistry<T: Sendable>(_ bare: BareRegistry, _ body: (Registry) async throws -> T) async throws -> T {
        try await RegistryRemote.with(bare.url) { try await body(Registry($0)) }
    }

    @Test func publishingIsIdempotentAndRefusesADifferentTextUnderAVersion() async throws {
        let bare = try BareRegistry()
        let first = try await withRegistry(bare) { try await $0.publish(contractText(consumer: "billing-agent"), file: "a.yaml", consumerVersion: "1.0.0", branch: "main") }
        #expect(first.change == .published)
        let again = try await withRegistry(bare) { try await $0.publish(contractText(consumer: "billing-agent"), file: "a.yaml", consumerVersion: "1.0.0", branch: "main") }
        #expect(again.change == .unchanged)
        let branch = try await withRegistry(bare) { try await $0.publish(contractText(consumer: "billing-agent"), file: "a.yaml", consumerVersion: "1.0.0", branch: "feature/x") }
        #expect(branch.change == .branchAdded)

        let changed = contractText(consumer: "billing-agent", tool: "list_invoices")
        let refusal = await #expect(throws: RegistryError.self) {
            try await withRegistry(bare) { try await $0.publish(changed, file: "a.yaml", consumerVersion: "1.0.0", branch: "main") }
        }
        #expect(refusal?.kind == .input)
        #expect(refusal?.message.contains("--force") == true)
        let forced = try await withRegistry(bare) { try await $0.publish(changed, file: "a.yaml", consumerVersion: "1.0.0", branch: "main", force: true) }
        #expect(forced.change == .replaced)

        let pairs = try await withRegistry(bare) { try await $0.pairs(provider: "ledgerly") }
        #expect(pairs.count == 1)
        #expect(pairs[0].contracts.map(\.text) == [changed])
        #expect(pairs[0].contracts[0].publication.contentHash == ContentHash.sha256(changed))
        // One commit per operation that changed something, on one linear history.
        let log = try git(["--git-dir", bare.path, "rev-list", "--count", "refs/heads/accord/contracts/ledgerly/billing-agent"])
        #expect(log == "3")
    }

    @Test func aHandEditedContractIsAnInputErrorNamingTheFile() async throws {
        let bare = try BareRegistry()
        _ = try await withRegistry(bare) { try await $0.publish(contractText(consumer: "billing-agent"), file: "a.yaml", consumerVersion: "1.0.0", branch: "main") }
        // Someone edits contract.yaml on the ref without updating the publication's hash.
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("accord-edit-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        let ref = "accord/contracts/ledgerly/billing-agent"
        _ = try git(["clone", "--quiet", "--branch", ref, bare.url, work])
        try Data("accord-contract: 1\nconsumer: billing-agent\nprovider: ledgerly\n".utf8).write(to: URL(fileURLWithPath: work + "/versions/1.0.0/contract.yaml"))
        _ = try git(["-C", work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-am", "edit"])
        _ = try git(["-C", work, "push", "--quiet", "origin", ref])

        let pairs = try await withRegistry(bare) { try await $0.pairs(provider: "ledgerly") }
        let error = #expect(throws: RegistryError.self) { try pairs.first?.contracts.first?.checkedText() }
        #expect(error?.kind == .input)
        #expect(error?.message.contains("versions/1.0.0/contract.yaml") == true)
        #expect(error?.message.contains("does not match") == true)
    }

    @Test func deploymentsKeepTheirHistory() async throws {
        let bare = try BareRegistry()
        let recorded = try await withRegistry(bare) { registry in
            [try await registry.recordDeployment(participant: "ledgerly", version: "1.0.0", environment: "production"),
             try await registry.recordDeployment(participant: "ledgerly", version: "1.0.0", environment: "production"),
             try await registry.recordDeployment(participant: "ledgerly", version: "1.1.0", environment: "production")]
        }
        #expect(recorded == [true, false, true])
        let records = try await withRegistry(bare) { try await $0.deployments(environment: "production") }
        #expect(records.count == 1)
        #expect(records[0].deployed == "1.1.0")
        #expect(records[0].history.map(\.version) == ["1.0.0", "1.1.0"])
        let wrongUndeploy = await #expect(throws: RegistryError.self) {
            try await withRegistry(bare) { try await $0.recordDeployment(participant: "ledgerly", version: "1.0.0", environment: "production", undeploy: true) }
        }
        #expect(wrongUndeploy?.message.contains("deployed there: 1.1.0") == true)
        _ = try await withRegistry(bare) { try await $0.recordDeployment(participant: "ledgerly", version: "1.1.0", environment: "production", undeploy: true) }
        let after = try await withRegistry(bare) { try await $0.deployments(environment: "production") }
        #expect(after[0].deployed == nil)
        #expect(after[0].history.last?.action == .undeployed)
    }

    @Test func everyFileMatchesItsPublishedSchema() async throws {
        let bare = try BareRegistry()
        let text = contractText(consumer: "billing-agent")
        try await withRegistry(bare) { registry in
            _ = try await registry.publish(text, file: "a.yaml", consumerVersion: "1.0.0", branch: "main")
            try await registry.publish(VerificationResult(provider: "ledgerly", providerVersion: "1.0.0", providerBranch: "main", consumer: "billing-agent",
                                                          contentHash: ContentHash.sha256(text), passed: true, verifiedAt: "2026-12-06T10:00:00Z", report: ["kind": "verify"]))
            _ = try await registry.recordDeployment(participant: "ledgerly", version: "1.0.0", environment: "production")
        }
        let files: [(String, String)] = [
            ("refs/heads/accord/contracts/ledgerly/billing-agent:versions/1.0.0/publication.json", "accord-registry-publication"),
            ("refs/heads/accord/contracts/ledgerly/billing-agent:verifications/1.0.0/\(ContentHash.sha256(text).dropFirst(7)).json", "accord-registry-verification"),
            ("refs/heads/accord/environments/production/ledgerly:deployment.json", "accord-registry-deployment"),
        ]
        for (object, schemaName) in files {
            let instance = try JSONValue(parsing: Array(try git(["--git-dir", bare.path, "show", object]).utf8))
            let schema = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: PackagePaths.path("docs/schemas/\(schemaName).schema.json")))))
            let errors = JSONSchemaValidator(schema: schema).validate(instance)
            #expect(errors.isEmpty, "\(object) against \(schemaName): \(errors)")
        }
    }

    @Test func anUnreachableRegistryIsNamedWithoutItsCredentials() async throws {
        let error = await #expect(throws: RegistryError.self) {
            try await RegistryRemote.with("https://bot:s3cret@127.0.0.1:9/nothing.git") { try await Registry($0).pairs() }
        }
        #expect(error?.kind == .unreachable)
        #expect(error?.message.contains("s3cret") == false, "\(error?.message ?? "")")
        #expect(error?.message.contains("https://127.0.0.1:9/nothing.git") == true, "\(error?.message ?? "")")
    }
}

@Suite struct DeploymentDecisionTests {
    func pairs(_ bare: BareRegistry, verdicts: [(String, Bool)], pending: Bool = false) async throws -> [PairRecords] {
        try await RegistryRemote.with(bare.url) { remote in
            let registry = Registry(remote)
            let text = contractText(consumer: "billing-agent", pending: pending)
            _ = try await registry.publish(text, file: "a.yaml", consumerVersion: "1.4.0", branch: "main")
            for (version, passed) in verdicts {
                try await registry.publish(VerificationResult(provider: "ledgerly", providerVersion: version, providerBranch: "main", consumer: "billing-agent",
                                                              contentHash: ContentHash.sha256(text), passed: passed, verifiedAt: "2026-12-06T10:00:0\(verdicts.count)Z", report: [:]))
            }
            return try await registry.pairs(involving: "ledgerly")
        }
    }

    let deployed = [DeploymentRecord(environment: "production", participant: "billing-agent", deployed: "1.4.0"),
                    DeploymentRecord(environment: "production", participant: "ledgerly", deployed: "1.0.0")]

    @Test func bothDirectionsNeedAPassingVerification() async throws {
        let bare = try BareRegistry()
        let pairs = try await pairs(bare, verdicts: [("1.0.0", true), ("2.0.0", false)])
        let yes = DeploymentDecision.decide(participant: "ledgerly", version: "1.0.0", environment: "production", registry: "r", pairs: pairs, deployments: deployed)
        #expect(yes.allowed)
        let no = DeploymentDecision.decide(participant: "ledgerly", version: "2.0.0", environment: "production", registry: "r", pairs: pairs, deployments: deployed)
        #expect(!no.allowed)
        #expect(no.pairs.map(\.state) == [.failed])
        let unknown = DeploymentDecision.decide(participant: "ledgerly", version: "3.0.0", environment: "production", registry: "r", pairs: pairs, deployments: deployed)
        #expect(unknown.pairs.map(\.state) == [.unverified])
        #expect(!unknown.allowed)
        // The consumer side: billing-agent 1.4.0 against the deployed ledgerly 1.0.0.
        let consumer = DeploymentDecision.decide(participant: "billing-agent", version: "1.4.0", environment: "production", registry: "r", pairs: pairs, deployments: deployed)
        #expect(consumer.allowed)
        #expect(consumer.pairs.map(\.providerVersion) == ["1.0.0"])
        let staging = DeploymentDecision.decide(participant: "ledgerly", version: "2.0.0", environment: "staging", registry: "r", pairs: pairs, deployments: deployed)
        #expect(staging.allowed && staging.pairs.isEmpty, "nothing is deployed in staging")
    }

    @Test func aContractThatNeverPassedDoesNotBlockTheProviderButBlocksTheConsumer() async throws {
        let bare = try BareRegistry()
        let pairs = try await pairs(bare, verdicts: [("2.0.0", false)], pending: true)
        let provider = DeploymentDecision.decide(participant: "ledgerly", version: "2.0.0", environment: "production", registry: "r", pairs: pairs, deployments: deployed)
        #expect(provider.allowed)
        #expect(provider.pairs.first?.pending == true)
        let consumer = DeploymentDecision.decide(participant: "billing-agent", version: "1.4.0", environment: "production", registry: "r", pairs: pairs, deployments: deployed)
        #expect(!consumer.allowed, "ledgerly 1.0.0 never verified billing-agent 1.4.0")
    }
}

func git(_ arguments: [String]) throws -> String { try runGit(arguments) }
