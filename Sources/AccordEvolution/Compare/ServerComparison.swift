import AccordJSON

/// Capabilities, protocol version, instructions and serverInfo.
struct ServerComparison {
    let context: ComparisonContext

    /// Capabilities whose loss breaks clients, with their sub-flags.
    static let capabilities = ["tools", "resources", "prompts", "completions", "logging"]

    func compare() -> [Finding] {
        let old = context.old, new = context.new
        let path = ObjectPath(kind: .server, name: old.serverInfo["name"]?.stringValue ?? "server")
        var findings: [Finding] = []

        for name in Self.capabilities {
            let before = old.capabilities[name], after = new.capabilities[name]
            switch (before.map { !$0.isNull } ?? false, after.map { !$0.isNull } ?? false) {
            case (true, false):
                findings.append(path.finding("capability-removed", ["capabilities", name], old: before, new: nil, message: "the server no longer announces the `\(name)` capability"))
                continue
            case (false, true):
                findings.append(path.finding("capability-added", ["capabilities", name], old: nil, new: after, message: "the server now announces the `\(name)` capability"))
                continue
            case (false, false):
                continue
            case (true, true):
                break
            }
            // listChanged and subscribe mean different things across eras (2026-07-28 moves
            // them to subscriptions/listen): compare them only within one era.
            guard context.sameEra else { continue }
            let listChangedBefore = before?["listChanged"]?.boolValue ?? false
            let listChangedAfter = after?["listChanged"]?.boolValue ?? false
            if listChangedBefore, !listChangedAfter {
                findings.append(path.finding("list-changed-removed", ["capabilities", name, "listChanged"], old: true, new: after?["listChanged"], message: "`\(name)` no longer sends listChanged notifications"))
            } else if !listChangedBefore, listChangedAfter {
                findings.append(path.finding("list-changed-added", ["capabilities", name, "listChanged"], old: before?["listChanged"], new: true, message: "`\(name)` now sends listChanged notifications"))
            }
            if name == "resources", before?["subscribe"]?.boolValue == true, after?["subscribe"]?.boolValue != true {
                findings.append(path.finding("capability-removed", ["capabilities", "resources", "subscribe"], old: true, new: after?["subscribe"], message: "resource subscriptions are no longer supported"))
            }
        }

        if new.protocolVersion < old.protocolVersion {
            findings.append(path.finding("protocol-version-dropped", ["protocolVersion"], old: .string(old.protocolVersion), new: .string(new.protocolVersion),
                                         message: "the server negotiated \(new.protocolVersion), older than \(old.protocolVersion) before",
                                         hint: "clients that require \(old.protocolVersion) can no longer connect"))
        }

        if old.instructions != new.instructions {
            findings.append(path.finding("server-instructions-changed", ["instructions"], old: old.instructions.map(JSONValue.string), new: new.instructions.map(JSONValue.string),
                                         message: "the server's instructions changed", tags: ["llm-facing"]))
        }

        let infoBefore = (old.serverInfo.objectValue ?? [:]).filter { $0.key != "version" }
        let infoAfter = (new.serverInfo.objectValue ?? [:]).filter { $0.key != "version" }
        for key in Set(infoBefore.keys).union(infoAfter.keys).sorted() where !semanticallyEqual(infoBefore[key], infoAfter[key]) {
            findings.append(path.finding("server-info-changed", ["serverInfo", key], old: infoBefore[key], new: infoAfter[key], message: "serverInfo.\(key) changed from \(brief(infoBefore[key])) to \(brief(infoAfter[key]))"))
        }
        return findings
    }
}
