import AccordJSON
import AccordMCP

/// Checks contracts against a running server: each interaction is really called.
///
/// All contracts' interactions run in order in the one `session`. Each gives one
/// ``VerificationCheck`` with the same id the ``StaticVerifier`` uses (`interaction:<name>`), so
/// static and live verdicts line up. An interaction with a `given:` state runs the
/// ``ProviderStateHook`` first (without a hook the server is assumed to be in the state). The
/// result is matched against the interaction's ``Interaction/effectiveExpectation``; a
/// `tools/call` result's `structuredContent` is also validated against the tool's live
/// `outputSchema`. A failing interaction never stops the others; a transport failure (the
/// server died) fails every interaction left with its message.
///
/// ```swift
/// let verdicts = try await MCPSession.with(.stdio(StdioLaunch(command: "ledgerly"))) { session in
///     await LiveVerifier.verify(contracts, session: session, hook: nil)
/// }
/// ```
public enum LiveVerifier {
    public static func verify(_ contracts: [Contract], session: MCPSession, hook: ProviderStateHook?) async -> [ContractVerification] {
        var run = Run(session: session, hook: hook)
        var verifications: [ContractVerification] = []
        for contract in contracts {
            var checks: [VerificationCheck] = []
            for interaction in contract.interactions {
                checks.append(VerificationCheck(
                    id: "interaction:\(interaction.name)", subject: .interaction(interaction.call),
                    description: "\(interaction.call.method) \(interaction.call.target) (\(interaction.name))",
                    mismatches: await run.mismatches(interaction)
                ))
            }
            verifications.append(ContractVerification(
                consumer: contract.consumer, provider: contract.provider, file: contract.file, pending: contract.pending, checks: checks
            ))
        }
        return verifications
    }

    /// The state one verification carries across interactions.
    private struct Run {
        let session: MCPSession
        let hook: ProviderStateHook?
        /// The live tools by name, fetched on first need (`nil`: not yet).
        var tools: [String: JSONValue]?
        /// Set once the connection is gone: every later interaction fails with it.
        var transportFailure: String?

        init(session: MCPSession, hook: ProviderStateHook?) {
            self.session = session
            self.hook = hook
        }

        mutating func mismatches(_ interaction: Interaction) async -> [Mismatch] {
            if let transportFailure {
                return [Mismatch(pointer: .root, expected: "a reply", actual: nil, message: "not run: \(transportFailure)")]
            }
            if let state = interaction.given, let hook {
                do {
                    try await hook.run(state)
                } catch {
                    return [Mismatch(pointer: .root, expected: "provider state \"\(state.state)\" set up", actual: nil, message: error.description)]
                }
            }
            var schemaMismatches: [Mismatch] = []
            let result: JSONValue
            do {
                result = try await session.request(interaction.call.method, params: interaction.call.params)
                if case .callTool(let name, _) = interaction.call {
                    schemaMismatches = try await outputSchemaMismatches(tool: name, result: result)
                }
            } catch {
                return [callFailure(error, interaction)]
            }
            return MatcherEvaluator.evaluate(interaction, against: result) + schemaMismatches
        }

        /// The result's structuredContent against the tool's live outputSchema, if it has one.
        private mutating func outputSchemaMismatches(tool name: String, result: JSONValue) async throws(MCPError) -> [Mismatch] {
            if tools == nil {
                do {
                    let listed = try await session.listAll("tools/list", itemsKey: "tools")
                    tools = Dictionary(listed.compactMap { tool in tool["name"]?.stringValue.map { ($0, tool) } }) { first, _ in first }
                } catch where Self.isTransportFailure(error) {
                    throw error
                } catch {
                    tools = [:]
                }
            }
            guard let schema = tools?[name]?["outputSchema"], result["isError"]?.boolValue != true else { return [] }
            let base = JSONPointer(tokens: ["structuredContent"])
            guard let structured = result["structuredContent"] else {
                return [Mismatch(pointer: base, expected: "structuredContent (the tool declares an outputSchema)", actual: nil)]
            }
            return JSONSchemaValidator(schema: schema).validate(structured).map { error in
                let pointer = base.appending(error.instancePointer)
                return Mismatch(pointer: pointer, expected: "structuredContent valid against the outputSchema (\(error.keyword))",
                                actual: structured[pointer: error.instancePointer],
                                message: "\(pointer): \(error.message) (outputSchema of \(name))")
            }
        }

        private mutating func callFailure(_ error: MCPError, _ interaction: Interaction) -> Mismatch {
            let method = interaction.call.method
            if case .rpcError(_, let code, let message, let data) = error.kind {
                return Mismatch(pointer: .root, expected: "a result", actual: data,
                                message: "\(method) \(interaction.call.target) failed with JSON-RPC error \(code): \(message)")
            }
            if Self.isTransportFailure(error) { transportFailure = error.description }
            return Mismatch(pointer: .root, expected: "a result", actual: nil, message: "\(method) \(interaction.call.target) failed: \(error.description)")
        }

        /// Whether the connection is gone (or the session's time is up), so nothing more can run.
        static func isTransportFailure(_ error: MCPError) -> Bool {
            switch error.kind {
            case .launchFailed, .serverExited, .timeout, .connectionFailed, .streamEnded, .sessionExpired, .authenticationFailed, .cancelled:
                true
            case .invalidMessage, .protocolViolation, .rpcError, .httpStatus, .unsupportedProtocolVersion, .tooManyItems:
                false
            }
        }
    }
}
