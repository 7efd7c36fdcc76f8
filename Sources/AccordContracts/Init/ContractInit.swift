import AccordJSON
import AccordSnapshot
import AccordYAML

/// Writes a starting contract for a consumer from a snapshot (`accord contract init`):
/// example arguments generated from each tool's inputSchema (seeded, so the same snapshot gives
/// the same file), reads of the required top-level output fields, one `tools/call` interaction
/// per tool with `$like` type matchers for those fields, the required arguments of each prompt,
/// and the named resources or templates.
///
/// ```swift
/// let (contract, yaml) = try ContractInit.make(consumer: "billing-agent", provider: "ledgerly",
///                                              snapshot: snapshot, tools: ["get_invoice"])
/// StaticVerifier.verify(contract, against: snapshot).failed   // false
/// ```
public enum ContractInit {
    /// A name asked for that the snapshot does not offer.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownTool(String, offered: [String])
        case unknownPrompt(String, offered: [String])
        case unknownResource(String, offered: [String])
        case noArguments(tool: String)
        /// The written YAML did not read back; a bug in the writer, reported rather than trapped.
        case unreadableOutput(String)

        public var description: String {
            switch self {
            case .unknownTool(let name, let offered): "the snapshot has no tool \(name) (tools: \(offered.joined(separator: ", ")))"
            case .unknownPrompt(let name, let offered): "the snapshot has no prompt \(name) (prompts: \(offered.joined(separator: ", ")))"
            case .unknownResource(let name, let offered):
                "the snapshot has no resource or resource template \(name) (offered: \(offered.joined(separator: ", ")))"
            case .noArguments(let tool): "could not generate arguments valid against the inputSchema of \(tool)"
            case .unreadableOutput(let reason): "the generated contract does not read back: \(reason)"
            }
        }
    }

    public static func make(
        consumer: String, provider: String? = nil, snapshot: Snapshot,
        tools: [String] = [], prompts: [String] = [], resources: [String] = [], seed: UInt64 = 1
    ) throws(Failure) -> (contract: Contract, yaml: String) {
        let index = SnapshotIndex(snapshot)
        var generator = SchemaInstanceGenerator(seed: seed)
        let provider = provider ?? snapshot.serverInfo["name"]?.stringValue ?? "provider"
        var lines = [
            "# Starting contract written by `accord contract init` from \(provider) \(snapshot.serverVersion ?? "").",
            "# Keep what \(consumer) relies on, delete the rest, and tighten the matchers.",
            "accord-contract: \(Contract.formatVersion)",
            "consumer: \(YAMLText.scalar(.string(consumer)))",
            "provider: \(YAMLText.scalar(.string(provider)))",
            "pending: true",
        ]
        var interactions: [String] = []
        if !tools.isEmpty { lines.append("tools:") }
        for name in tools {
            guard let tool = index.tools[name] else { throw .unknownTool(name, offered: index.tools.keys.sorted()) }
            guard let arguments = exampleArguments(tool["inputSchema"] ?? .object([:]), &generator) else { throw .noArguments(tool: name) }
            lines.append("  - name: \(YAMLText.scalar(.string(name)))")
            lines.append("    examples:")
            lines.append("      - \(YAMLText.flow(arguments))")
            let fields = requiredOutputFields(tool["outputSchema"], &generator)
            if !fields.isEmpty {
                lines.append("    reads: [\(fields.map { YAMLText.scalar(.string(JSONPointer(tokens: [$0.name]).description)) }.joined(separator: ", "))]")
            }
            interactions.append("  - name: \(YAMLText.scalar(.string("call \(name)")))")
            interactions.append("    call: tools/call")
            interactions.append("    tool: \(YAMLText.scalar(.string(name)))")
            interactions.append("    arguments: \(YAMLText.flow(arguments))")
            interactions.append("    expect:")
            interactions.append("      isError: false")
            if !fields.isEmpty {
                interactions.append("      structuredContent:")
                for field in fields {
                    interactions.append("        \(YAMLText.key(field.name)): \(YAMLText.flow(["$like": field.sample]))")
                }
            }
        }
        if !prompts.isEmpty { lines.append("prompts:") }
        for name in prompts {
            guard let prompt = index.prompts[name] else { throw .unknownPrompt(name, offered: index.prompts.keys.sorted()) }
            let required = (prompt["arguments"]?.arrayValue ?? []).filter { $0["required"]?.boolValue == true }.compactMap { $0["name"]?.stringValue }
            lines.append("  - name: \(YAMLText.scalar(.string(name)))")
            lines.append("    arguments: [\(required.map { YAMLText.scalar(.string($0)) }.joined(separator: ", "))]")
        }
        let fixed = resources.filter { index.resources.contains($0) }
        let templates = resources.filter { !index.resources.contains($0) }
        for name in templates where !index.templates.contains(name) {
            throw .unknownResource(name, offered: (index.resources.union(index.templates)).sorted())
        }
        if !fixed.isEmpty { lines.append("resources:") }
        for uri in fixed { lines.append("  - uri: \(YAMLText.scalar(.string(uri)))") }
        if !templates.isEmpty { lines.append("resourceTemplates:") }
        for template in templates { lines.append("  - uriTemplate: \(YAMLText.scalar(.string(template)))") }
        if !interactions.isEmpty { lines.append("interactions:") }
        let yaml = (lines + interactions).joined(separator: "\n") + "\n"
        do {
            return (try ContractFile.parse(yaml, file: "\(consumer).yaml"), yaml)
        } catch {
            throw .unreadableOutput(error.description)
        }
    }

    /// A valid instance with only the required top-level members when that is still valid.
    static func exampleArguments(_ schema: JSONValue, _ generator: inout SchemaInstanceGenerator) -> JSONValue? {
        guard let instance = generator.validInstance(of: schema) else { return nil }
        guard case .object(let members) = instance else { return instance }
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let trimmed = JSONValue.object(members.filter { required.contains($0.key) })
        return JSONSchemaValidator(schema: schema).isValid(trimmed) ? trimmed : instance
    }

    /// Required top-level properties with a declared type, each with a sample value of that type.
    static func requiredOutputFields(_ schema: JSONValue?, _ generator: inout SchemaInstanceGenerator) -> [(name: String, sample: JSONValue)] {
        guard let schema, let properties = schema["properties"]?.objectValue else { return [] }
        let guarantee = OutputSchemaGuarantee(root: schema, base: .root)
        let sample = generator.validInstance(of: schema)
        return (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue).compactMap { name in
            guard let property = properties[name], let value = sample?[name] else { return nil }
            let types = guarantee.types(of: guarantee.resolve(property))
            guard Matcher.like(value).guaranteedBy(schemaTypes: types) else { return nil }
            return (name, value)
        }
    }
}

