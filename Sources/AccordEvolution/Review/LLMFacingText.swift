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
    /// - Parameter skipping: objects whose texts are not wanted (a diff skips definitions that
    ///   did not change at all, most of a large snapshot).
    public static func collect(_ snapshot: Snapshot, skipping: Set<ComparedObject> = []) -> [LLMFacingText] {
        var texts: [LLMFacingText] = []
        let serverName = snapshot.serverInfo["name"]?.stringValue ?? "server"
        func add(_ kind: ObjectKind, _ name: String, _ pointer: JSONPointer, _ value: JSONValue?) {
            if let text = value?.stringValue, !text.isEmpty { texts.append(LLMFacingText(kind: kind, name: name, pointer: pointer, text: text)) }
        }
        if let instructions = snapshot.instructions { add(.server, serverName, JSONPointer(tokens: ["instructions"]), .string(instructions)) }
        for field in ["title", "description"] {
            add(.server, serverName, JSONPointer(tokens: ["serverInfo", field]), snapshot.serverInfo[field])
        }
        for tool in snapshot.tools {
            guard let name = tool["name"]?.stringValue, !skipping.contains(ComparedObject(kind: .tool, name: name)) else { continue }
            let root = ObjectPath(kind: .tool, name: name).root
            for field in ["title", "description"] { add(.tool, name, root.appending(field), tool[field]) }
            add(.tool, name, JSONPointer(tokens: root.tokens + ["annotations", "title"]), tool["annotations"]?["title"])
            for schema in ["inputSchema", "outputSchema"] {
                guard let value = tool[schema] else { continue }
                collectSchemaText(value, pointer: root.appending(schema)) { add(.tool, name, $0, .string($1)) }
            }
        }
        for prompt in snapshot.prompts {
            guard let name = prompt["name"]?.stringValue, !skipping.contains(ComparedObject(kind: .prompt, name: name)) else { continue }
            let root = ObjectPath(kind: .prompt, name: name).root
            for field in ["title", "description"] { add(.prompt, name, root.appending(field), prompt[field]) }
            for (index, argument) in (prompt["arguments"]?.arrayValue ?? []).enumerated() {
                for field in ["title", "description"] {
                    add(.prompt, name, JSONPointer(tokens: root.tokens + ["arguments", String(index), field]), argument[field])
                }
            }
        }
        for (kind, definitions, identity) in [(ObjectKind.resource, snapshot.resources, "uri"), (.resourceTemplate, snapshot.resourceTemplates, "uriTemplate")] {
            for definition in definitions {
                guard let name = definition[identity]?.stringValue, !skipping.contains(ComparedObject(kind: kind, name: name)) else { continue }
                let root = ObjectPath(kind: kind, name: name).root
                for field in ["title", "description"] { add(kind, name, root.appending(field), definition[field]) }
            }
        }
        return texts
    }

    /// Every string-valued `title` or `description` inside a schema, at any depth. A property
    /// *named* `description` is a schema (an object), so it is walked, not collected; `enum`,
    /// `const`, `default` and `examples` hold instance values, not text for the model to read
    /// as guidance, and are skipped.
    static func collectSchemaText(_ schema: JSONValue, pointer: JSONPointer, inSchemaMap: Bool = false, _ found: (JSONPointer, String) -> Void) {
        switch schema {
        case .object(let members):
            for key in members.keys.sorted() {
                guard let value = members[key] else { continue }
                if inSchemaMap {
                    // `properties`, `$defs`…: every member is a schema, whatever its name.
                    collectSchemaText(value, pointer: pointer.appending(key), found)
                } else if key == "title" || key == "description", let text = value.stringValue {
                    if !text.isEmpty { found(pointer.appending(key), text) }
                } else if !Self.instanceKeywords.contains(key) {
                    collectSchemaText(value, pointer: pointer.appending(key), inSchemaMap: Self.schemaMaps.contains(key), found)
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { collectSchemaText(element, pointer: pointer.appending(index), found) }
        default:
            break
        }
    }

    private static let instanceKeywords: Set<String> = ["enum", "const", "default", "examples"]
    private static let schemaMaps: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
}
