import AccordEvolution
import AccordJSON

/// What `accord probe` did to a live server and what it found: every call made (with its exact
/// arguments), every tool it left alone and why, and the findings, each with the arguments that
/// reproduce it.
///
/// ```swift
/// let report = try await ProbeRunner.probe(endpoint, options: ProbeOptions(seed: 7, callsPerTool: 3))
/// report.calls.count                      // 3 per tool called
/// report.findings.map(\.kind)             // [.validArgumentsRejected]
/// report.failed                           // a finding at or above report.failOn
/// ```
public struct ProbeReport: Sendable, Equatable {
    /// Why a call was made: arguments the inputSchema accepts, or ones it rejects (`--invalid`).
    public enum ArgumentKind: String, Sendable, Equatable, Codable, CaseIterable {
        case valid, invalid
    }

    /// How the server answered one call.
    public enum Outcome: Sendable, Equatable {
        /// A result without `isError` (judged against the outputSchema when it arrived; not kept).
        case result
        /// A result with `isError: true`, and its text content.
        case toolError(String)
        /// A JSON-RPC error reply.
        case rpcError(code: Int, message: String)
        /// No reply: the connection failed or the server died; the probe stops there.
        case failed(String)

        /// `result`, `tool-error`, `rpc-error` or `failed`.
        public var label: String {
            switch self {
            case .result: "result"
            case .toolError: "tool-error"
            case .rpcError: "rpc-error"
            case .failed: "failed"
            }
        }

        /// One line for reports.
        public var detail: String {
            switch self {
            case .result: "result"
            case .toolError(let text): "tool error: \(text)"
            case .rpcError(let code, let message): "JSON-RPC error \(code): \(message)"
            case .failed(let message): "failed: \(message)"
            }
        }
    }

    /// One `tools/call` the probe made, in the order made.
    public struct Call: Sendable, Equatable {
        public var tool: String
        public var kind: ArgumentKind
        /// The exact arguments sent.
        public var arguments: JSONValue
        public var outcome: Outcome

        public init(tool: String, kind: ArgumentKind, arguments: JSONValue, outcome: Outcome) {
            self.tool = tool
            self.kind = kind
            self.arguments = arguments
            self.outcome = outcome
        }
    }

    /// Something the server did that its own schemas say it should not.
    public struct Finding: Sendable, Equatable {
        public var kind: ProbeFindingKind
        public var tool: String
        /// The exact arguments that reproduce it: `tools/call` of ``tool`` with these.
        public var arguments: JSONValue
        /// What happened, e.g. the tool error's text or the outputSchema violations.
        public var message: String
        /// Where in the result (a violation inside structuredContent), when there is a place.
        public var pointer: JSONPointer?

        public var severity: Severity { kind.severity }

        public init(kind: ProbeFindingKind, tool: String, arguments: JSONValue, message: String, pointer: JSONPointer? = nil) {
            self.kind = kind
            self.tool = tool
            self.arguments = arguments
            self.message = message
            self.pointer = pointer
        }
    }

    /// A tool the probe did not call.
    public struct SkippedTool: Sendable, Equatable {
        public var tool: String
        public var reason: String

        public init(tool: String, reason: String) {
            self.tool = tool
            self.reason = reason
        }
    }

    /// Safe to print: the configured name, the URL or the command line.
    public var target: String
    public var serverName: String?
    public var serverVersion: String?
    public var options: ProbeOptions
    public var failOn: FailOn
    /// Provider states set up before the first call, in order.
    public var states: [String]
    public var calls: [Call]
    public var skipped: [SkippedTool]
    public var findings: [Finding]
    /// Set when the probe had to stop early (the server died); the calls before it stand.
    public var stoppedEarly: String?

    public init(target: String, serverName: String?, serverVersion: String?, options: ProbeOptions, failOn: FailOn = .breaking,
                states: [String] = [], calls: [Call] = [], skipped: [SkippedTool] = [], findings: [Finding] = [], stoppedEarly: String? = nil) {
        self.target = target
        self.serverName = serverName
        self.serverVersion = serverVersion
        self.options = options
        self.failOn = failOn
        self.states = states
        self.calls = calls
        self.skipped = skipped
        self.findings = findings
        self.stoppedEarly = stoppedEarly
    }

    /// The tools called, in the order first called.
    public var toolsCalled: [String] {
        var seen: [String] = []
        for call in calls where !seen.contains(call.tool) { seen.append(call.tool) }
        return seen
    }

    /// Findings that fail the run under ``failOn``.
    public var failing: [Finding] { findings.filter { failOn.fails($0.severity) } }

    /// A finding at or above ``failOn``.
    public var failed: Bool { !failing.isEmpty }

    /// `6 calls to 2 tools, 1 tool skipped, 2 findings (2 breaking)`.
    public var summary: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        var text = "\(count(calls.count, "call")) to \(count(toolsCalled.count, "tool")), \(count(skipped.count, "tool")) skipped, \(count(findings.count, "finding"))"
        let bySeverity = Severity.allCases.reversed().compactMap { severity -> String? in
            let number = findings.filter { $0.severity == severity }.count
            return number == 0 ? nil : "\(number) \(severity.rawValue)"
        }
        if !bySeverity.isEmpty { text += " (" + bySeverity.joined(separator: ", ") + ")" }
        return text
    }
}