/// Small YAML writer: block structure is written by the caller, values in JSON-compatible flow
/// style, which YAML reads back exactly (quoted strings stay strings, numbers keep their text).
enum YAMLText {
    static func scalar(_ value: JSONValue) -> String {
        if case .string(let text) = value, isPlainSafe(text) { return text }
        return JSONEncoding.compact(value)
    }

    static func key(_ name: String) -> String {
        isPlainSafe(name) && !name.hasPrefix("$") ? name : JSONEncoding.compact(.string(name))
    }

    static func flow(_ value: JSONValue) -> String {
        switch value {
        case .array(let elements): "[" + elements.map(flow).joined(separator: ", ") + "]"
        case .object(let members):
            members.isEmpty ? "{}" : "{ " + JSONEncoding.sortedKeys(members).map { "\(JSONEncoding.compact(.string($0))): \(flow(members[$0]!))" }.joined(separator: ", ") + " }"
        default: JSONEncoding.compact(value)
        }
    }

    /// Identifier-like text that YAML reads back as the same string (not a bool, null or number).
    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        guard text.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-./:".unicodeScalars.contains($0) }) else { return false }
        guard !text.contains(": "), !text.hasSuffix(":") else { return false }
        return !["true", "false", "null", "yes", "no", "on", "off", "y", "n"].contains(text.lowercased())
    }
}
