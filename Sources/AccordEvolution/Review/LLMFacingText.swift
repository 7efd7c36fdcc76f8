import AccordJSON
import AccordSnapshot

/// One piece of text a model reads when it is offered a server: a tool's description, a schema
/// property's description, the server's instructions. `pointer` addresses it the way findings
/// do (objects by identity: `/tools/search/inputSchema/properties/q/description`).
public struct LLMFacingText: Sendable, Equatable {
    public var kind: ObjectKind
    /// The tool or prompt name, resource URI, template, or server name.
    public var name: String
    public var pointer: JSONPointer
    public var text: String

    /// "tool `search` inputSchema/properties/q/description": the object and the field, for messages.
    var place: String {
        let path = ObjectPath(kind: kind, name: name)
        let field = pointer.tokens.dropFirst(path.root.tokens.count).joined(separator: "/")
        return field.isEmpty ? path.label : "\(path.label) \(field)"
    }

    var object: ComparedObject { ComparedObject(kind: kind, name: name) }
}

/// Collects every LLM-facing text of a snapshot: server instructions and serverInfo title and
/// description; tool title, description and annotations title; every `title` and `description`
/// string anywhere in the input and output schemas; prompt and prompt-argument titles and
/// descriptions; resource and template titles and descriptions.
///
/// ```swift
/// for text in LLMFacingTextCollector.collect(snapshot) { print(text.pointer, text.text) }
/// ```
public enum LLMFacingTextCollector {
    public static func collect(_ snapshot: Snapshot) -> [LLMFacingText] {
        var texts = collect(snapshot.header)
        for kind in definitionOrder {
            for definition in snapshot.definitions(kind) { texts += collect(definition, kind: kind) }
        }
        return texts
    }

    /// The order texts are listed in: tools, prompts, resources, resource templates.
    static let definitionOrder: [DefinitionKind] = [.tool, .prompt, .resource, .resourceTemplate]

    /// The server's own texts: instructions, serverInfo title and description.
    static func collect(_ header: SnapshotHeader) -> [LLMFacingText] {
        var texts: [LLMFacingText] = []
        let serverName = header.serverName ?? "server"
        func add(_ pointer: JSONPointer, _ value: JSONValue?) {
            if let text = value?.stringValue, !text.isEmpty { texts.append(LLMFacingText(kind: .server, name: serverName, pointer: pointer, text: text)) }
        }
        if let instructions = header.instructions { add(JSONPointer(tokens: ["instructions"]), .string(instructions)) }
        for field in ["title", "description"] { add(JSONPointer(tokens: ["serverInfo", field]), header.serverInfo[field]) }
        return texts
    }

    /// The texts of one definition (none when it has no identity).
    static func collect(_ definition: JSONValue, kind: DefinitionKind) -> [LLMFacingText] {
        guard let name = kind.identity(of: definition) else { return [] }
        let objectKind = ObjectKind(kind)
        let root = ObjectPath(kind: objectKind, name: name).root
        var texts: [LLMFacingText] = []
        func add(_ pointer: JSONPointer, _ value: JSONValue?) {
            if let text = value?.stringValue, !text.isEmpty { texts.append(LLMFacingText(kind: objectKind, name: name, pointer: pointer, text: text)) }
        }
        for field in ["title", "description"] { add(root.appending(field), definition[field]) }
        switch kind {
        case .tool:
            add(JSONPointer(tokens: root.tokens + ["annotations", "title"]), definition["annotations"]?["title"])
            for schema in ["inputSchema", "outputSchema"] {
                guard let value = definition[schema] else { continue }
                collectSchemaText(value, pointer: root.appending(schema)) { add($0, .string($1)) }
            }
        case .prompt:
            for (index, argument) in (definition["arguments"]?.arrayValue ?? []).enumerated() {
                for field in ["title", "description"] {
                    add(JSONPointer(tokens: root.tokens + ["arguments", String(index), field]), argument[field])
                }
            }
        case .resource, .resourceTemplate:
            break
        }
        return texts
    }

    /// Every string-valued `title` or `description` inside a schema, at any depth. A property
    /// *named* `description` is a schema (an object), so it is walked, not collected; `enum`,
    /// `const`, `default` and `examples` hold instance values, not text for the model to read
    /// as guidance, and are skipped.
    static func collectSchemaText(_ schema: JSONValue, pointer: JSONPointer, _ found: (JSONPointer, String) -> Void) {
        var path = pointer.tokens
        collectSchemaText(schema, path: &path, inSchemaMap: false, found)
    }

    /// The walk, on one token stack: a pointer is made only for a text found.
    private static func collectSchemaText(_ schema: JSONValue, path: inout [String], inSchemaMap: Bool, _ found: (JSONPointer, String) -> Void) {
        switch schema {
        case .object(let members):
            for key in members.keys.sorted() {
                guard let value = members[key] else { continue }
                path.append(key)
                defer { path.removeLast() }
                if inSchemaMap {
                    // `properties`, `$defs`…: every member is a schema, whatever its name.
                    collectSchemaText(value, path: &path, inSchemaMap: false, found)
                } else if key == "title" || key == "description", let text = value.stringValue {
                    if !text.isEmpty { found(JSONPointer(tokens: path), text) }
                } else if !Self.instanceKeywords.contains(key) {
                    collectSchemaText(value, path: &path, inSchemaMap: Self.schemaMaps.contains(key), found)
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                path.append(String(index))
                defer { path.removeLast() }
                collectSchemaText(element, path: &path, inSchemaMap: false, found)
            }
        default:
            break
        }
    }

    private static let instanceKeywords: Set<String> = ["enum", "const", "default", "examples"]
    private static let schemaMaps: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
}
