import AccordContracts
import AccordJSON
import AccordMCP
import AccordSnapshot

/// Observed traffic → a pending contract (`accord-contract: 1`, `pending: true`): the tools,
/// resources, templates and prompts the agent used, and one interaction per distinct call shape
/// (same target, same argument names and types, same result shape) whose `expect` states types
/// and formats, not today's values. Secrets never reach the text (``SecretScrubber``).
///
/// ```swift
/// let recorded = try ContractSynthesiser(consumer: "trip-agent").synthesise(observer.session)
/// recorded.contract.pending         // true
/// try AtomicFile.write(Array(recorded.yaml.utf8), to: "contracts/trip-agent.yaml")
/// ```
public struct ContractSynthesiser: Sendable {
    /// The synthesised text did not read back as a contract: a bug, reported rather than trapped.
    public struct UnreadableOutput: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { "the recorded contract does not read back: \(reason)" }
    }

    public var consumer: String
    /// The provider name; by default the server's `serverInfo.name`.
    public var provider: String?
    /// Results whose compact JSON is longer than this are summarised to a shallow shape.
    public var resultLimit: Int
    public var scrubber: SecretScrubber

    public static let defaultResultLimit = 16 * 1024
    /// Interactions kept per target at most; further shapes only count.
    static let maximumExamplesPerTool = 3

    public init(consumer: String, provider: String? = nil, resultLimit: Int = defaultResultLimit, scrubber: SecretScrubber = SecretScrubber()) {
        self.consumer = consumer
        self.provider = provider
        self.resultLimit = resultLimit
        self.scrubber = scrubber
    }

    /// - Parameter incompleteReason: set when the session was cut short (the upstream exited);
    ///   written as a comment at the top of the file.
    public func synthesise(_ session: ObservedSession, incompleteReason: String? = nil) throws(UnreadableOutput) -> RecordedContract {
        let providerName = provider ?? session.hello?.serverInfo["name"]?.stringValue ?? "provider"
        let arguments = ArgumentScrubbing(scrubber: scrubber)
        var interactions: [DraftInteraction] = []
        var groups: Set<String> = []
        var usage = Usage()
        var failedCalls: [String] = []
        // An agent repeats calls word for word (polling, retries); one of each is enough.
        var seen: Set<ObservedExchange> = []

        for exchange in session.exchanges where seen.insert(exchange).inserted {
            let draft: DraftInteraction
            switch exchange.outcome {
            case .error(let code):
                failedCalls.append("\(describe(exchange.call, arguments)) → JSON-RPC error \(code)")
                usage.note(exchange.call, arguments: arguments, session: session)
                continue
            case .result(let result):
                usage.note(exchange.call, arguments: arguments, session: session)
                draft = self.draft(exchange.call, result: result, session: session, arguments: arguments)
            }
            guard groups.insert(draft.shapeKey).inserted else { continue }
            interactions.append(draft)
        }
        let names = uniqueNames(interactions)
        var lines: [String] = []
        if let incompleteReason {
            lines.append("# INCOMPLETE: \(incompleteReason); only what was seen before is recorded.")
        }
        let server = session.hello.map { hello in
            let version = hello.serverInfo["version"]?.stringValue.map { " \($0)" } ?? ""
            return "\(providerName)\(version), protocol \(hello.protocolVersion)"
        } ?? providerName
        lines += [
            "# Recorded by `accord record` from \(clean(server)): \(session.observedCalls) call\(session.observedCalls == 1 ? "" : "s") observed, \(interactions.count) interaction\(interactions.count == 1 ? "" : "s").",
            "# The matchers state types and formats, not the values seen; tighten what \(clean(consumer)) relies on.",
        ]
        let withMatchers = zip(names, interactions).filter { $0.1.argumentsHaveMatchers }.map(\.0)
        if !withMatchers.isEmpty {
            lines.append("# Arguments shown as matchers (secrets, generated values) need a concrete test value for live verification.")
        }
        for failure in failedCalls.prefix(20) { lines.append("# not recorded: \(clean(failure))") }
        lines += [
            "accord-contract: \(Contract.formatVersion)",
            "consumer: \(ContractYAML.scalar(.string(consumer)))",
            "provider: \(ContractYAML.scalar(.string(providerName)))",
            "pending: true",
        ]
        lines += usage.lines
        if !interactions.isEmpty { lines.append("interactions:") }
        for (name, interaction) in zip(names, interactions) {
            lines.append("  - name: \(ContractYAML.scalar(.string(name)))")
            lines += interaction.lines
        }
        let yaml = lines.joined(separator: "\n") + "\n"
        do {
            let contract = try ContractFile.parse(yaml, file: "\(consumer).yaml")
            return RecordedContract(yaml: yaml, contract: contract, observedCalls: session.observedCalls,
                                    interactionsWithArgumentMatchers: withMatchers, incomplete: incompleteReason != nil)
        } catch {
            throw UnreadableOutput(reason: error.description)
        }
    }

    // MARK: Interactions

    private struct DraftInteraction {
        var baseName: String
        var shapeKey: String
        var lines: [String]
        var argumentsHaveMatchers: Bool
    }

    private func draft(_ call: ObservedExchange.Call, result: JSONValue, session: ObservedSession, arguments: ArgumentScrubbing) -> DraftInteraction {
        let large = JSONEncoding.compactBytes(result).count > resultLimit
        let inference = ShapeInference(maximumDepth: large ? 3 : 16, keepsExamples: !large, scrubber: scrubber)
        var lines: [String] = []
        let expect: Matcher
        let name: String
        var key: String
        var hasMatchers = false
        switch call {
        case .callTool(let tool, let sent):
            let scrubbed = arguments.scrub(sent)
            hasMatchers = scrubbed.hasMatchers
            lines += ["    call: tools/call", "    tool: \(ContractYAML.scalar(.string(tool)))", "    arguments: \(ContractYAML.flow(scrubbed.value))"]
            let isError = result["isError"]?.boolValue == true
            var members: [String: Matcher] = ["isError": .equals(.bool(isError))]
            if let content = result["content"] { members["content"] = inference.matcher(for: content) }
            if let structured = result["structuredContent"], let schema = session.tool(tool)?["outputSchema"],
               case .object(let guaranteed)? = inference.matcher(for: structured).pruned(toGuaranteesOf: schema), !guaranteed.isEmpty {
                members["structuredContent"] = .object(guaranteed)
            }
            expect = .object(members)
            name = isError ? "call \(tool) (tool error)" : "call \(tool)"
            key = "tools/call\u{0}\(tool)\u{0}\(ShapeMerging.key(sent))"
        case .readResource(let uri):
            let written = arguments.scrubURI(uri)
            lines += ["    call: resources/read", "    uri: \(ContractYAML.scalar(.string(written)))"]
            expect = inference.matcher(for: Self.withoutEnvelope(result))
            name = "read \(written)"
            key = "resources/read\u{0}\(written)"
        case .getPrompt(let prompt, let sent):
            let strings = arguments.scrubPromptArguments(sent)
            lines += ["    call: prompts/get", "    prompt: \(ContractYAML.scalar(.string(prompt)))",
                      "    arguments: \(ContractYAML.flow(.object(strings.mapValues { .string($0) })))"]
            expect = inference.matcher(for: Self.withoutEnvelope(result))
            name = "get prompt \(prompt)"
            key = "prompts/get\u{0}\(prompt)\u{0}\(strings.keys.sorted().joined(separator: ","))"
        }
        key += "\u{0}\(ShapeMerging.key(expect))"
        lines.append("    expect:")
        lines += ContractYAML.block(expect, indent: 6)
        return DraftInteraction(baseName: name, shapeKey: key, lines: lines, argumentsHaveMatchers: hasMatchers)
    }

    /// A result without its era envelope (`resultType`, `ttlMs`, `cacheScope`) and `_meta`.
    static func withoutEnvelope(_ result: JSONValue) -> JSONValue {
        guard case .object(var members) = result else { return result }
        for key in ["_meta", "resultType", "ttlMs", "cacheScope"] { members[key] = nil }
        return .object(members)
    }

    /// Interaction names, unique within the file: a second shape of the same call gets " (2)".
    private func uniqueNames(_ interactions: [DraftInteraction]) -> [String] {
        var seen: [String: Int] = [:]
        return interactions.map { interaction in
            let count = seen[interaction.baseName, default: 0] + 1
            seen[interaction.baseName] = count
            return count == 1 ? interaction.baseName : "\(interaction.baseName) (\(count))"
        }
    }

    private func describe(_ call: ObservedExchange.Call, _ arguments: ArgumentScrubbing) -> String {
        switch call {
        case .callTool(let name, _): "tools/call \(name)"
        case .readResource(let uri): "resources/read \(arguments.scrubURI(uri))"
        case .getPrompt(let name, _): "prompts/get \(name)"
        }
    }

    /// Text for a comment line: one line, no secrets.
    private func clean(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return scrubber.isSecret(line) ? SecretScrubber.placeholder : line
    }

    // MARK: What was used

    /// The tools, prompts, resources and templates the calls used, in first-use order.
    private struct Usage {
        var tools: [String] = []
        var examples: [String: [JSONValue]] = [:]
        var prompts: [String] = []
        var promptArguments: [String: Set<String>] = [:]
        var resources: [String] = []
        var templates: [String] = []

        mutating func note(_ call: ObservedExchange.Call, arguments: ArgumentScrubbing, session: ObservedSession) {
            switch call {
            case .callTool(let name, let sent):
                if !tools.contains(name) { tools.append(name) }
                let scrubbed = arguments.scrub(sent)
                guard !scrubbed.hasMatchers, scrubbed.value.objectValue != nil else { return }
                var known = examples[name, default: []]
                if !known.contains(scrubbed.value), known.count < ContractSynthesiser.maximumExamplesPerTool { known.append(scrubbed.value) }
                examples[name] = known
            case .getPrompt(let name, let sent):
                if !prompts.contains(name) { prompts.append(name) }
                promptArguments[name, default: []].formUnion(arguments.scrubPromptArguments(sent).keys)
            case .readResource(let uri):
                let listed = (session.definitions[.resource] ?? []).compactMap { $0["uri"]?.stringValue }
                let template = (session.definitions[.resourceTemplate] ?? []).compactMap { $0["uriTemplate"]?.stringValue }
                    .first { ResourceTemplateExpectation(uriTemplate: $0).matches(uri) }
                if let template, !listed.contains(uri) {
                    if !templates.contains(template) { templates.append(template) }
                } else {
                    let written = arguments.scrubURI(uri)
                    if !resources.contains(written) { resources.append(written) }
                }
            }
        }

        var lines: [String] {
            var lines: [String] = []
            if !tools.isEmpty { lines.append("tools:") }
            for tool in tools {
                lines.append("  - name: \(ContractYAML.scalar(.string(tool)))")
                let shown = examples[tool] ?? []
                if !shown.isEmpty {
                    lines.append("    examples:")
                    lines += shown.map { "      - \(ContractYAML.flow($0))" }
                }
            }
            if !prompts.isEmpty { lines.append("prompts:") }
            for prompt in prompts {
                lines.append("  - name: \(ContractYAML.scalar(.string(prompt)))")
                lines.append("    arguments: [\((promptArguments[prompt] ?? []).sorted().map { ContractYAML.scalar(.string($0)) }.joined(separator: ", "))]")
            }
            if !resources.isEmpty { lines.append("resources:") }
            lines += resources.map { "  - uri: \(ContractYAML.scalar(.string($0)))" }
            if !templates.isEmpty { lines.append("resourceTemplates:") }
            lines += templates.map { "  - uriTemplate: \(ContractYAML.scalar(.string($0)))" }
            return lines
        }
    }
}
