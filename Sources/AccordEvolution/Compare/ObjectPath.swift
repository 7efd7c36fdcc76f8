import AccordJSON

/// Builds the identity-based pointers findings use: `/tools/<name>/...`.
struct ObjectPath: Sendable {
    let kind: ObjectKind
    let name: String
    let root: JSONPointer

    init(kind: ObjectKind, name: String) {
        self.kind = kind
        self.name = name
        switch kind {
        case .server: root = .root
        case .tool: root = JSONPointer(tokens: ["tools", name])
        case .resource: root = JSONPointer(tokens: ["resources", name])
        case .resourceTemplate: root = JSONPointer(tokens: ["resourceTemplates", name])
        case .prompt: root = JSONPointer(tokens: ["prompts", name])
        }
    }

    func pointer(_ tokens: String...) -> JSONPointer { JSONPointer(tokens: root.tokens + tokens) }

    func finding(_ rule: String, _ tokens: [String], old: JSONValue?, new: JSONValue?, message: String, hint: String? = nil, tags: [String] = [], severity: Severity? = nil) -> Finding {
        Finding(rule: rule, kind: kind, name: name, pointer: JSONPointer(tokens: root.tokens + tokens), old: old, new: new, message: message, hint: hint, tags: tags, severity: severity)
    }

    /// How objects are named in messages: "tool `search`".
    var label: String {
        switch kind {
        case .server: "server"
        case .tool: "tool `\(name)`"
        case .resource: "resource `\(name)`"
        case .resourceTemplate: "resource template `\(name)`"
        case .prompt: "prompt `\(name)`"
        }
    }
}

/// Compact, clipped JSON for messages.
func brief(_ value: JSONValue?) -> String {
    guard let value else { return "absent" }
    let text = JSONEncoding.compact(value)
    return text.count > 80 ? String(text.prefix(79)) + "…" : text
}

/// Equality that treats `1` and `1.0` alike and ignores key order (objects are dictionaries).
func semanticallyEqual(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
    switch (lhs, rhs) {
    case (nil, nil): return true
    case (let left?, let right?): return semanticallyEqual(left, right)
    default: return false
    }
}

func semanticallyEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.number(let left), .number(let right)): return left.isNumericallyEqual(to: right)
    case (.array(let left), .array(let right)):
        return left.count == right.count && zip(left, right).allSatisfy { semanticallyEqual($0, $1) }
    case (.object(let left), .object(let right)):
        return left.count == right.count && left.allSatisfy { key, value in right[key].map { semanticallyEqual(value, $0) } ?? false }
    default: return lhs == rhs
    }
}
