import AccordJSON

/// Prompts and their arguments. Argument findings point at the argument's index in the list it
/// appears in (the new list, or the old one for a removed argument).
struct PromptComparison {
    let context: ComparisonContext

    /// Renames, removals and additions; changed pairs go through ``compare(_:_:path:)``.
    func compareUnpaired() -> [Finding] {
        var pairing = DefinitionPairing(context.changes[.prompt])
        var findings: [Finding] = []
        for removed in pairing.removed {
            guard let index = pairing.added.firstIndex(where: { semanticallyEqual(removed.value["arguments"], $0.value["arguments"]) && removed.value["arguments"] != nil }) else { continue }
            let added = pairing.added.remove(at: index)
            pairing.removed.removeAll { $0.name == removed.name }
            findings.append(ObjectPath(kind: .prompt, name: removed.name).finding("prompt-renamed", [], old: .string(removed.name), new: .string(added.name),
                                                                                 message: "prompt `\(removed.name)` was renamed to `\(added.name)`", hint: "same arguments"))
        }
        for removed in pairing.removed {
            findings.append(ObjectPath(kind: .prompt, name: removed.name).finding("prompt-removed", [], old: removed.value["name"], new: nil, message: "prompt `\(removed.name)` was removed"))
        }
        for added in pairing.added {
            findings.append(ObjectPath(kind: .prompt, name: added.name).finding("prompt-added", [], old: nil, new: added.value["name"], message: "prompt `\(added.name)` was added"))
        }
        return findings
    }

    func compare(_ old: JSONValue, _ new: JSONValue, path: ObjectPath) -> [Finding] {
        var findings: [Finding] = []
        for key in ["title", "description"] where context.comparable(key) && !semanticallyEqual(old[key], new[key]) {
            findings.append(path.finding("prompt-text-changed", [key], old: old[key], new: new[key], message: "\(path.label): \(key) changed", tags: ["llm-facing"]))
        }
        for key in ["icons", "_meta"] where context.comparable(key) && !semanticallyEqual(old[key], new[key]) {
            findings.append(path.finding("prompt-metadata-changed", [key], old: old[key], new: new[key], message: "\(path.label): \(key) changed"))
        }

        let before = old["arguments"]?.arrayValue ?? [], after = new["arguments"]?.arrayValue ?? []
        func index(of name: String, in list: [JSONValue]) -> Int? { list.firstIndex { $0["name"]?.stringValue == name } }
        for (oldIndex, argument) in before.enumerated() {
            guard let name = argument["name"]?.stringValue else { continue }
            guard let newIndex = index(of: name, in: after) else {
                findings.append(path.finding("prompt-argument-removed", ["arguments", String(oldIndex)], old: argument, new: nil,
                                             message: "\(path.label): argument `\(name)` was removed", hint: "callers passing it may be rejected or have it ignored"))
                continue
            }
            let counterpart = after[newIndex]
            let wasRequired = argument["required"]?.boolValue ?? false, isRequired = counterpart["required"]?.boolValue ?? false
            if !wasRequired, isRequired {
                findings.append(path.finding("prompt-argument-became-required", ["arguments", String(newIndex), "required"], old: argument["required"], new: counterpart["required"],
                                             message: "\(path.label): argument `\(name)` became required"))
            } else if wasRequired, !isRequired {
                findings.append(path.finding("prompt-argument-became-optional", ["arguments", String(newIndex), "required"], old: argument["required"], new: counterpart["required"],
                                             message: "\(path.label): argument `\(name)` became optional"))
            }
            for key in ["title", "description"] where !semanticallyEqual(argument[key], counterpart[key]) {
                findings.append(path.finding("prompt-text-changed", ["arguments", String(newIndex), key], old: argument[key], new: counterpart[key],
                                             message: "\(path.label): argument `\(name)` \(key) changed", tags: ["llm-facing"]))
            }
        }
        for (newIndex, argument) in after.enumerated() {
            guard let name = argument["name"]?.stringValue, index(of: name, in: before) == nil else { continue }
            let required = argument["required"]?.boolValue ?? false
            findings.append(path.finding(required ? "prompt-argument-added-required" : "prompt-argument-added-optional", ["arguments", String(newIndex)], old: nil, new: argument,
                                         message: "\(path.label): \(required ? "required" : "optional") argument `\(name)` was added"))
        }
        return findings
    }
}
