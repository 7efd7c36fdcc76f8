import AccordJSON
import AccordYAML
import Foundation

/// Reads contract files. Every problem is an ``InputFileError`` naming the file, the line and
/// the field (`interactions[0].expect.structuredContent.status`), so a CLI can exit 2 with it.
///
/// ```swift
/// let contract = try ContractFile.load("contracts/billing-agent.yaml")
/// let all = try ContractFile.loadFolder("contracts")   // *.yaml and *.yml, sorted by name
/// ```
public enum ContractFile {
    /// Reads and parses one file.
    public static func load(_ path: String) throws(InputFileError) -> Contract {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError(file: path, reason: "cannot read the contract file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputFileError(file: path, reason: "the contract file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Every `*.yaml` / `*.yml` file directly in `folder`, sorted by file name. Hidden files
    /// (the `.verified.json` record among them) are skipped.
    public static func loadFolder(_ folder: String) throws(InputFileError) -> [Contract] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw InputFileError(file: folder, reason: "cannot list the contracts folder")
        }
        let paths = names
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
        var contracts: [Contract] = []
        for path in paths { contracts.append(try load(path)) }
        return contracts
    }

    /// The contract text as a plain JSON document (the form docs/schemas/accord-contract.schema.json
    /// describes), with the same scalar rules as ``parse(_:file:)``.
    public static func json(_ text: String, file: String) throws(InputFileError) -> JSONValue {
        try YAMLNodeReader.parse(text, file: file).json()
    }

    /// Parses contract text; `file` is used in errors and kept in ``Contract/file``.
    public static func parse(_ text: String, file: String) throws(InputFileError) -> Contract {
        let root = try YAMLNodeReader.parse(text, file: file)
        let fields = try root.mapping(allowedKeys: [
            "accord-contract", "consumer", "provider", "pending", "tools", "prompts", "resources", "resourceTemplates", "interactions",
        ])
        guard let version = fields["accord-contract"] else {
            throw root.error("missing accord-contract: the format version (write accord-contract: \(Contract.formatVersion))")
        }
        guard (try? version.integer()) == Contract.formatVersion else {
            throw version.error("unsupported contract format version \((try? version.string()) ?? "?"); this Accord reads \(Contract.formatVersion)")
        }
        var contract = Contract(
            consumer: try requiredString(fields, "consumer", in: root),
            provider: try requiredString(fields, "provider", in: root),
            pending: try fields["pending"]?.bool() ?? false,
            file: file,
            contentHash: ContentHash.sha256(text)
        )
        contract.lines[CheckID.provider] = fields["provider"]?.line
        for element in try fields["tools"]?.sequenceElements() ?? [] {
            contract.tools.append(try tool(element, lines: &contract.lines))
        }
        for element in try fields["prompts"]?.sequenceElements() ?? [] {
            let entries = try element.mapping(allowedKeys: ["name", "arguments"])
            let prompt = PromptExpectation(name: try requiredString(entries, "name", in: element), arguments: try entries["arguments"]?.strings() ?? [])
            contract.prompts.append(prompt)
            contract.lines[CheckID.prompt(prompt.name)] = element.line
        }
        for element in try fields["resources"]?.sequenceElements() ?? [] {
            let entries = try element.mapping(allowedKeys: ["uri"])
            let resource = ResourceExpectation(uri: try requiredString(entries, "uri", in: element))
            contract.resources.append(resource)
            contract.lines[CheckID.resource(resource.uri)] = element.line
        }
        for element in try fields["resourceTemplates"]?.sequenceElements() ?? [] {
            let entries = try element.mapping(allowedKeys: ["uriTemplate"])
            let template = ResourceTemplateExpectation(uriTemplate: try requiredString(entries, "uriTemplate", in: element))
            contract.resourceTemplates.append(template)
            contract.lines[CheckID.resourceTemplate(template.uriTemplate)] = element.line
        }
        var seen: Set<String> = []
        for element in try fields["interactions"]?.sequenceElements() ?? [] {
            let parsed = try interaction(element)
            guard seen.insert(parsed.name).inserted else {
                throw element.error("duplicate interaction name \(parsed.name); names identify interactions in reports")
            }
            contract.interactions.append(parsed)
            contract.lines[CheckID.interaction(parsed.name)] = element.line
        }
        return contract
    }

