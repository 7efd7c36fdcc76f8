import AccordJSON
import AccordSnapshot
import Foundation

/// Checks a contract against a snapshot, without a server: the offline "can I deploy" check.
///
/// One ``VerificationCheck`` per expectation — a tool, each of its examples, each field it
/// reads, the annotations it relies on; a prompt; a resource; a template — and per interaction.
/// The set of check ids depends only on the contract, so reports line up across snapshots.
///
/// ```swift
/// let verification = StaticVerifier.verify(contract, against: try SnapshotFile.read("snapshots/demo.json"))
/// verification.failedChecks.map(\.id)   // ["tool:get_invoice:reads:/customerName", …]
/// ```
public enum StaticVerifier {
    public static func verify(_ contract: Contract, against snapshot: Snapshot) -> ContractVerification {
        var checks: [VerificationCheck] = []
        let index = SnapshotIndex(snapshot)
        if let served = snapshot.serverInfo["name"]?.stringValue, served != contract.provider {
            checks.append(VerificationCheck(id: CheckID.provider, subject: CheckSubject(kind: .provider, name: contract.provider, aspect: .exists), description: "the snapshot is of provider \(contract.provider)", mismatches: [
                Mismatch(pointer: JSONPointer(tokens: ["serverInfo", "name"]), expected: contract.provider, actual: .string(served),
                         message: "the snapshot is of \(served), the contract names provider \(contract.provider)"),
            ]))
        }
        for tool in contract.tools { checks += toolChecks(tool, index) }
        for prompt in contract.prompts {
            checks.append(VerificationCheck(
                id: CheckID.prompt(prompt.name), subject: CheckSubject(kind: .prompt, name: prompt.name, aspect: .arguments),
                description: "prompt \(prompt.name) exists and accepts arguments \(prompt.arguments.joined(separator: ", "))",
                mismatches: promptMismatches(prompt.name, passing: prompt.arguments, index)
            ))
        }
        for resource in contract.resources {
            let exists = index.resources.contains(resource.uri)
            checks.append(VerificationCheck(id: CheckID.resource(resource.uri), subject: CheckSubject(kind: .resource, name: resource.uri, aspect: .exists), description: "resource \(resource.uri) exists", mismatches: exists ? [] : [
                Mismatch(pointer: .root, expected: "a resource \(resource.uri)", actual: nil, message: "resource \(resource.uri) is not offered"),
            ]))
        }
        for template in contract.resourceTemplates {
            let exists = index.templates.contains(template.uriTemplate)
            checks.append(VerificationCheck(
                id: CheckID.resourceTemplate(template.uriTemplate), subject: CheckSubject(kind: .resourceTemplate, name: template.uriTemplate, aspect: .exists),
                description: "resource template \(template.uriTemplate) exists",
                mismatches: exists ? [] : [
                    Mismatch(pointer: .root, expected: "a resource template \(template.uriTemplate)", actual: nil,
                             message: "resource template \(template.uriTemplate) is not offered\(index.templates.isEmpty ? "" : " (offered: \(index.templates.sorted().joined(separator: ", ")))")"),
                ]))
        }
        for interaction in contract.interactions {
            checks.append(VerificationCheck(
                id: CheckID.interaction(interaction.name), subject: .interaction(interaction.call),
                description: "\(interaction.call.method) \(interaction.call.target) (\(interaction.name))",
                mismatches: interactionMismatches(interaction, index)
            ))
        }
        return ContractVerification(consumer: contract.consumer, provider: contract.provider, file: contract.file, pending: contract.pending,
                                    checks: contract.locating(checks))
    }

    // MARK: Tools

