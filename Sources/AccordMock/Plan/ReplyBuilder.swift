import AccordContracts
import AccordJSON
import AccordSnapshot
import AccordYAML

/// Builds the reply of one interaction: its `expect:` reified (``Reifier``), completed into a
/// whole MCP result (required protocol fields, required `structuredContent` members), then
/// checked twice — against the tool's outputSchema and against the interaction's own
/// expectation. A reply that fails either is an ``InputFileError`` at the interaction's line
/// naming the field, and `accord mock` does not start.
struct ReplyBuilder {
    let snapshot: Snapshot
    let snapshotLabel: String
    /// Per tool, compiled once: a contract may hold hundreds of interactions with one tool.
    private var validators: [String: JSONSchemaValidator] = [:]
    private var completions: [String: SchemaCompletion] = [:]

    init(snapshot: Snapshot, snapshotLabel: String) {
        self.snapshot = snapshot
        self.snapshotLabel = snapshotLabel
    }

    mutating func reply(for interaction: Interaction, index: Int, in contract: Contract) throws(InputFileError) -> JSONValue {
        let location = ContractLocation(contract: contract)
        let expectation = interaction.effectiveExpectation
        let reified: JSONValue
        do {
            reified = try Reifier.value(for: expectation)
        } catch {
            throw location.interaction(index, interaction, at: error.pointer, "cannot produce a reply: \(error.matcher): \(error.reason)")
        }
        guard case .object(let members) = reified else {
            throw location.interaction(index, interaction, at: .root, "expect must describe the result object (a mapping), not \(reified.typeName)")
        }
        let reply: JSONValue
        switch interaction.call {
        case .callTool(let name, _):
            guard let tool = snapshot.tools.first(where: { $0["name"]?.stringValue == name }) else {
                throw location.interaction(index, interaction, "calls tool \(name), which \(snapshotLabel) does not offer")
            }
            reply = try toolResult(members, tool: tool, interaction: interaction, index: index, location: location)
        case .readResource(let uri):
            let known = snapshot.resources.contains { $0["uri"]?.stringValue == uri }
                || snapshot.resourceTemplates.contains { $0["uriTemplate"]?.stringValue.map { URITemplate($0).matches(uri) } ?? false }
            guard known else { throw location.interaction(index, interaction, "reads \(uri), which no resource or template of \(snapshotLabel) serves") }
            reply = Self.resourceResult(members, uri: uri)
        case .getPrompt(let name, _):
            guard snapshot.prompts.contains(where: { $0["name"]?.stringValue == name }) else {
                throw location.interaction(index, interaction, "gets prompt \(name), which \(snapshotLabel) does not offer")
            }
            reply = Self.promptResult(members)
        }
        if let problem = expectation.mismatches(reply, at: .root).first {
            throw location.interaction(index, interaction, at: problem.pointer, "the completed reply no longer satisfies the expectation: \(problem.message)")
        }
        return reply
    }

    private mutating func toolResult(_ members: [String: JSONValue], tool: JSONValue, interaction: Interaction, index: Int,
                            location: ContractLocation) throws(InputFileError) -> JSONValue {
        var result = members
        let isError = members["isError"]?.boolValue ?? false
        result["isError"] = .bool(isError)
        let name = tool["name"]?.stringValue ?? "?"
        if let schema = tool["outputSchema"], !isError {
            var completion = completions[name] ?? SchemaCompletion(root: schema)
            defer { completions[name] = completion }
            let validator = validators[name] ?? JSONSchemaValidator(schema: schema)
            validators[name] = validator
            let structuredMatcher: Matcher? = if case .object(let expected) = interaction.effectiveExpectation { expected["structuredContent"] } else { nil }
            guard let completed = completion.completed(members["structuredContent"], schema: schema) else {
                throw location.interaction(index, interaction, at: JSONPointer(tokens: ["structuredContent"]),
                                           "cannot generate structuredContent for the outputSchema of \(name) in \(snapshotLabel)")
            }
            let structured = SchemaGuidedChoice(schema: schema, validator: validator, matcher: structuredMatcher).repaired(completed)
            let errors = validator.validate(structured)
            if let first = errors.first {
                throw location.interaction(index, interaction, at: JSONPointer(tokens: ["structuredContent"] + first.instancePointer.tokens),
                                           "the reply cannot satisfy the outputSchema of \(name) in \(snapshotLabel): \(first.message)")
            }
            result["structuredContent"] = structured
        }
        let text = result["structuredContent"].map { JSONEncoding.compact($0) } ?? (isError ? "error" : "ok")
        result["content"] = .array(Self.blocks(members["content"], defaultText: text))
        return .object(result)
    }

    /// Content blocks with what the protocol requires filled in: a `type` (text), and the
    /// `text` of a text block (the structured result as JSON, as servers mirror it).
    static func blocks(_ written: JSONValue?, defaultText: String) -> [JSONValue] {
        guard let elements = written?.arrayValue else { return [["type": "text", "text": .string(defaultText)]] }
        return elements.map { element in
            guard case .object(var block) = element else { return element }
            if block["type"] == nil { block["type"] = "text" }
            if block["type"] == "text", block["text"] == nil { block["text"] = .string(defaultText) }
            return .object(block)
        }
    }

    static func resourceResult(_ members: [String: JSONValue], uri: String) -> JSONValue {
        var result = members
        let contents = members["contents"]?.arrayValue ?? [[:]]
        result["contents"] = .array(contents.map { element in
            guard case .object(var item) = element else { return element }
            if item["uri"] == nil { item["uri"] = .string(uri) }
            if item["text"] == nil, item["blob"] == nil { item["text"] = "" }
            return .object(item)
        })
        return .object(result)
    }

    static func promptResult(_ members: [String: JSONValue]) -> JSONValue {
        var result = members
        let messages = members["messages"]?.arrayValue ?? [[:]]
        result["messages"] = .array(messages.map { element in
            guard case .object(var message) = element else { return element }
            if message["role"] == nil { message["role"] = "user" }
            var content = message["content"]?.objectValue ?? [:]
            if content["type"] == nil { content["type"] = "text" }
            if content["type"] == "text", content["text"] == nil { content["text"] = "" }
            message["content"] = .object(content)
            return .object(message)
        })
        return .object(result)
    }
}
