import MCP

/// A JSON Schema validator for exactly the keyword subset that `Schema` emits.
///
/// Why the demo validates at all: Accord's contract tests judge a server against its declared
/// schemas, so the demo must *be* what it declares. Every tool call's arguments are checked
/// against the release's `inputSchema` (a failure is an `isError` result, as 2025-11-25 asks),
/// and every `structuredContent` is checked against the release's `outputSchema` before it is
/// sent (a failure is a bug in the demo and surfaces as an internal error instead of silently
/// drifting from the contract). Because the schemas drive validation, a schema change between
/// releases changes behaviour with it — there is no second copy of the rules to forget.
///
/// Supported: `type` (one name or a list), `enum`, `const`, `properties`, `required`,
/// `additionalProperties` (boolean or schema), `items`, `minItems`, `maxItems`, `minLength`,
/// `maxLength` (counted in Unicode code points, as the spec says), `pattern` (unanchored search),
/// `format: date` (RFC 3339 full-date), `minimum`, `maximum`. Annotation keywords (`title`,
/// `description`, `default`) are ignored. This is not a general-purpose validator and does not
/// pretend to be one; Accord has its own in `AccordJSON`.
struct SchemaValidator {
    /// One violation: where in the instance (a JSON Pointer) and what is wrong.
    struct Violation: Equatable, Sendable, CustomStringConvertible {
        var pointer: String
        var message: String

        var description: String { "\(pointer.isEmpty ? "/" : pointer): \(message)" }
    }

    static func validate(_ instance: Value, against schema: Value) -> [Violation] {
        var violations: [Violation] = []
        check(instance, schema, pointer: "", into: &violations)
        return violations
    }

    private static func check(_ instance: Value, _ schema: Value, pointer: String, into violations: inout [Violation]) {
        guard case .object(let keywords) = schema else {
            if case .bool(false) = schema {
                violations.append(.init(pointer: pointer, message: "no value is allowed here"))
            }
            return
        }

        if let typeKeyword = keywords["type"] {
            let allowed: [String]
            switch typeKeyword {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap(\.stringValue)
            default: allowed = []
            }
            if !allowed.contains(where: { matches(instance, typeName: $0) }) {
                violations.append(
                    .init(pointer: pointer, message: "expected \(allowed.joined(separator: " or ")), got \(typeName(of: instance))"))
                // Further keywords would only repeat the same mistake in other words.
                return
            }
        }

        if case .array(let options)? = keywords["enum"], !options.contains(where: { jsonEqual($0, instance) }) {
            let listed = options.map(render).joined(separator: ", ")
            violations.append(.init(pointer: pointer, message: "must be one of \(listed)"))
        }
        if let constant = keywords["const"], !jsonEqual(constant, instance) {
            violations.append(.init(pointer: pointer, message: "must be \(render(constant))"))
        }

        switch instance {
        case .string(let text):
            checkString(text, keywords, pointer: pointer, into: &violations)
        case .int, .double:
            checkNumber(instance, keywords, pointer: pointer, into: &violations)
        case .array(let elements):
            checkArray(elements, keywords, pointer: pointer, into: &violations)
        case .object(let members):
            checkObject(members, keywords, pointer: pointer, into: &violations)
        case .null, .bool, .data:
            break
        }
    }

    private static func checkString(_ text: String, _ keywords: [String: Value], pointer: String, into violations: inout [Violation]) {
        let length = text.unicodeScalars.count
        if let minimum = keywords["minLength"]?.intValue, length < minimum {
            violations.append(.init(pointer: pointer, message: "must be at least \(minimum) characters long, is \(length)"))
        }
        if let maximum = keywords["maxLength"]?.intValue, length > maximum {
            violations.append(.init(pointer: pointer, message: "must be at most \(maximum) characters long, is \(length)"))
        }
        if let pattern = keywords["pattern"]?.stringValue {
            // A pattern the demo itself declared must compile; if one ever does not, reject the
            // value rather than let it through unchecked.
            let matched = (try? Regex(pattern)).map { text.contains($0) } ?? false
            if !matched {
                violations.append(.init(pointer: pointer, message: "must match the pattern \(pattern)"))
            }
        }
        if keywords["format"]?.stringValue == "date", CalendarDate(text) == nil {
            violations.append(.init(pointer: pointer, message: "must be a calendar date written YYYY-MM-DD"))
        }
    }

