import AccordContracts
import AccordEvolution
import AccordMCP
import AccordProbe
import AccordReport
import AccordSnapshot
import Foundation

/// One configured server's pass through `accord check`: capture it live and verify its
/// contracts in one session, compare the capture with the committed baseline (policy and
/// version check applied, findings tied to the consumers they break), with `probe:` in
/// accord.yaml probe it (docs/probe.md), and with `--update` rewrite the baseline.
///
/// Everything that can be wrong with the user's files (config, baseline, contracts) is read
/// before any server starts, so a gate only fails here because of the server.
struct ServerGate: Sendable {
    var definition: ServerDefinition
    var target: ProviderTarget
    var baselinePath: String
    /// The committed baseline; `nil` when there is none yet.
    var baseline: Snapshot?
    var contracts: ContractSet
    var policy: Policy
    var client: ClientOptions
    var update: Bool

    func run() async -> CheckReport.ServerResult {
        var result = CheckReport.ServerResult(server: definition.name, baseline: baselinePath, baselineMissing: baseline == nil)
        let live: LiveContractRun
        do {
            let contracts = self.contracts
            let name = definition.name
            live = try await target.verify(client: client) { snapshot in
                contracts.naming([name, snapshot.serverInfo["name"]?.stringValue])
            }
        } catch {
            result.error = (error as? MCPError)?.description ?? "\(error)"
            return result
        }
        if let baseline {
            var diff = Evolution.diff(old: baseline, new: live.snapshot, oldSource: baselinePath, newSource: "\(definition.name) (live)",
                                      policy: policy, checkVersion: true)
            if !live.contracts.isEmpty {
                ConsumerImpact.annotate(&diff, contracts: live.contracts, old: baseline, new: live.snapshot)
            }
            result.diff = diff
            result.diffAnchorLines = baseline.lines(of: diff.findings.map(\.pointer) + diff.accepted.map(\.finding.pointer))
        }
        if !live.contracts.isEmpty {
            result.verification = VerificationReport(
                mode: .live, target: definition.name, serverName: live.snapshot.serverInfo["name"]?.stringValue,
                serverVersion: live.snapshot.serverVersion,
                verifications: contracts.applyingRecord(to: live.verifications, of: live.contracts))
        }
        if let probe = definition.probe {
            // Its own session, after the contracts: a probe's calls must not change what the
            // contracts' interactions see.
            do {
                result.probe = try await target.probe(options: probe, client: client, failOn: policy.failOn)
            } catch {
                result.error = (error as? MCPError)?.description ?? "the probe failed: \(error)"
                return result
            }
        }
        if update, baseline?.canonicalText != live.snapshot.canonicalText {
            do {
                try SnapshotFile.write(live.snapshot, to: baselinePath)
                result.baselineUpdated = true
            } catch {
                result.error = "cannot write the baseline: \(error)"
            }
        }
        return result
    }

    /// Whether the gate may run beside others: a server with a provider-state hook may share
    /// state (a database, a fixture folder) with other servers' hooks, so those run one at a time.
    var runsConcurrently: Bool { target.hook == nil }
}
