import AccordContracts
import AccordJSON

/// Whether a request's arguments are the interaction's: equal (numbers numerically, objects
/// with exactly the same members) or satisfying a matcher written in their place
/// (`invoiceId: { $regex: "^INV-" }`), with every way they are not.
///
/// ```swift
/// ArgumentMatching.mismatches(expected: ["invoiceId": "INV-1001"], actual: ["invoiceId": "INV-9"]).first?.message
/// // /invoiceId: expected "INV-1001", got "INV-9"
/// ```
enum ArgumentMatching {
    static func mismatches(expected: JSONValue, actual: JSONValue?, at pointer: JSONPointer = .root) -> [Mismatch] {
        if let matcher = matcher(written: expected) { return matcher.mismatches(actual, at: pointer) }
        guard let actual else { return Matcher.equals(expected).mismatches(nil, at: pointer) }
        switch (expected, actual) {
        case (.object(let wanted), .object(let sent)):
            var problems = JSONEncoding.sortedKeys(wanted).flatMap { key in mismatches(expected: wanted[key]!, actual: sent[key], at: pointer.appending(key)) }
            for key in JSONEncoding.sortedKeys(sent) where wanted[key] == nil {
                let extra = pointer.appending(key)
                problems.append(Mismatch(pointer: extra, expected: "no such argument", actual: sent[key],
                                         message: "\(extra): not among the interaction's arguments, got \(JSONEncoding.compact(sent[key]!))"))
            }
            return problems
        case (.array(let wanted), .array(let sent)) where wanted.count == sent.count:
            return zip(wanted, sent).enumerated().flatMap { index, pair in mismatches(expected: pair.0, actual: pair.1, at: pointer.appending(index)) }
        default:
            return Matcher.equals(expected).mismatches(actual, at: pointer)
        }
    }

    /// Whether `value` holds a matcher anywhere (else it matches only values equal to it).
    static func containsMatcher(_ value: JSONValue) -> Bool {
        if matcher(written: value) != nil { return true }
        switch value {
        case .object(let members): return members.values.contains(where: containsMatcher)
        case .array(let elements): return elements.contains(where: containsMatcher)
        default: return false
        }
    }

    /// The matcher an argument value spells with `$` keys (the same keys as `expect:`), or
    /// `nil` for a plain value.
    static func matcher(written value: JSONValue) -> Matcher? {
        guard case .object(let members) = value, !members.isEmpty, members.keys.allSatisfy(Matcher.operatorKeys.contains) else { return nil }
        if let example = members["$like"] { return .like(example) }
        if let pattern = members["$regex"]?.stringValue { return .regex(pattern) }
        if members["$number"] == .bool(true) { return .number }
        if members["$integer"] == .bool(true) { return .integer }
        if let format = members["$format"]?.stringValue.flatMap(Matcher.StringFormat.init(rawValue:)) { return .format(format) }
        if let element = members["$eachLike"] { return .eachLike(pattern(element), min: members["$min"]?.intValue ?? 1) }
        switch members["$includes"] {
        case .string(let text)?: return .includesText(text)
        case .array(let elements)?: return .includesElements(elements.map(pattern))
        case let object?: return pattern(object)
        case nil: return nil
        }
    }

    /// A value inside a matcher (`$eachLike`'s element): objects are subsets, as in `expect:`.
    private static func pattern(_ value: JSONValue) -> Matcher {
        if let matcher = matcher(written: value) { return matcher }
        switch value {
        case .object(let members): return .object(members.mapValues(pattern))
        case .array(let elements): return .array(elements.map(pattern))
        default: return .equals(value)
        }
    }
}