    private static func toolChecks(_ tool: ToolExpectation, _ index: SnapshotIndex) -> [VerificationCheck] {
        let definition = index.tools[tool.name]
        let missing = [missingTool(tool.name)]
        var checks = [VerificationCheck(id: CheckID.tool(tool.name), subject: CheckSubject(kind: .tool, name: tool.name, aspect: .exists), description: "tool \(tool.name) exists", mismatches: definition == nil ? missing : [])]
        for (offset, example) in tool.examples.enumerated() {
            checks.append(VerificationCheck(
                id: CheckID.example(tool.name, offset), subject: CheckSubject(kind: .tool, name: tool.name, aspect: .example),
                description: "example arguments \(JSONEncoding.compact(example)) validate against the inputSchema of \(tool.name)",
                mismatches: definition.map { argumentMismatches(example, $0) } ?? missing
            ))
        }
        for read in tool.reads {
            checks.append(VerificationCheck(
                id: CheckID.read(tool.name, read), subject: CheckSubject(kind: .tool, name: tool.name, aspect: .read),
                description: "structuredContent\(read) of \(tool.name) is guaranteed by its outputSchema",
                mismatches: definition.map { readMismatches(read, $0) } ?? missing
            ))
        }
        if !tool.annotations.isEmpty {
            let relied = JSONEncoding.sortedKeys(tool.annotations).map { "\($0): \(tool.annotations[$0]!)" }.joined(separator: ", ")
            checks.append(VerificationCheck(
                id: CheckID.annotations(tool.name), subject: CheckSubject(kind: .tool, name: tool.name, aspect: .annotations),
                description: "tool \(tool.name) still declares \(relied)",
                mismatches: definition.map { annotationMismatches(tool.annotations, $0) } ?? missing
            ))
        }
        return checks
    }

    private static func missingTool(_ name: String) -> Mismatch {
        Mismatch(pointer: .root, expected: "a tool \(name)", actual: nil, message: "tool \(name) is not offered")
    }

    private static func argumentMismatches(_ arguments: JSONValue, _ tool: JSONValue) -> [Mismatch] {
        let schema = tool["inputSchema"] ?? .object([:])
        return JSONSchemaValidator(schema: schema).validate(arguments).map { error in
            let pointer = JSONPointer(tokens: ["arguments"] + error.instancePointer.tokens)
            // A missing member is located where it should be, so it lines up with the finding
            // that made it required.
            let location = error.missingProperty.map { pointer.appending(JSONPointer(tokens: [$0])) } ?? pointer
            return Mismatch(pointer: location, expected: "arguments valid against the inputSchema (\(error.keyword))",
                            actual: arguments[pointer: error.instancePointer],
                            message: "\(pointer): \(error.message)")
        }
    }

    private static func readMismatches(_ read: JSONPointer, _ tool: JSONValue) -> [Mismatch] {
        let base = JSONPointer(tokens: ["structuredContent"])
        guard let schema = tool["outputSchema"] else {
            return [Mismatch(pointer: base.appending(read), expected: "a declared outputSchema", actual: nil,
                             message: "\(base.appending(read)): structuredContent not guaranteed: the tool declares no outputSchema")]
        }
        switch OutputSchemaGuarantee(root: schema, base: base).schema(at: read, from: schema) {
        case .schema: return []
        case .broken(let mismatch): return [mismatch]
        }
    }

    private static func annotationMismatches(_ relied: [String: Bool], _ tool: JSONValue) -> [Mismatch] {
        JSONEncoding.sortedKeys(relied).compactMap { hint in
            let wanted = relied[hint]!
            let effective = Annotations.effective(hint, of: tool)
            guard effective != wanted else { return nil }
            let pointer = JSONPointer(tokens: ["annotations", hint])
            let served = tool["annotations"]?[hint] == nil ? " (absent, spec default)" : ""
            return Mismatch(pointer: pointer, expected: "\(wanted)", actual: effective.map { .bool($0) },
                            message: "\(pointer): the consumer relies on \(hint): \(wanted), the tool's effective value is \(effective.map(String.init) ?? "unknown")\(served)")
        }
    }

    // MARK: Prompts

    private static func promptMismatches(_ name: String, passing arguments: [String], _ index: SnapshotIndex) -> [Mismatch] {
        guard let prompt = index.prompts[name] else {
            return [Mismatch(pointer: .root, expected: "a prompt \(name)", actual: nil, message: "prompt \(name) is not offered")]
        }
        let declared = prompt["arguments"]?.arrayValue ?? []
        let declaredNames = declared.compactMap { $0["name"]?.stringValue }
        var mismatches: [Mismatch] = []
        for argument in arguments where !declaredNames.contains(argument) {
            mismatches.append(Mismatch(pointer: JSONPointer(tokens: ["arguments"]), expected: "an argument \(argument)", actual: nil,
                                       message: "prompt \(name) has no argument \(argument) (it declares: \(declaredNames.isEmpty ? "none" : declaredNames.joined(separator: ", ")))"))
        }
        for (offset, argument) in declared.enumerated() {
            guard argument["required"]?.boolValue == true, let argumentName = argument["name"]?.stringValue,
                  !arguments.contains(argumentName) else { continue }
            let pointer = JSONPointer(tokens: ["arguments", String(offset), "required"])
            mismatches.append(Mismatch(pointer: pointer, expected: "\(argumentName) passed", actual: .bool(true),
                                       message: "prompt \(name) requires argument \(argumentName), which the consumer does not pass"))
        }
        return mismatches
    }

