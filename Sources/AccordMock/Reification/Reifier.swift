import AccordContracts
import AccordJSON

/// Turns a contract's `expect:` matcher tree into one concrete value that satisfies it — the
/// reply `accord mock` sends:
///
/// | matcher | value |
/// |---|---|
/// | a literal | the literal as written |
/// | an object subset / an exact array | each member / element reified |
/// | `$like: X` | `X` (the example) |
/// | `$eachLike: M, $min: n` | `max(n, 1)` elements, each `M` reified |
/// | `$regex: P` | a string generated from `P` and checked against it |
/// | `$format: F` | a fixed valid value of `F` (``FormatSample``) |
/// | `$integer` / `$number` | `1` / `1.5` |
/// | `$includes: "t"` / `[M…]` | `"t"` / the listed elements reified |
///
/// Every value is checked against the matcher itself (``Matcher/mismatches(_:at:)``): a
/// value the matcher would reject is a ``ReificationError``, never a reply.
///
/// ```swift
/// try Reifier.value(for: .object(["id": .regex("^INV-[0-9]{4}$"), "n": .integer]))
/// // {"id":"INV-3071","n":1}
/// ```
public enum Reifier {
    /// A value satisfying `matcher`, addressed from `pointer` in errors.
    /// - Throws: ``ReificationError`` naming the pointer and the matcher that cannot be produced.
    public static func value(for matcher: Matcher, at pointer: JSONPointer = .root) throws(ReificationError) -> JSONValue {
        let value = try raw(matcher, at: pointer)
        let problems = matcher.mismatches(value, at: pointer)
        guard problems.isEmpty else {
            throw ReificationError(pointer: pointer, matcher: matcher.description, reason: "the value generated, \(JSONEncoding.compact(value)), does not satisfy it: \(problems[0].message)")
        }
        return value
    }

    private static func raw(_ matcher: Matcher, at pointer: JSONPointer) throws(ReificationError) -> JSONValue {
        switch matcher {
        case .equals(let literal), .like(let literal):
            return literal
        case .object(let members):
            var object: [String: JSONValue] = [:]
            for key in JSONEncoding.sortedKeys(members) { object[key] = try raw(members[key]!, at: pointer.appending(key)) }
            return .object(object)
        case .array(let elements):
            var values: [JSONValue] = []
            for (index, element) in elements.enumerated() { values.append(try raw(element, at: pointer.appending(index))) }
            return .array(values)
        case .eachLike(let element, let min):
            var values: [JSONValue] = []
            for index in 0..<max(min, 1) { values.append(try raw(element, at: pointer.appending(index))) }
            return .array(values)
        case .includesElements(let elements):
            var values: [JSONValue] = []
            for (index, element) in elements.enumerated() { values.append(try raw(element, at: pointer.appending(index))) }
            return .array(values)
        case .regex(let pattern):
            guard let sample = RegexSample.string(matching: pattern) else {
                throw ReificationError(pointer: pointer, matcher: matcher.description,
                                       reason: "cannot generate a string for this pattern (lookarounds, backreferences and flags are beyond the generator); write a literal or $like example instead")
            }
            return .string(sample)
        case .format(let format):
            return .string(FormatSample.value(format))
        case .integer:
            return 1
        case .number:
            return .number(JSONNumber(text: "1.5")!)
        case .includesText(let text):
            return .string(text)
        }
    }
}

/// A matcher that no generated value satisfies.
public struct ReificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the reply (relative to the result object).
    public var pointer: JSONPointer
    /// The matcher's description ("a string matching …").
    public var matcher: String
    public var reason: String

    public var description: String { "\(pointer.tokens.isEmpty ? "(root)" : pointer.description): \(matcher): \(reason)" }
}
