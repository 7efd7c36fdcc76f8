import AccordJSON
import Foundation

/// One expectation about a JSON value, written in a contract's `expect:` tree.
///
/// Each case is a matcher value that knows how to describe itself, how to match a real value
/// (``mismatches(_:at:)``) and which JSON Schema types guarantee it (``guaranteedBy(schemaTypes:)``),
/// so the live evaluator and the static verifier share one definition per matcher.
///
/// | YAML | case |
/// |---|---|
/// | `INV-1001`, `42`, `true`, `null` | ``equals(_:)`` (numbers compared numerically) |
/// | `{ a: …, b: … }` | ``object(_:)`` — a subset: listed members must match, others are ignored |
/// | `[ …, … ]` | ``array(_:)`` — exactly these elements, in order |
/// | `{ $like: "Acme" }` | ``like(_:)`` — same JSON type |
/// | `{ $regex: "^(paid|sent)$" }` | ``regex(_:)`` — a string with a match (unanchored) |
/// | `{ $number: true }` / `{ $integer: true }` | ``number`` / ``integer`` |
/// | `{ $eachLike: M, $min: 1 }` | ``eachLike(_:min:)`` — an array of at least `min` elements, each matching M |
/// | `{ $includes: "text" }` / `[M…]` / `{…}` | ``includesText(_:)`` / ``includesElements(_:)`` / an object subset |
/// | `{ $format: date }` | ``format(_:)`` — `date-time`, `date`, `uuid`, `uri`, `email` |
///
/// ```swift
/// let matcher = Matcher.object(["status": .regex("^(paid|sent)$")])
/// matcher.mismatches(["status": "void"], at: .root).first?.message
/// // /status: expected a string matching ^(paid|sent)$, got "void"
/// ```
public indirect enum Matcher: Sendable, Equatable {
    case equals(JSONValue)
    case object([String: Matcher])
    case array([Matcher])
    case like(JSONValue)
    case regex(String)
    case number
    case integer
    case eachLike(Matcher, min: Int)
    case includesText(String)
    case includesElements([Matcher])
    case format(StringFormat)

    /// The formats `$format` understands.
    public enum StringFormat: String, Sendable, CaseIterable, Codable {
        case dateTime = "date-time"
        case date
        case uuid
        case uri
        case email
    }

    /// The matcher names a contract may use, in the order documentation lists them.
    public static let operatorKeys = ["$like", "$regex", "$number", "$integer", "$eachLike", "$min", "$includes", "$format"]

    /// What a matching value looks like, phrased to follow "expected".
    public var description: String {
        switch self {
        case .equals(let value): JSONEncoding.compact(value)
        case .object(let members):
            members.isEmpty ? "an object" : "an object with \(JSONEncoding.sortedKeys(members).joined(separator: ", "))"
        case .array(let elements): "an array of \(elements.count) element\(elements.count == 1 ? "" : "s")"
        case .like(let value): "\(Self.article(value.typeName)) \(value.typeName) (like \(JSONEncoding.compact(value)))"
        case .regex(let pattern): "a string matching \(pattern)"
        case .number: "a number"
        case .integer: "an integer"
        case .eachLike(let element, let min):
            "an array of at least \(min) element\(min == 1 ? "" : "s"), each \(element.description)"
        case .includesText(let text): "a string containing \(JSONEncoding.compact(.string(text)))"
        case .includesElements(let elements):
            "an array including \(elements.map(\.description).joined(separator: "; "))"
        case .format(let format): "a string in \(format.rawValue) format"
        }
    }

    /// Every way `actual` (nil: absent) fails this matcher, addressed from `pointer`.
    public func mismatches(_ actual: JSONValue?, at pointer: JSONPointer) -> [Mismatch] {
        guard let actual else {
            return [Mismatch(pointer: pointer, expected: description, actual: nil)]
        }
        // Built only on failure: the message renders JSON, and passing values are the common case.
        var fail: [Mismatch] { [Mismatch(pointer: pointer, expected: description, actual: actual)] }
        switch self {
        case .equals(let expected):
            return Self.isEqual(expected, actual) ? [] : fail
        case .object(let members):
            guard case .object(let actualMembers) = actual else { return fail }
            return JSONEncoding.sortedKeys(members).flatMap { key in
                members[key]!.mismatches(actualMembers[key], at: pointer.appending(key))
            }
        case .array(let elements):
            guard case .array(let actualElements) = actual, actualElements.count == elements.count else { return fail }
            return zip(elements, actualElements).enumerated().flatMap { index, pair in
                pair.0.mismatches(pair.1, at: pointer.appending(index))
            }
        case .like(let example):
            return example.typeName == actual.typeName ? [] : fail
        case .regex(let pattern):
            guard case .string(let text) = actual, Self.matches(pattern, text) else { return fail }
            return []
        case .number:
            return actual.numberValue == nil ? fail : []
        case .integer:
            guard let number = actual.numberValue, number.isIntegral else { return fail }
            return []
        case .eachLike(let element, let min):
            guard case .array(let actualElements) = actual, actualElements.count >= min else { return fail }
            return actualElements.enumerated().flatMap { index, value in element.mismatches(value, at: pointer.appending(index)) }
        case .includesText(let text):
            guard case .string(let actualText) = actual, text.isEmpty || actualText.contains(text) else { return fail }
            return []
        case .includesElements(let wanted):
            guard case .array(let actualElements) = actual else { return fail }
            let missing = wanted.filter { matcher in
                !actualElements.enumerated().contains { index, value in matcher.mismatches(value, at: pointer.appending(index)).isEmpty }
            }
            return missing.map { Mismatch(pointer: pointer, expected: "an array including \($0.description)", actual: actual) }
        case .format(let format):
            guard case .string(let text) = actual, format.accepts(text) else { return fail }
            return []
        }
    }

    /// JSON Schema types (`"string"`, `"integer"`…) of which every value could satisfy this
    /// matcher's type; `integer` is implied by `number`.
    public var compatibleSchemaTypes: Set<String> {
        switch self {
        case .equals(let value), .like(let value):
            switch value {
            case .number(let number):
                if case .like = self { return ["number", "integer"] }
                return number.isIntegral ? ["number", "integer"] : ["number"]
            case .bool: return ["boolean"]
            default: return [value.typeName]
            }
        case .object: return ["object"]
        case .array, .eachLike, .includesElements: return ["array"]
        case .regex, .includesText, .format: return ["string"]
        case .number: return ["number", "integer"]
        case .integer: return ["integer"]
        }
    }

    /// Whether a schema declaring `schemaTypes` guarantees the type this matcher needs: every
    /// declared type must be compatible (`["string","null"]` does not guarantee a string).
    public func guaranteedBy(schemaTypes: Set<String>) -> Bool {
        guard !schemaTypes.isEmpty else { return false }
        let compatible = compatibleSchemaTypes
        return schemaTypes.allSatisfy { declared in
            compatible.contains(declared) || (declared == "integer" && compatible.contains("number"))
        }
    }

    static func isEqual(_ expected: JSONValue, _ actual: JSONValue) -> Bool {
        switch (expected, actual) {
        case (.number(let lhs), .number(let rhs)): return lhs.isNumericallyEqual(to: rhs)
        case (.array(let lhs), .array(let rhs)):
            return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { isEqual($0, $1) }
        case (.object(let lhs), .object(let rhs)):
            return lhs.count == rhs.count && lhs.allSatisfy { key, value in rhs[key].map { isEqual(value, $0) } ?? false }
        default: return expected == actual
        }
    }

    static func matches(_ pattern: String, _ text: String) -> Bool {
        guard let expression = CompiledPatterns.shared.expression(pattern) else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private static func article(_ word: String) -> String {
        ["a", "e", "i", "o", "u"].contains(word.prefix(1)) ? "an" : "a"
    }
}

extension Matcher.StringFormat {
    /// A syntactic check, the same strictness for static examples and live results. Anchored
    /// with `\z`, not `$` (which also matches before a final newline: "2025-03-15\n" is no date).
    public func accepts(_ text: String) -> Bool {
        let pattern: String
        switch self {
        case .date: pattern = #"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\z"#
        case .dateTime:
            pattern = #"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)\z"#
        case .uuid: pattern = #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z"#
        case .uri: pattern = #"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*\z"#
        case .email: pattern = #"^[^@\s]+@[^@\s]+\.[^@\s]+\z"#
        }
        return Matcher.matches(pattern, text)
    }
}
