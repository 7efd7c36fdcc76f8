import AccordEvolution
import AccordJSON
import Foundation
import Testing

private typealias B = SnapshotBuilder

@Suite struct SemanticVersionTests {
    @Test(arguments: [
        ("1.4.2", SemverEffect.major, "2.0.0"), ("1.4.2", .minor, "1.5.0"), ("1.4.2", .patch, "1.4.3"), ("1.4.2", .none, "1.4.2"),
        ("0.3.1", .major, "0.4.0"), ("0.3.1", .minor, "0.3.2"), ("0.3.1", .patch, "0.3.2"), ("v2.1", .minor, "2.2.0"),
    ])
    func bumps(_ version: String, _ effect: SemverEffect, _ next: String) throws {
        #expect(try #require(SemanticVersion(version)).bumped(for: effect).description == next)
    }

    @Test func ordersPrereleasesBeforeReleases() throws {
        #expect(try #require(SemanticVersion("2.0.0-rc.1")) < #require(SemanticVersion("2.0.0")))
        #expect(SemanticVersion("not-a-version") == nil)
    }
}

@Suite struct VersionCheckTests {
    private func report(old: String, new: String, removeTool: Bool = true) -> EvolutionReport {
        let before = B(version: old, tools: [B.tool("a"), B.tool("b", input: ["type": "object", "required": ["x"]])])
        var after = B(version: new, tools: [B.tool("a"), B.tool("b", input: ["type": "object", "required": ["x"]])])
        if removeTool { after.tools.removeLast() }
        return Evolution.diff(old: before.snapshot, new: after.snapshot, checkVersion: true, today: "2026-11-22")
    }

    @Test(arguments: [
        ("1.0.0", "1.1.0", "version-bump-insufficient"), ("1.0.0", "0.9.0", "version-decreased"),
        ("1.0.0", "1.0.0", "version-not-bumped"), ("0.2.0", "0.2.5", "version-bump-insufficient"),
    ])
    func insufficientBumpsAreFindings(_ old: String, _ new: String, _ rule: String) throws {
        let result = report(old: old, new: new)
        let finding = try #require(result.findings.first { $0.ruleID == rule }, "\(result.findings.map(\.ruleID))")
        #expect(finding.pointer.description == "/serverInfo/version")
        #expect(finding.severity == .breaking)
    }

    @Test(arguments: [("1.0.0", "2.0.0"), ("0.2.0", "0.3.0"), ("1.0.0", "3.1.0")])
    func sufficientBumpsPass(_ old: String, _ new: String) {
        #expect(!report(old: old, new: new).findings.contains { $0.ruleID.hasPrefix("version-") })
    }

    @Test func noChangesNoBumpNeeded() {
        let result = report(old: "1.0.0", new: "1.0.0", removeTool: false)
        #expect(result.findings.isEmpty)
        #expect(result.requiredBump == .none)
        #expect(result.nextVersion == "1.0.0")
    }
}

@Suite struct PolicyTests {
    static let old = B(tools: [B.tool("a", input: ["type": "object", "properties": ["q": ["type": "string"]]]), B.tool("gone", input: ["type": "object", "required": ["z"]])]).snapshot
    static let new = B(tools: [B.tool("a", input: ["type": "object", "properties": ["q": ["type": "string"]]], extra: ["description": "now with text"])]).snapshot

    private func diff(_ policy: Policy) -> EvolutionReport {
        Evolution.diff(old: Self.old, new: Self.new, policy: policy, today: "2026-11-22")
    }

    @Test func acceptByFingerprintSilencesExactlyThatFinding() throws {
        let baseline = diff(Policy())
        let removal = try #require(baseline.findings.first { $0.ruleID == "tool-removed" })
        #expect(baseline.failed)
        let accepted = diff(Policy(accept: [AcceptEntry(fingerprint: removal.fingerprint, reason: "sunset announced")]))
        #expect(!accepted.findings.contains { $0.ruleID == "tool-removed" })
        #expect(accepted.accepted.map(\.finding.fingerprint) == [removal.fingerprint])
        #expect(accepted.accepted.first?.reason == "sunset announced")
        #expect(accepted.findings.count == baseline.findings.count - 1)
        #expect(!accepted.failed)
        #expect(accepted.requiredBump == .patch)
    }

    @Test func acceptByRuleAndPathMatchesBelowThePath() {
        let result = diff(Policy(accept: [AcceptEntry(rule: "tool-removed", path: try! JSONPointer(parsing: "/tools/gone"), reason: "ok")]))
        #expect(result.accepted.count == 1)
    }

