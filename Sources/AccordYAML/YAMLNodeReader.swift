import Yams

/// Typed access to a YAML node that remembers where it is, so every complaint names the file,
/// line and field (`servers.demo.command`). Used for accord.yaml and contract files.
public struct YAMLNodeReader {
    public let node: Node
    public let file: String
    /// The dotted field path of this node (`servers.demo.args[0]`).
    public let path: String

    public init(node: Node, file: String, path: String) {
        self.node = node
        self.file = file
        self.path = path
    }

    /// Parses `text`; an empty document reads as an empty mapping.
    public static func parse(_ text: String, file: String) throws(InputFileError) -> YAMLNodeReader {
        do {
            let node = try Yams.compose(yaml: text) ?? Node.mapping(Node.Mapping([]))
            return YAMLNodeReader(node: node, file: file, path: "")
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw InputFileError(file: file, line: mark.line, reason: "invalid YAML: \(problem) (column \(mark.column))")
            default:
                throw InputFileError(file: file, reason: "invalid YAML: \(error)")
            }
        } catch {
            throw InputFileError(file: file, reason: "invalid YAML: \(error)")
        }
    }

    public var line: Int? { node.mark?.line }

    /// Whether the node is a single scalar (not a list or mapping).
    public var isScalar: Bool { node.scalar != nil }

    public func error(_ reason: String) -> InputFileError {
        InputFileError(file: file, line: line, field: path, reason: reason)
    }

    public func child(_ node: Node, _ component: String) -> YAMLNodeReader {
        let separator = path.isEmpty || component.hasPrefix("[") ? "" : "."
        return YAMLNodeReader(node: node, file: file, path: path + separator + component)
    }

    /// The entries of a mapping in file order.
    public func mapping() throws(InputFileError) -> [(key: String, value: YAMLNodeReader)] {
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
    public func mapping(allowedKeys allowed: Set<String>) throws(InputFileError) -> [String: YAMLNodeReader] {
        var result: [String: YAMLNodeReader] = [:]
        for (key, value) in try mapping() {
            guard allowed.contains(key) else {
                throw value.error("unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            result[key] = value
        }
        return result
    }

    public func string() throws(InputFileError) -> String {
        guard let scalar = node.scalar else { throw error("must be a string, found \(kindName)") }
        return scalar.string
    }

    public func bool() throws(InputFileError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("must be true or false")
        }
    }

    public func strings() throws(InputFileError) -> [String] {
        guard let sequence = node.sequence else { throw error("must be a list of strings, found \(kindName)") }
        var values: [String] = []
        for (index, element) in sequence.enumerated() {
            values.append(try child(element, "[\(index)]").string())
        }
        return values
    }

    public func stringMap() throws(InputFileError) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in try mapping() { values[key] = try value.string() }
        return values
    }

    public var kindName: String {
        switch node {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
