import Yams

/// Typed access to a YAML node that remembers where it is, so every complaint names the file,
/// line and field (`servers.demo.command`).
struct YAMLNodeReader {
    let node: Node
    let file: String
    let path: String

    /// Parses `text`; an empty document reads as an empty mapping.
    static func parse(_ text: String, file: String) throws(ConfigurationError) -> YAMLNodeReader {
        do {
            let node = try Yams.compose(yaml: text) ?? Node.mapping(Node.Mapping([]))
            return YAMLNodeReader(node: node, file: file, path: "")
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw ConfigurationError(file: file, line: mark.line, reason: "invalid YAML: \(problem) (column \(mark.column))")
            default:
                throw ConfigurationError(file: file, reason: "invalid YAML: \(error)")
            }
        } catch {
            throw ConfigurationError(file: file, reason: "invalid YAML: \(error)")
        }
    }

    var line: Int? { node.mark?.line }

    func error(_ reason: String) -> ConfigurationError {
        ConfigurationError(file: file, line: line, field: path, reason: reason)
    }

    private func child(_ node: Node, _ component: String) -> YAMLNodeReader {
        YAMLNodeReader(node: node, file: file, path: path.isEmpty ? component : "\(path).\(component)")
    }

    /// The entries of a mapping in file order.
    func mapping() throws(ConfigurationError) -> [(key: String, value: YAMLNodeReader)] {
        guard let mapping = node.mapping else { throw error("must be a mapping (key: value pairs), found \(kindName)") }
        var entries: [(key: String, value: YAMLNodeReader)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw YAMLNodeReader(node: key, file: file, path: path).error("keys must be plain strings")
            }
            entries.append((name, child(value, name)))
        }
        return entries
    }

    /// The mapping's entries, rejecting keys outside `allowed` (typos should not be silent).
    func mapping(allowedKeys allowed: Set<String>) throws(ConfigurationError) -> [String: YAMLNodeReader] {
        var result: [String: YAMLNodeReader] = [:]
        for (key, value) in try mapping() {
            guard allowed.contains(key) else {
                throw value.error("unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            result[key] = value
        }
        return result
    }

    func string() throws(ConfigurationError) -> String {
        guard let scalar = node.scalar else { throw error("must be a string, found \(kindName)") }
        return scalar.string
    }

    func bool() throws(ConfigurationError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("must be true or false")
        }
    }

    func strings() throws(ConfigurationError) -> [String] {
        guard let sequence = node.sequence else { throw error("must be a list of strings, found \(kindName)") }
        var values: [String] = []
        for (index, element) in sequence.enumerated() {
            values.append(try child(element, "[\(index)]").string())
        }
        return values
    }

    func stringMap() throws(ConfigurationError) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in try mapping() { values[key] = try value.string() }
        return values
    }

    private var kindName: String {
        switch node {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
