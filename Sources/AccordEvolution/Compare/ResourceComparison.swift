import AccordJSON

/// Resources (by URI) and resource templates (by `uriTemplate`, falling back to `name` so a
/// changed template text is reported as a change, not a removal plus an addition).
struct ResourceComparison {
    let context: ComparisonContext

    static let metadataFields = ["name", "title", "description", "size", "annotations", "icons", "_meta"]

    /// Removals and additions; changed pairs go through ``compareCommon(_:_:path:)``.
    func compareUnpairedResources() -> [Finding] {
        let pairing = DefinitionPairing(context.changes[.resource])
        var findings: [Finding] = []
        for removed in pairing.removed {
            findings.append(ObjectPath(kind: .resource, name: removed.name).finding("resource-removed", [], old: removed.value["uri"], new: nil, message: "resource `\(removed.name)` was removed"))
        }
        for added in pairing.added {
            findings.append(ObjectPath(kind: .resource, name: added.name).finding("resource-added", [], old: nil, new: added.value["uri"], message: "resource `\(added.name)` was added"))
        }
        return findings
    }

    /// Removals, additions, and templates re-keyed under the same name (compared here); changed
    /// pairs go through ``compareTemplate(_:_:path:)``.
    func compareUnpairedTemplates() -> [Finding] {
        var pairing = DefinitionPairing(context.changes[.resourceTemplate])
        // Re-pair removed and added templates that share a unique name.
        var repaired: [(name: String, old: JSONValue, new: JSONValue)] = []
        for removed in pairing.removed {
            guard let name = removed.value["name"]?.stringValue,
                  pairing.added.filter({ $0.value["name"]?.stringValue == name }).count == 1,
                  let index = pairing.added.firstIndex(where: { $0.value["name"]?.stringValue == name }) else { continue }
            let added = pairing.added.remove(at: index)
            pairing.removed.removeAll { $0.name == removed.name }
            repaired.append((removed.name, removed.value, added.value))
        }
        var findings: [Finding] = []
        for removed in pairing.removed {
            findings.append(ObjectPath(kind: .resourceTemplate, name: removed.name).finding("resource-template-removed", [], old: removed.value["uriTemplate"], new: nil, message: "resource template `\(removed.name)` was removed"))
        }
        for added in pairing.added {
            findings.append(ObjectPath(kind: .resourceTemplate, name: added.name).finding("resource-template-added", [], old: nil, new: added.value["uriTemplate"], message: "resource template `\(added.name)` was added"))
        }
        for pair in repaired { findings += compareTemplate(pair.old, pair.new, path: ObjectPath(kind: .resourceTemplate, name: pair.name)) }
        return findings
    }

    func compareTemplate(_ old: JSONValue, _ new: JSONValue, path: ObjectPath) -> [Finding] {
        compareTemplateText(old["uriTemplate"]?.stringValue ?? "", new["uriTemplate"]?.stringValue ?? "", path: path) + compareCommon(old, new, path: path)
    }

    /// Literal text changed or a variable removed/renamed → breaking; a variable added or an
    /// operator changed → potentially breaking.
    func compareTemplateText(_ old: String, _ new: String, path: ObjectPath) -> [Finding] {
        guard old != new else { return [] }
        let before = URITemplate(old), after = URITemplate(new)
        let removedVariables = before.variables.filter { !after.variables.contains($0) }
        let addedVariables = after.variables.filter { !before.variables.contains($0) }
        if before.literals != after.literals || !removedVariables.isEmpty {
            let detail = removedVariables.isEmpty ? "its literal text changed"
                : "variable\(removedVariables.count == 1 ? "" : "s") \(removedVariables.map { "`\($0)`" }.joined(separator: ", ")) removed or renamed"
            return [path.finding("template-uri-changed", ["uriTemplate"], old: .string(old), new: .string(new), message: "\(path.label): \(detail) (\(old) → \(new))",
                                 hint: "clients that expand the old template build URIs the server no longer serves")]
        }
        var findings: [Finding] = []
        for variable in addedVariables {
            findings.append(path.finding("template-variable-added", ["uriTemplate"], old: .string(old), new: .string(new), message: "\(path.label): variable `\(variable)` added (\(new))"))
        }
        for variable in before.variables where after.variables.contains(variable) && before.operatorOf(variable) != after.operatorOf(variable) {
            findings.append(path.finding("template-operator-changed", ["uriTemplate"], old: .string(old), new: .string(new),
                                         message: "\(path.label): the expression of `\(variable)` changed operator (\(old) → \(new))"))
        }
        return findings
    }

    func compareCommon(_ old: JSONValue, _ new: JSONValue, path: ObjectPath) -> [Finding] {
        var findings: [Finding] = []
        switch (old["mimeType"], new["mimeType"]) {
        case (let before?, let after?) where !semanticallyEqual(before, after):
            findings.append(path.finding("resource-mime-type-changed", ["mimeType"], old: before, new: after, message: "\(path.label): mimeType changed from \(brief(before)) to \(brief(after))"))
        case (let before?, nil):
            findings.append(path.finding("resource-mime-type-removed", ["mimeType"], old: before, new: nil, message: "\(path.label): mimeType \(brief(before)) removed"))
        case (nil, let after?):
            findings.append(path.finding("resource-mime-type-added", ["mimeType"], old: nil, new: after, message: "\(path.label): mimeType \(brief(after)) added"))
        default:
            break
        }
        let known: Set<String> = ["uri", "uriTemplate", "mimeType"]
        let keys = Set((old.objectValue ?? [:]).keys).union((new.objectValue ?? [:]).keys).subtracting(known)
        for key in keys.sorted() where context.comparable(key) && !semanticallyEqual(old[key], new[key]) {
            let tags = key == "description" ? ["llm-facing"] : []
            findings.append(path.finding("resource-metadata-changed", [key], old: old[key], new: new[key], message: "\(path.label): \(key) changed", tags: tags))
        }
        return findings
    }
}
