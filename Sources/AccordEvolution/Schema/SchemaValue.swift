import AccordJSON

/// Value-level helpers for schema comparison: equality that ignores key order and number
/// spelling (`1` = `1.0`), set keys for `enum`, and short renderings for messages.
enum SchemaValue {
    static func equal(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): true
        case (let left?, let right?): equal(left, right)
        default: false
        }
    }

    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.number(let left), .number(let right)):
            return left.isNumericallyEqual(to: right)
        case (.array(let left), .array(let right)):
            guard left.count == right.count else { return false }
            for index in left.indices where !equal(left[index], right[index]) { return false }
            return true
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            for (key, value) in left {
                guard let other = right[key], equal(value, other) else { return false }
            }
            return true
        default:
            return lhs == rhs
        }
    }

    /// A text key equal for semantically equal values, for sets of `enum` values.
    static func key(_ value: JSONValue) -> String {
        var output = ""
        appendKey(value, to: &output)
        return output
    }

    private static func appendKey(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "n"
        case .bool(let flag): output += flag ? "t" : "f"
        case .number(let number): output += "#" + numberKey(number)
        case .string(let string): output += "s\(string.utf8.count):" + string
        case .array(let elements):
            output += "["
            for element in elements { appendKey(element, to: &output); output += "," }
            output += "]"
        case .object(let members):
            output += "{"
            for key in JSONEncoding.sortedKeys(members) {
                output += "\(key.utf8.count):" + key
                appendKey(members[key] ?? .null, to: &output)
                output += ","
            }
            output += "}"
        }
    }

    private static func numberKey(_ number: JSONNumber) -> String {
        let value = number.doubleValue
        if value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.isFinite ? "\(value)" : number.text
    }

    /// Whether `value` holds a reference keyword anywhere, so that equal text may still differ
    /// once references are resolved.
    static func containsReference(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members):
            if members["$ref"] != nil || members["$dynamicRef"] != nil || members["$recursiveRef"] != nil { return true }
            return members.values.contains { containsReference($0) }
        case .array(let elements):
            return elements.contains { containsReference($0) }
        default:
            return false
        }
    }

    /// Whether every reference in `value` is a plain `$ref` into `#/$defs/` or `#/definitions/`.
    static func referencesOnlyDefinitions(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members):
            if members["$dynamicRef"] != nil || members["$recursiveRef"] != nil { return false }
            if let reference = members["$ref"] {
                guard let text = reference.stringValue, text.hasPrefix("#/$defs/") || text.hasPrefix("#/definitions/") else { return false }
            }
            return members.values.allSatisfy(referencesOnlyDefinitions)
        case .array(let elements):
            return elements.allSatisfy(referencesOnlyDefinitions)
        default:
            return true
        }
    }

    /// Compact, clipped JSON for messages; "absent" for a missing value.
    static func brief(_ value: JSONValue?) -> String {
        guard let value else { return "absent" }
        let text = JSONEncoding.compact(value)
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }

    /// Numbers as written, strings unquoted, everything else compact JSON.
    static func plain(_ value: JSONValue?) -> String {
        switch value {
        case .number(let number)?: number.text
        case .string(let string)?: string.count > 60 ? String(string.prefix(59)) + "…" : string
        default: brief(value)
        }
    }
}
