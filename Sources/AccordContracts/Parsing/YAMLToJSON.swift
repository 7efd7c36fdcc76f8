import AccordJSON
import AccordYAML
import Yams

// Yams comes in through AccordYAML; only this file touches its node types.

extension YAMLNodeReader {
    /// The elements of a list, each with its `[index]` field path.
    func sequenceElements() throws(InputFileError) -> [YAMLNodeReader] {
        guard let sequence = node.sequence else { throw error("must be a list, found \(kindName)") }
        return sequence.enumerated().map { index, element in child(element, "[\(index)]") }
    }

    var isMapping: Bool { node.mapping != nil }
    var isSequence: Bool { node.sequence != nil }

    /// The node as JSON. Plain scalars: `null`/`~`/empty → null, `true`/`false` → bool, a JSON
    /// number literal → a number keeping its text (`1.50` stays `1.50`); anything else, and every
    /// quoted or block scalar, is a string.
    func json() throws(InputFileError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any else { return .string(scalar.string) }
            return Self.plainScalar(scalar.string)
        case .mapping:
            var members: [String: JSONValue] = [:]
            for (key, value) in try mapping() {
                guard members[key] == nil else { throw value.error("duplicate key \(key)") }
                members[key] = try value.json()
            }
            return .object(members)
        case .sequence:
            var elements: [JSONValue] = []
            for element in try sequenceElements() { elements.append(try element.json()) }
            return .array(elements)
        case .alias:
            throw error("YAML aliases are not supported in contracts")
        }
    }

    static func plainScalar(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default:
            if let number = JSONNumber(text: text) { return .number(number) }
            return .string(text)
        }
    }

    /// A plain integer scalar.
    func integer() throws(InputFileError) -> Int {
        guard node.scalar?.style == .plain, let value = Int(try string()) else { throw error("must be an integer") }
        return value
    }

    /// `true` written as a plain scalar (how `$number: true` and `$integer: true` are spelled).
    func literalTrue() throws(InputFileError) -> Bool {
        guard node.scalar?.style == .plain else { throw error("must be true or false") }
        return try bool()
    }
}