    private static func checkNumber(_ number: Value, _ keywords: [String: Value], pointer: String, into violations: inout [Violation]) {
        guard let value = numericValue(number) else { return }
        if let minimum = keywords["minimum"].flatMap(numericValue), value < minimum {
            violations.append(.init(pointer: pointer, message: "must be at least \(render(keywords["minimum"] ?? .null))"))
        }
        if let maximum = keywords["maximum"].flatMap(numericValue), value > maximum {
            violations.append(.init(pointer: pointer, message: "must be at most \(render(keywords["maximum"] ?? .null))"))
        }
    }

    private static func checkArray(_ elements: [Value], _ keywords: [String: Value], pointer: String, into violations: inout [Violation]) {
        if let minimum = keywords["minItems"]?.intValue, elements.count < minimum {
            violations.append(.init(pointer: pointer, message: "must have at least \(minimum) items, has \(elements.count)"))
        }
        if let maximum = keywords["maxItems"]?.intValue, elements.count > maximum {
            violations.append(.init(pointer: pointer, message: "must have at most \(maximum) items, has \(elements.count)"))
        }
        if let itemSchema = keywords["items"] {
            for (index, element) in elements.enumerated() {
                check(element, itemSchema, pointer: "\(pointer)/\(index)", into: &violations)
            }
        }
    }

    private static func checkObject(_ members: [String: Value], _ keywords: [String: Value], pointer: String, into violations: inout [Violation]) {
        let properties = keywords["properties"]?.objectValue ?? [:]
        for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
            violations.append(.init(pointer: "\(pointer)/\(escape(name))", message: "is required"))
        }
        // Sorted so that the same bad call always yields the same message.
        for name in members.keys.sorted() {
            guard let member = members[name] else { continue }
            let memberPointer = "\(pointer)/\(escape(name))"
            if let propertySchema = properties[name] {
                check(member, propertySchema, pointer: memberPointer, into: &violations)
            } else if let additional = keywords["additionalProperties"] {
                if case .bool(false) = additional {
                    violations.append(.init(pointer: memberPointer, message: "is not an allowed property"))
                } else {
                    check(member, additional, pointer: memberPointer, into: &violations)
                }
            }
        }
    }

    // MARK: - JSON data model helpers

    private static func matches(_ instance: Value, typeName: String) -> Bool {
        switch (typeName, instance) {
        case ("string", .string), ("boolean", .bool), ("null", .null), ("array", .array), ("object", .object):
            return true
        case ("number", .int), ("number", .double), ("integer", .int):
            return true
        case ("integer", .double(let number)):
            // JSON does not distinguish 3 from 3.0; JSON Schema counts both as integers.
            return number.rounded() == number && number.isFinite
        default:
            return false
        }
    }

    private static func typeName(of instance: Value) -> String {
        switch instance {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string, .data: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    private static func numericValue(_ value: Value) -> Double? {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: return nil
        }
    }

    /// JSON equality: numbers compare by value (1 == 1.0), everything else structurally.
    private static func jsonEqual(_ lhs: Value, _ rhs: Value) -> Bool {
        if let left = numericValue(lhs), let right = numericValue(rhs) { return left == right }
        return lhs == rhs
    }

    private static func render(_ value: Value) -> String {
        switch value {
        case .string(let text): return "\"\(text)\""
        default: return value.description
        }
    }

    /// RFC 6901 escaping of one reference token.
    static func escape(_ token: String) -> String {
        token.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