    // MARK: Interactions

    private static func interactionMismatches(_ interaction: Interaction, _ index: SnapshotIndex) -> [Mismatch] {
        switch interaction.call {
        case .callTool(let name, let arguments):
            guard let tool = index.tools[name] else { return [missingTool(name)] }
            var mismatches = argumentMismatches(arguments, tool)
            if let expected = interaction.effectiveExpectation.objectMembers?["structuredContent"] {
                let base = JSONPointer(tokens: ["structuredContent"])
                if let schema = tool["outputSchema"] {
                    mismatches += OutputSchemaGuarantee(root: schema, base: base).check(expected, schema, at: base)
                } else {
                    mismatches.append(Mismatch(pointer: base, expected: "a declared outputSchema", actual: nil,
                                               message: "\(base): structuredContent not guaranteed: the tool declares no outputSchema"))
                }
            }
            return mismatches
        case .readResource(let uri):
            if index.resources.contains(uri) || index.templates.contains(where: { URITemplate($0).matches(uri) }) { return [] }
            return [Mismatch(pointer: JSONPointer(tokens: ["uri"]), expected: "a resource or a template matching \(uri)", actual: .string(uri),
                             message: "no resource or resource template serves \(uri)")]
        case .getPrompt(let name, let arguments):
            return promptMismatches(name, passing: arguments.keys.sorted(), index)
        }
    }
}

extension InteractionCall {
    /// The tool, URI or prompt the call addresses.
    public var target: String {
        switch self {
        case .callTool(let name, _), .getPrompt(let name, _): name
        case .readResource(let uri): uri
        }
    }
}

extension Matcher {
    var objectMembers: [String: Matcher]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

/// The snapshot's definitions by identity.
struct SnapshotIndex {
    let tools: [String: JSONValue]
    let prompts: [String: JSONValue]
    let resources: Set<String>
    let templates: Set<String>

    init(_ snapshot: Snapshot) {
        func byName(_ definitions: [JSONValue]) -> [String: JSONValue] {
            Dictionary(definitions.compactMap { definition in definition["name"]?.stringValue.map { ($0, definition) } }, uniquingKeysWith: { first, _ in first })
        }
        tools = byName(snapshot.tools)
        prompts = byName(snapshot.prompts)
        resources = Set(snapshot.resources.compactMap { $0["uri"]?.stringValue })
        templates = Set(snapshot.resourceTemplates.compactMap { $0["uriTemplate"]?.stringValue })
    }
}

/// Matching a URI against an RFC 6570 template: `{var}` matches one unreserved-or-encoded
/// segment, `{+var}` / `{#var}` anything, `{?a,b}` / `{&a}` an optional query part.
/// Public: `accord mock` picks the template that serves a read with it.
public struct URITemplate: Sendable {
    public let template: String

    public init(_ template: String) { self.template = template }

    public func matches(_ uri: String) -> Bool {
        // RFC 3986: no URI holds a control character (an expansion percent-encodes them).
        guard !uri.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return false }
        // \A and \z, not ^ and $: `$` also matches before a final newline, so "a" matched "a\n".
        var pattern = #"\A"#
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            pattern += NSRegularExpression.escapedPattern(for: String(rest[..<open]))
            guard let close = rest[open...].firstIndex(of: "}") else { return false }
            let expression = rest[rest.index(after: open)..<close]
            switch expression.first {
            case "+", "#": pattern += ".*"
            case "?", "&": pattern += "([?&][^#]*)?"
            case "/", ".", ";": pattern += "[^?#]*"
            default: pattern += "[^/?#,]+"
            }
            rest = rest[rest.index(after: close)...]
        }
        pattern += NSRegularExpression.escapedPattern(for: String(rest)) + #"\z"#
        return Matcher.matches(pattern, uri)
    }
}
