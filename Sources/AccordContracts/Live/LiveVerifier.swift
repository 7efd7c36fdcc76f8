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
/// Consecutive interactions that cannot change the server's state (reads of resources and
/// prompts, calls of tools annotated `readOnlyHint: true`, none with a `given:` state) are
/// pipelined: their requests are in flight together, their replies judged in order. Everything
/// else runs strictly one after another, so a contract's stateful steps keep their order.
///
/// ```swift
/// let verdicts = try await MCPSession.with(.stdio(StdioLaunch(command: "ledgerly"))) { session in
///     await LiveVerifier.verify(contracts, session: session, hook: nil)
/// }
/// ```
public enum LiveVerifier {
    /// How many requests of a read-only run are in flight at once.
    public static let pipelineWindow = 32

    public static func verify(_ contracts: [Contract], session: MCPSession, hook: ProviderStateHook?) async -> [ContractVerification] {
        var run = Run(session: session, hook: hook)
        var verifications: [ContractVerification] = []
        for contract in contracts {
            let interactions = contract.interactions
            var mismatches: [[Mismatch]] = []
            while mismatches.count < interactions.count {
                let batch = await run.readOnlyRun(interactions[mismatches.count...])
                mismatches += batch.count > 1 ? await run.pipelined(batch) : [await run.mismatches(interactions[mismatches.count])]
            }
            let checks = zip(interactions, mismatches).map { interaction, found in
                VerificationCheck(
                    id: CheckID.interaction(interaction.name), subject: .interaction(interaction.call),
                    description: "\(interaction.call.method) \(interaction.call.target) (\(interaction.name))",
                    mismatches: found)
            }
            verifications.append(ContractVerification(
                consumer: contract.consumer, provider: contract.provider, file: contract.file, pending: contract.pending,
                checks: contract.locating(checks)
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

        /// The longest run of interactions at the start of `rest` that cannot change the
        /// server's state — no provider state to set up; a resources/read, a prompts/get, or a
        /// call of a tool whose live annotations say `readOnlyHint: true` — so their requests
        /// may be in flight together without changing what any of them sees. Empty when the
        /// first interaction is not such a call.
        mutating func readOnlyRun(_ rest: ArraySlice<Interaction>) async -> ArraySlice<Interaction> {
            guard transportFailure == nil else { return rest.prefix(0) }
            var end = rest.startIndex
            while end < rest.endIndex, await isReadOnly(rest[end]) { end += 1 }
            return rest[rest.startIndex..<end]
        }

        private mutating func isReadOnly(_ interaction: Interaction) async -> Bool {
            guard interaction.given == nil else { return false }
            switch interaction.call {
            case .readResource, .getPrompt:
                return true
            case .callTool(let name, _):
                guard (try? await liveTools()) != nil else { return false }
                return tools?[name]?["annotations"]?["readOnlyHint"]?.boolValue == true
            }
        }

        /// A read-only run: requests sent at most ``pipelineWindow`` at a time, replies judged in
        /// order.
        mutating func pipelined(_ batch: ArraySlice<Interaction>) async -> [[Mismatch]] {
            let session = self.session
            let calls = batch.map(\.call)
            var replies = [Result<JSONValue, MCPError>?](repeating: nil, count: calls.count)
            await withTaskGroup(of: (Int, Result<JSONValue, MCPError>).self) { group in
                var next = 0
                func send() {
                    let index = next, call = calls[next]
                    next += 1
                    group.addTask {
                        do throws(MCPError) {
                            return (index, .success(try await session.request(call.method, params: call.params)))
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
                while next < min(calls.count, LiveVerifier.pipelineWindow) { send() }
                for await (index, reply) in group {
                    replies[index] = reply
                    if next < calls.count { send() }
                }
            }
            return zip(batch, replies).map { interaction, reply in judge(interaction, reply ?? .failure(MCPError(.cancelled))) }
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
            if case .callTool = interaction.call {
                do {
                    _ = try await liveTools()
                } catch {
                    return [callFailure(error, interaction)]
                }
            }
            do throws(MCPError) {
                return judge(interaction, .success(try await session.request(interaction.call.method, params: interaction.call.params)))
            } catch {
                return judge(interaction, .failure(error))
            }
        }

        /// The mismatches of one reply: the call's failure, or the matchers and the tool's live
        /// outputSchema applied to its result.
        private mutating func judge(_ interaction: Interaction, _ reply: Result<JSONValue, MCPError>) -> [Mismatch] {
            switch reply {
            case .failure(let error):
                return [callFailure(error, interaction)]
            case .success(let result):
                var schemaMismatches: [Mismatch] = []
                if case .callTool(let name, _) = interaction.call { schemaMismatches = outputSchemaMismatches(tool: name, result: result) }
                return MatcherEvaluator.evaluate(interaction, against: result) + schemaMismatches
            }
        }

        /// The live tools by name, listed once; a server that cannot list them has none (the
        /// calls still run), a dead connection is an error.
        private mutating func liveTools() async throws(MCPError) -> [String: JSONValue] {
            if let tools { return tools }
            do {
                let listed = try await session.listAll("tools/list", itemsKey: "tools")
                tools = Dictionary(listed.compactMap { tool in tool["name"]?.stringValue.map { ($0, tool) } }) { first, _ in first }
            } catch where Self.isTransportFailure(error) {
                throw error
            } catch {
                tools = [:]
            }
            return tools ?? [:]
        }

        /// The result's structuredContent against the tool's live outputSchema, if it has one.
        private func outputSchemaMismatches(tool name: String, result: JSONValue) -> [Mismatch] {
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
            case .launchFailed, .serverExited, .timeout, .connectionFailed, .streamEnded, .sessionExpired, .authenticationFailed, .authorization, .cancelled:
                true
            case .invalidMessage, .protocolViolation, .rpcError, .httpStatus, .unsupportedProtocolVersion, .tooManyItems:
                false
            }
        }
    }
}