    private static func tool(_ reader: YAMLNodeReader, lines: inout [String: Int]) throws(InputFileError) -> ToolExpectation {
        let entries = try reader.mapping(allowedKeys: ["name", "examples", "reads", "annotations"])
        var tool = ToolExpectation(name: try requiredString(entries, "name", in: reader))
        lines[CheckID.tool(tool.name)] = reader.line
        for example in try entries["examples"]?.sequenceElements() ?? [] {
            guard example.isMapping else { throw example.error("an example is the arguments object (a mapping)") }
            lines[CheckID.example(tool.name, tool.examples.count)] = example.line
            tool.examples.append(try example.json())
        }
        for element in try entries["reads"]?.sequenceElements() ?? [] {
            let read = try pointer(element)
            lines[CheckID.read(tool.name, read)] = element.line
            tool.reads.append(read)
        }
        if let annotations = entries["annotations"] {
            lines[CheckID.annotations(tool.name)] = annotations.line
            for (key, value) in try annotations.mapping(allowedKeys: Set(Annotations.defaults.keys)) {
                tool.annotations[key] = try value.bool()
            }
        }
        return tool
    }

    private static func interaction(_ reader: YAMLNodeReader) throws(InputFileError) -> Interaction {
        let entries = try reader.mapping(allowedKeys: ["name", "given", "call", "tool", "uri", "prompt", "arguments", "expect"])
        let name = try requiredString(entries, "name", in: reader)
        guard let callReader = entries["call"] else { throw reader.error("missing call: tools/call, resources/read or prompts/get") }
        let call: InteractionCall
        func forbid(_ keys: [String]) throws(InputFileError) {
            for key in keys { if let extra = entries[key] { throw extra.error("\(key) does not apply to \(try callReader.string())") } }
        }
        switch try callReader.string() {
        case "tools/call":
            try forbid(["uri", "prompt"])
            let arguments = try entries["arguments"].map { (reader) throws(InputFileError) -> JSONValue in
                guard reader.isMapping else { throw reader.error("must be a mapping of argument names to values") }
                return try reader.json()
            } ?? .object([:])
            call = .callTool(name: try requiredString(entries, "tool", in: reader), arguments: arguments)
        case "resources/read":
            try forbid(["tool", "prompt", "arguments"])
            call = .readResource(uri: try requiredString(entries, "uri", in: reader))
        case "prompts/get":
            try forbid(["tool", "uri"])
            call = .getPrompt(name: try requiredString(entries, "prompt", in: reader), arguments: try entries["arguments"]?.stringMap() ?? [:])
        default:
            throw callReader.error("unknown call; expected tools/call, resources/read or prompts/get")
        }
        var given: ProviderState?
        if let givenReader = entries["given"] {
            let givenEntries = try givenReader.mapping(allowedKeys: ["state", "params"])
            let params = try givenEntries["params"]?.json() ?? .object([:])
            guard params.objectValue != nil else { throw givenEntries["params"]!.error("must be a mapping") }
            given = ProviderState(state: try requiredString(givenEntries, "state", in: givenReader), params: params)
        }
        let expect = try entries["expect"].map { (reader) throws(InputFileError) -> Matcher in try MatcherParser.parse(reader) }
        return Interaction(name: name, given: given, call: call, expect: expect)
    }

    private static func pointer(_ reader: YAMLNodeReader) throws(InputFileError) -> JSONPointer {
        let text = try reader.string()
        do {
            return try JSONPointer(parsing: text)
        } catch {
            throw reader.error("\(error)")
        }
    }

    private static func requiredString(_ entries: [String: YAMLNodeReader], _ key: String, in parent: YAMLNodeReader) throws(InputFileError) -> String {
        guard let reader = entries[key] else {
            throw InputFileError(file: parent.file, line: parent.line, field: parent.path.isEmpty ? key : "\(parent.path).\(key)", reason: "missing required field \(key)")
        }
        let value = try reader.string()
        guard !value.isEmpty else { throw reader.error("must not be empty") }
        return value
    }
}
