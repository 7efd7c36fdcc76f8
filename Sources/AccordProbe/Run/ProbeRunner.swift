import AccordContracts
import AccordEvolution
import AccordJSON
import AccordMCP

/// Runs a probe in one session: sets up the provider states, lists the tools, makes the
/// ``ProbePlan``'s calls one after another and judges each reply against the tool's own
/// schemas with ``ProbeJudge``.
///
/// ```swift
/// let report = try await MCPSession.with(endpoint) { session in
///     try await ProbeRunner.probe(session: session, target: "demo", options: ProbeOptions(), hook: nil)
/// }
/// ```
public enum ProbeRunner {
    /// Why a probe could not start.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// `--given STATE` without a `provider-states:` hook for the server.
        case stateWithoutHook(String)
        /// The hook failed to set up a state.
        case stateSetupFailed(ProviderStateHook.Failure)

        public var description: String {
            switch self {
            case .stateWithoutHook(let state):
                "provider state \"\(state)\" needs a provider-states: hook for this server in accord.yaml (see docs/probe.md)"
            case .stateSetupFailed(let failure): failure.description
            }
        }
    }

    /// Probes the server behind `session`. Server errors while listing tools are thrown; a
    /// failure during a call is a reported outcome (and ends the probe early).
    public static func probe(session: MCPSession, target: String, options: ProbeOptions, hook: ProviderStateHook?,
                             failOn: FailOn = .breaking) async throws -> ProbeReport {
        var report = ProbeReport(target: target, serverName: session.hello.serverInfo["name"]?.stringValue,
                                 serverVersion: session.hello.serverInfo["version"]?.stringValue, options: options, failOn: failOn)
        for state in options.states {
            guard let hook else { throw Failure.stateWithoutHook(state.state) }
            do throws(ProviderStateHook.Failure) {
                try await hook.run(state)
            } catch {
                throw Failure.stateSetupFailed(error)
            }
            report.states.append(state.state)
        }
        let tools = try await session.listAll("tools/list", itemsKey: "tools")
        let plan = ProbePlan(tools: tools, options: options)
        report.skipped = plan.skipped
        let definitions = Dictionary(tools.compactMap { tool in tool["name"]?.stringValue.map { ($0, tool) } }) { first, _ in first }
        for planned in plan.calls {
            let outcome: ProbeReport.Outcome
            var result: JSONValue?
            do throws(MCPError) {
                let reply = try await session.request("tools/call", params: ["name": .string(planned.tool), "arguments": planned.arguments])
                outcome = reply["isError"]?.boolValue == true ? .toolError(ProbeJudge.text(of: reply)) : .result
                result = reply
            } catch {
                if case .rpcError(_, let code, let message, _) = error.kind {
                    outcome = .rpcError(code: code, message: message)
                } else {
                    outcome = .failed(error.description)
                }
            }
            let call = ProbeReport.Call(tool: planned.tool, kind: planned.kind, arguments: planned.arguments, outcome: outcome)
            report.calls.append(call)
            report.findings += ProbeJudge.findings(call, result: result, outputSchema: definitions[planned.tool]?["outputSchema"])
            if case .failed(let message) = outcome {
                report.stoppedEarly = "the server failed during a call to \(planned.tool): \(message)"
                break
            }
        }
        return report
    }
}

/// Judges one probe call against the tool's schemas: what a reply means for arguments the
/// inputSchema allows and for ones it rejects.
enum ProbeJudge {
    /// JSON-RPC "Invalid params": a proper rejection of invalid arguments, like a tool error.
    static let invalidParams = -32602

    /// The findings of `call`; `result` is the reply when one arrived.
    static func findings(_ call: ProbeReport.Call, result: JSONValue?, outputSchema: JSONValue?) -> [ProbeReport.Finding] {
        func finding(_ kind: ProbeFindingKind, _ message: String, _ pointer: JSONPointer? = nil) -> ProbeReport.Finding {
            ProbeReport.Finding(kind: kind, tool: call.tool, arguments: call.arguments, message: message, pointer: pointer)
        }
        switch (call.kind, call.outcome) {
        case (.valid, .toolError), (.valid, .rpcError), (.valid, .failed):
            return [finding(.validArgumentsRejected, call.outcome.detail)]
        case (.valid, .result):
            guard let outputSchema else { return [] }
            guard let structured = result?["structuredContent"] else {
                return [finding(.structuredContentMissing, "the result has no structuredContent although the tool declares an outputSchema", JSONPointer(tokens: ["structuredContent"]))]
            }
            return JSONSchemaValidator(schema: outputSchema).validate(structured).map { error in
                let pointer = JSONPointer(tokens: ["structuredContent"]).appending(error.instancePointer)
                return finding(.outputSchemaViolated, "\(pointer): \(error.message) (outputSchema \(error.schemaPointer.description.isEmpty ? "/" : error.schemaPointer.description))", pointer)
            }
        case (.invalid, .result):
            return [finding(.invalidArgumentsAccepted, "the tool returned a result without isError")]
        case (.invalid, .rpcError(let code, _)) where code != invalidParams:
            return [finding(.invalidArgumentsCrashed, call.outcome.detail)]
        case (.invalid, .failed):
            return [finding(.invalidArgumentsCrashed, call.outcome.detail)]
        case (.invalid, .toolError), (.invalid, .rpcError):
            return []
        }
    }

    /// The text content of a result, joined and cut to a readable length.
    static func text(of result: JSONValue) -> String {
        let texts = result["content"]?.arrayValue?.compactMap { $0["text"]?.stringValue } ?? []
        let joined = texts.joined(separator: " ")
        guard !joined.isEmpty else { return "(no text content)" }
        return joined.count > 300 ? String(joined.prefix(297)) + "…" : joined
    }
}
