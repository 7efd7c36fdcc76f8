import Logging
import MCP

/// Wires one release's definitions and a fresh ledger into an SDK `Server`.
///
/// The definitions are built once at start-up: a release is fixed for the life of the process,
/// and `tools/list` must return the same bytes every time for snapshots to be reproducible.
struct LedgerlyServer: Sendable {
    let release: DemoRelease
    let ledger: Ledger
    let tools: [ToolDefinition]
    let prompts: [PromptDefinition]
    let logger: Logger

    init(release: DemoRelease, logger: Logger) {
        self.release = release
        self.ledger = Ledger(rules: release.rules)
        self.tools = LedgerTools.definitions(for: release)
        self.prompts = LedgerPrompts.definitions(for: release)
        self.logger = logger
    }

    func makeServer() async -> Server {
        let server = Server(
            name: DemoRelease.serverName,
            version: release.version,
            title: DemoRelease.serverTitle,
            instructions: release.instructions,
            capabilities: DemoRelease.capabilities)

        let listedTools = tools.map(\.tool)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: listedTools) }
        await server.withMethodHandler(CallTool.self) { params in try await self.call(params) }

        let release = release
        let ledger = ledger
        await server.withMethodHandler(ListResources.self) { _ in
            ListResources.Result(resources: LedgerResources.resources(for: release))
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: LedgerResources.templates(for: release))
        }
        await server.withMethodHandler(ReadResource.self) { params in
            try await LedgerResources.read(params.uri, release: release, ledger: ledger)
        }

        let listedPrompts = prompts.map(\.prompt)
        await server.withMethodHandler(ListPrompts.self) { _ in ListPrompts.Result(prompts: listedPrompts) }
        await server.withMethodHandler(GetPrompt.self) { params in
            guard let definition = self.prompts.first(where: { $0.prompt.name == params.name }) else {
                throw MCPError.invalidParams("Unknown prompt: \(params.name)")
            }
            return try await definition.get(params.arguments ?? [:], ledger: ledger)
        }
        return server
    }

    /// Runs one tool call with the declared schemas as the contract on both sides.
    ///
    /// - An unknown tool is a protocol error (-32602), as the spec says; 2.0.0 callers of the
    ///   removed `get_customer_balance` get exactly that.
    /// - Arguments that break the `inputSchema` give an `isError` result listing every violation
    ///   (2025-11-25: input validation failures are tool errors the model can correct).
    /// - A `LedgerError` (unknown invoice, overpayment, ...) gives an `isError` result.
    /// - `structuredContent` that breaks the `outputSchema` is the demo's own bug: it is logged
    ///   and answered with -32603 instead of being sent.
    private func call(_ params: CallTool.Parameters) async throws -> CallTool.Result {
        guard let definition = tools.first(where: { $0.tool.name == params.name }) else {
            throw MCPError.invalidParams("Unknown tool: \(params.name)")
        }
        let arguments = (params.arguments ?? [:]).mapValues(Self.undoDataURLDecoding)
        let inputViolations = SchemaValidator.validate(.object(arguments), against: definition.tool.inputSchema)
        if !inputViolations.isEmpty {
            let listed = inputViolations.map(\.description).joined(separator: "; ")
            return Self.failure("Invalid arguments for \(params.name): \(listed)")
        }

        let structured: Value
        do {
            structured = try await definition.call(ToolArguments(values: arguments), ledger)
        } catch let failure as LedgerError {
            return Self.failure(failure.description)
        }

        if let outputSchema = definition.tool.outputSchema {
            let outputViolations = SchemaValidator.validate(structured, against: outputSchema)
            if !outputViolations.isEmpty {
                let listed = outputViolations.map(\.description).joined(separator: "; ")
                logger.error("structuredContent of \(params.name) breaks its outputSchema: \(listed)")
                throw MCPError.internalError("\(params.name) produced a result that breaks its outputSchema: \(listed)")
            }
        }
        // The text block carries the same JSON, as the spec recommends for clients that predate
        // structuredContent.
        return CallTool.Result(
            content: [.text(text: jsonText(structured), annotations: nil, _meta: nil)],
            structuredContent: .some(structured),
            isError: false)
    }

    private static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }

    /// The SDK's `Value` decoder turns any string that looks like a data URL (`data:,x`) into
    /// `.data`. Arguments are plain strings to this server, so turn them back into strings before
    /// validating. The SDK keeps only the decoded bytes, so the string is the SDK's re-encoding
    /// (`data:text/plain;base64,...`), not necessarily the caller's exact text.
    private static func undoDataURLDecoding(_ value: Value) -> Value {
        switch value {
        case .data: return .string(value.description)
        case .array(let elements): return .array(elements.map(undoDataURLDecoding))
        case .object(let members): return .object(members.mapValues(undoDataURLDecoding))
        default: return value
        }
    }
}
