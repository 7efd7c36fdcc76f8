import AccordJSON

/// Writes contract YAML pieces that ``ContractFile`` reads back exactly: scalars and keys as in
/// `accord contract init`, and matcher trees in block style (nested objects indented, matchers
/// and arrays in flow style on one line).
///
/// ```swift
/// ContractYAML.block(.object(["status": .like("paid"), "totalCents": .integer]), indent: 2)
/// // ["  status: { $like: paid }", "  totalCents: { $integer: true }"]
/// ```
public enum ContractYAML {
    /// A scalar: plain when YAML reads it back as the same string, JSON-quoted otherwise.
    public static func scalar(_ value: JSONValue) -> String { YAMLText.scalar(value) }

    /// A mapping key.
    public static func key(_ name: String) -> String { YAMLText.key(name) }

    /// A JSON value in flow style (what `arguments:` and `examples:` hold).
    public static func flow(_ value: JSONValue) -> String { YAMLText.flow(value) }

    /// A matcher on one line, in the syntax docs/contracts.md documents.
    public static func flow(_ matcher: Matcher) -> String {
        switch matcher {
        case .equals(let value): YAMLText.flow(value)
        case .object(let members):
            members.isEmpty ? "{}" : "{ " + JSONEncoding.sortedKeys(members).map { "\(YAMLText.key($0)): \(flow(members[$0]!))" }.joined(separator: ", ") + " }"
        case .array(let elements): "[" + elements.map(flow).joined(separator: ", ") + "]"
        case .like(let example): "{ $like: \(flowScalarOrValue(example)) }"
        case .regex(let pattern): "{ $regex: \(JSONEncoding.compact(.string(pattern))) }"
        case .number: "{ $number: true }"
        case .integer: "{ $integer: true }"
        case .eachLike(let element, let min): "{ $eachLike: \(flow(element)), $min: \(min) }"
        case .includesText(let text): "{ $includes: \(JSONEncoding.compact(.string(text))) }"
        case .includesElements(let elements): "{ $includes: [" + elements.map(flow).joined(separator: ", ") + "] }"
        case .format(let format): "{ $format: \(format.rawValue) }"
        }
    }

    /// The members of an object matcher as block lines at `indent` spaces; other matchers as
    /// one flow line. Nested objects (and `$eachLike` of an object) open blocks of their own.
    public static func block(_ matcher: Matcher, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        guard case .object(let members) = matcher, !members.isEmpty else { return [pad + flow(matcher)] }
        return JSONEncoding.sortedKeys(members).flatMap { key -> [String] in
            let value = members[key]!
            switch value {
            case .object(let inner) where !inner.isEmpty:
                return ["\(pad)\(YAMLText.key(key)):"] + block(value, indent: indent + 2)
            case .eachLike(.object(let inner), let min) where !inner.isEmpty:
                return ["\(pad)\(YAMLText.key(key)):", "\(pad)  $eachLike:"] + block(.object(inner), indent: indent + 4) + ["\(pad)  $min: \(min)"]
            default:
                return ["\(pad)\(YAMLText.key(key)): \(flow(value))"]
            }
        }
    }

    private static func flowScalarOrValue(_ value: JSONValue) -> String {
        switch value {
        case .array, .object: YAMLText.flow(value)
        default: YAMLText.scalar(value)
        }
    }
}