    @Test func staleAndExpiredEntriesAreReported() throws {
        let result = diff(Policy(accept: [
            AcceptEntry(fingerprint: "000000000000", reason: "left over"),
            AcceptEntry(rule: "tool-removed", reason: "temporary", expires: "2026-01-31"),
        ]))
        let stale = try #require(result.findings.first { $0.ruleID == "policy-accept-stale" })
        #expect(stale.pointer.description == "/policy/accept/0")
        #expect(result.findings.contains { $0.ruleID == "policy-accept-expired" && $0.pointer.description == "/policy/accept/1" })
        #expect(result.findings.contains { $0.ruleID == "tool-removed" }, "an expired acceptance no longer silences")
    }

    @Test func severityOverridesAndOff() {
        let raised = diff(Policy(severityOverrides: ["tool-description-changed": .some(.breaking)]))
        #expect(raised.findings.first { $0.ruleID == "tool-description-changed" }?.severity == .breaking)
        let dropped = diff(Policy(severityOverrides: ["tool-description-changed": Severity?.none]))
        #expect(!dropped.findings.contains { $0.ruleID == "tool-description-changed" })
    }

    @Test(arguments: [(FailOn.breaking, true), (.never, false), (.any, true), (.potentiallyBreaking, true)])
    func failOnDecides(_ failOn: FailOn, _ fails: Bool) {
        #expect(diff(Policy(failOn: failOn)).failed == fails)
    }

    @Test func failOnPotentiallyBreakingIgnoresNonBreaking() {
        let onlyText = Evolution.diff(old: B(tools: [B.tool("a")]).snapshot, new: B(tools: [B.tool("a", extra: ["description": "x"])]).snapshot, policy: Policy(failOn: .potentiallyBreaking))
        #expect(!onlyText.failed)
        #expect(Evolution.diff(old: B(tools: [B.tool("a")]).snapshot, new: B(tools: [B.tool("a", extra: ["description": "x"])]).snapshot, policy: Policy(failOn: .any)).failed)
    }

    @Test func strictPromotesPotentiallyBreaking() {
        let old = B(tools: [B.tool("a", extra: ["annotations": ["openWorldHint": false]])]).snapshot
        let new = B(tools: [B.tool("a", extra: ["annotations": ["openWorldHint": true]])]).snapshot
        #expect(Evolution.diff(old: old, new: new).findings.first?.severity == .potentiallyBreaking)
        let strict = Evolution.diff(old: old, new: new, policy: Policy(strict: true))
        #expect(strict.findings.first?.severity == .breaking)
        #expect(strict.requiredBump == .major)
    }

    @Test func extensibleEnumsMakeAddedOutputValuesNonBreaking() throws {
        let output: (JSONValue) -> JSONValue = { values in ["type": "object", "properties": ["kind": ["type": "string", "enum": values]]] }
        let old = B(tools: [B.tool("search", output: output(["a"]))]).snapshot
        let new = B(tools: [B.tool("search", output: output(["a", "b"]))]).snapshot
        let plain = Evolution.diff(old: old, new: new)
        #expect(plain.findings.first?.severity == .potentiallyBreaking)
        let open = Evolution.diff(old: old, new: new, policy: Policy(extensibleEnums: [try JSONPointer(parsing: "/tools/search/outputSchema/properties/kind")]))
        #expect(open.findings.first?.severity == .nonBreaking)
    }

    @Test func deprecationWindowByMinorReleases() {
        let old = B(version: "1.2.0", tools: [B.tool("a"), B.tool("legacy", extra: ["_meta": ["deprecated": ["since": "1.2.0"]]])]).snapshot
        let early = B(version: "1.3.0", tools: [B.tool("a")]).snapshot
        let late = B(version: "1.4.0", tools: [B.tool("a")]).snapshot
        let policy = Policy(deprecationMinorReleases: 2)
        #expect(Evolution.diff(old: old, new: early, policy: policy).findings.first?.ruleID == "tool-removed")
        #expect(Evolution.diff(old: old, new: late, policy: policy).findings.first?.ruleID == "tool-removed-after-deprecation")
    }

    @Test func fingerprintsAreStableAcrossUnrelatedEdits() throws {
        let first = try #require(diff(Policy()).findings.first { $0.ruleID == "tool-removed" })
        var edited = B(tools: [B.tool("a", extra: ["title": "A"]), B.tool("gone", input: ["type": "object", "required": ["z"]])])
        edited.instructions = "Different."
        let second = try #require(Evolution.diff(old: edited.snapshot, new: Self.new).findings.first { $0.ruleID == "tool-removed" })
        #expect(first.fingerprint == second.fingerprint)
        #expect(first.fingerprint.count == 12)
    }
}

@Suite struct UTCDateTests {
    @Test("today is the UTC calendar date, as Foundation formats it")
    func todayMatchesFoundation() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let before = formatter.string(from: Date()), today = UTCDate.today(), after = formatter.string(from: Date())
        #expect(today == before || today == after)
        #expect(UTCDate.isValid(today))
    }
}
