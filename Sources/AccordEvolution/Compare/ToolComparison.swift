import AccordJSON

/// Tools: presence (with renames and deprecation windows), text, annotations, task support,
/// and both schemas in their directions.
struct ToolComparison {
    let context: ComparisonContext

    /// Renames, removals and additions; changed pairs go through ``compare(_:_:path:)``.
    func compareUnpaired() -> [Finding] {
        var pairing = DefinitionPairing(context.changes[.tool])
        var findings: [Finding] = []

        // A removed tool and an added one with the same schemas is a rename: one finding.
        for removed in pairing.removed {
            guard let index = pairing.added.firstIndex(where: { Self.sameSchemas(removed.value, $0.value) }) else { continue }
            let added = pairing.added.remove(at: index)
            pairing.removed.removeAll { $0.name == removed.name }
            let path = ObjectPath(kind: .tool, name: removed.name)
            findings.append(path.finding("tool-renamed", [], old: .string(removed.name), new: .string(added.name),
                                         message: "tool `\(removed.name)` was renamed to `\(added.name)`",
                                         hint: "same input and output schemas; callers of `\(removed.name)` break — keep the old name as an alias to stay compatible"))
        }

        for removed in pairing.removed {
            let path = ObjectPath(kind: .tool, name: removed.name)
            if let window = DeprecationWindow(tool: removed.value, options: context.options, newVersion: context.new.serverVersion), window.isOver {
                findings.append(path.finding("tool-removed-after-deprecation", [], old: removed.value["name"], new: nil,
                                             message: "tool `\(removed.name)` was removed after its deprecation window", hint: window.description))
            } else {
                findings.append(path.finding("tool-removed", [], old: removed.value["name"], new: nil, message: "tool `\(removed.name)` was removed"))
            }
        }
        for added in pairing.added {
            findings.append(ObjectPath(kind: .tool, name: added.name).finding("tool-added", [], old: nil, new: added.value["name"], message: "tool `\(added.name)` was added"))
        }
        return findings
    }

    static func sameSchemas(_ old: JSONValue, _ new: JSONValue) -> Bool {
        semanticallyEqual(old["inputSchema"], new["inputSchema"]) && semanticallyEqual(old["outputSchema"], new["outputSchema"])
    }

    /// Fields compared by dedicated code; every other field counts as vendor metadata.
    static let knownFields: Set<String> = ["name", "title", "description", "inputSchema", "outputSchema", "annotations", "icons", "execution", "_meta"]

    func compare(_ old: JSONValue, _ new: JSONValue, path: ObjectPath) -> [Finding] {
        var findings: [Finding] = []
        let metaKey = context.options.deprecationMetaKey

        if context.comparable("title"), !semanticallyEqual(old["title"], new["title"]) {
            findings.append(path.finding("tool-title-changed", ["title"], old: old["title"], new: new["title"], message: "\(path.label): title changed from \(brief(old["title"])) to \(brief(new["title"]))"))
        }
        if !semanticallyEqual(old["description"], new["description"]) {
            findings.append(path.finding("tool-description-changed", ["description"], old: old["description"], new: new["description"],
                                         message: "\(path.label): description changed", tags: ["llm-facing"]))
        }
        if context.comparable("icons"), !semanticallyEqual(old["icons"], new["icons"]) {
            findings.append(path.finding("tool-icons-changed", ["icons"], old: old["icons"], new: new["icons"], message: "\(path.label): icons changed"))
        }
        if context.comparable("_meta") {
            let metaBefore = old["_meta"]?.objectValue ?? [:], metaAfter = new["_meta"]?.objectValue ?? [:]
            if metaBefore[metaKey] == nil, let marker = metaAfter[metaKey] {
                findings.append(path.finding("tool-deprecated", ["_meta", metaKey], old: nil, new: marker, message: "\(path.label) was marked deprecated",
                                             hint: marker["replacement"]?.stringValue.map { "replacement: \($0)" }))
            }
            for key in Set(metaBefore.keys).union(metaAfter.keys).sorted() where key != metaKey && !semanticallyEqual(metaBefore[key], metaAfter[key]) {
                findings.append(path.finding("tool-meta-changed", ["_meta", key], old: metaBefore[key], new: metaAfter[key], message: "\(path.label): _meta.\(key) changed"))
            }
        }
        let vendorKeys = Set((old.objectValue ?? [:]).keys).union((new.objectValue ?? [:]).keys).subtracting(Self.knownFields)
        for key in vendorKeys.sorted() where !semanticallyEqual(old[key], new[key]) {
            findings.append(path.finding("tool-meta-changed", [key], old: old[key], new: new[key], message: "\(path.label): vendor field `\(key)` changed"))
        }

        if context.comparable("annotations") {
            findings += AnnotationComparison.compare(old["annotations"], new["annotations"], path: path)
        }
        if context.comparable("execution") {
            findings += Self.compareTaskSupport(old["execution"]?["taskSupport"]?.stringValue, new["execution"]?["taskSupport"]?.stringValue, path: path)
        }

        findings += SchemaComparator(direction: .input, options: context.options)
            .compare(old: old["inputSchema"] ?? .object([:]), new: new["inputSchema"] ?? .object([:]), schemaPointer: path.pointer("inputSchema"), kind: .tool, name: path.name)

        if context.comparable("outputSchema") {
            switch (old["outputSchema"], new["outputSchema"]) {
            case (nil, let added?):
                findings.append(path.finding("output-schema-added", ["outputSchema"], old: nil, new: added, message: "\(path.label) now declares an outputSchema"))
            case (let removed?, nil):
                findings.append(path.finding("output-schema-removed", ["outputSchema"], old: removed, new: nil, message: "\(path.label) no longer declares an outputSchema: structuredContent is unguaranteed"))
            case (let before?, let after?):
                findings += SchemaComparator(direction: .output, options: context.options)
                    .compare(old: before, new: after, schemaPointer: path.pointer("outputSchema"), kind: .tool, name: path.name)
            case (nil, nil):
                break
            }
        }
        return findings
    }

    /// `execution.taskSupport`: forbidden (the default), optional or required.
    static func compareTaskSupport(_ old: String?, _ new: String?, path: ObjectPath) -> [Finding] {
        let before = old ?? "forbidden", after = new ?? "forbidden"
        guard before != after else { return [] }
        let rule: String
        switch (before, after) {
        case (_, "required"): rule = "task-support-required"
        case (_, "forbidden"): rule = "task-support-dropped"
        default: rule = "task-support-optional"
        }
        return [path.finding(rule, ["execution", "taskSupport"], old: old.map(JSONValue.string), new: new.map(JSONValue.string),
                             message: "\(path.label): execution.taskSupport changed from \(before) to \(after)")]
    }
}
