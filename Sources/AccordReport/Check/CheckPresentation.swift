import AccordContracts
import AccordEvolution
import AccordProbe

/// The words every `accord check` format shares: each server's state, its one-line summary
/// (findings, required bump against the declared version, failed contracts, consumers affected)
/// and the gate's verdict. The diff and verification parts are rendered by their own renderers.
enum CheckPresentation {
    /// The context the diff and verification parts are rendered with: no title (the check's
    /// title is the check's), and no anchor lines (they belong to one snapshot file, and a check
    /// covers several servers).
    static func partContext(_ context: RenderContext) -> RenderContext {
        var part = context
        part.title = nil
        part.anchorLines = [:]
        return part
    }

    /// The context a server's diff part is located with: the lines of its baseline file.
    static func diffContext(_ part: RenderContext, _ server: CheckReport.ServerResult) -> RenderContext {
        var located = part
        located.anchorLines = server.diffAnchorLines
        return located
    }

    /// "accord check: accord.yaml (2 servers)"; a shard's "accord check: accord.yaml (2 servers, shard 1/3)".
    static func heading(_ report: CheckReport, context: RenderContext) -> String {
        let count = report.servers.count
        let shard = report.shard.map { ", shard \($0.label)" } ?? ""
        return "\(context.toolName) check: \(DisplayText.singleLine(report.configuration)) (\(count) server\(count == 1 ? "" : "s")\(shard))"
    }

    /// "passed", "FAILED" or "ERROR".
    static func word(_ status: CheckReport.Status) -> String {
        switch status {
        case .passed: "passed"
        case .failed: "FAILED"
        case .error: "ERROR"
        }
    }

    /// What happened to the server, after its name: "passed", "FAILED", "ERROR: cannot start…",
    /// "no baseline snapshots/demo.json — run accord check --update", "baseline updated (…)".
    static func state(_ server: CheckReport.ServerResult, context: RenderContext) -> String {
        if let error = server.error { return "ERROR: " + (errorLines(error).first ?? "") }
        if server.baselineUpdated { return "baseline updated (\(DisplayText.singleLine(server.baseline)))" }
        if server.baselineMissing { return missingBaseline(server, context: context) }
        return word(server.status)
    }

    /// "no baseline snapshots/demo.json — run accord check --update".
    static func missingBaseline(_ server: CheckReport.ServerResult, context: RenderContext) -> String {
        "no baseline \(DisplayText.singleLine(server.baseline)) — run \(context.toolName) check --update"
    }

    /// The error's lines (a message, then perhaps the server's last stderr lines), each safe.
    static func errorLines(_ error: String) -> [String] {
        error.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map { DisplayText.singleLine(String($0)) }
    }

    /// The error's first line, then the rest quoted with `| `: the rest is the server's own
    /// output (stderr), and quoted no line of it can pass for a report line or, in a CI log,
    /// for a workflow command.
    static func quotedError(_ error: String) -> [String] {
        let lines = errorLines(error)
        return Array(lines.prefix(1)) + lines.dropFirst().map { "| " + $0 }
    }

    /// "requires major (2.0.0), declares 1.1.0".
    static func bump(_ diff: EvolutionReport) -> String {
        var required = "requires \(diff.requiredBump.rawValue)"
        if diff.requiredBump != .none, let next = diff.nextVersion { required += " (\(DisplayText.singleLine(next)))" }
        guard let declared = diff.new.serverVersion, !declared.isEmpty else { return required + ", declares no version" }
        return required + ", declares \(DisplayText.singleLine(declared))"
    }

    /// "1 of 2 failed", with ", 1 pending failing (not counted)" when pending contracts fail.
    static func contracts(_ verification: VerificationReport) -> String {
        let failing = VerifyPresentation.failing(verification).count
        let pending = verification.verifications.filter { $0.pending && $0.failed }.count
        return "\(failing) of \(verification.verifications.count) failed" + (pending > 0 ? ", \(pending) pending failing (not counted)" : "")
    }

    /// Consumers the server's failures break: those named on failing findings, and the owners of
    /// failed contracts that are not pending; sorted. `nil` when nothing is known about
    /// consumers (no contracts were consulted).
    static func consumersAffected(_ server: CheckReport.ServerResult) -> [String]? {
        var known = server.verification != nil
        var names: Set<String> = []
        if let diff = server.diff {
            for finding in diff.findings {
                guard let consumers = finding.consumers else { continue }
                known = true
                if diff.failOn.fails(finding.severity) { names.formUnion(consumers) }
            }
        }
        if let verification = server.verification { names.formUnion(VerifyPresentation.failing(verification).map(\.consumer)) }
        return known ? names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } : nil
    }

    /// The facts of the summary line after the state, each already safe for one line.
    static func facts(_ server: CheckReport.ServerResult) -> [String] {
        var facts: [String] = []
        if let diff = server.diff { facts += [DiffPresentation.counts(diff), bump(diff)] }
        if let verification = server.verification { facts.append("contracts: " + contracts(verification)) }
        if let probe = server.probe { facts.append("probe: \(probe.findings.count) finding\(probe.findings.count == 1 ? "" : "s"), \(probe.failing.count) failing") }
        if let consumers = consumersAffected(server) {
            facts.append(consumers.isEmpty ? DiffPresentation.noKnownConsumer : "consumers affected: " + DisplayText.singleLine(consumers.joined(separator: ", ")))
        }
        return facts
    }

    /// "demo: FAILED — 2 breaking, …; requires major (2.0.0), declares 1.1.0; contracts: 1 of 2
    /// failed; consumers affected: billing-agent".
    static func summary(_ server: CheckReport.ServerResult, context: RenderContext) -> String {
        let head = "\(DisplayText.singleLine(server.server)): \(state(server, context: context))"
        let facts = facts(server)
        return facts.isEmpty ? head : "\(head) — \(facts.joined(separator: "; "))"
    }

    /// "check passed", "check FAILED", or "check could not run for: git, time" (followed by
    /// "; FAILED: demo" when other servers failed).
    static func verdict(_ report: CheckReport) -> String {
        func names(_ status: CheckReport.Status) -> String {
            report.servers.filter { $0.status == status }.map { DisplayText.singleLine($0.server) }.joined(separator: ", ")
        }
        switch report.status {
        case .passed: return "check passed"
        case .failed: return "check FAILED"
        case .error:
            let failed = names(.failed)
            return "check could not run for: \(names(.error))" + (failed.isEmpty ? "" : "; FAILED: \(failed)")
        }
    }
}
