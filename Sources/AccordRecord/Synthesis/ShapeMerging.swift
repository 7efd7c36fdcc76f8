import AccordContracts
import AccordJSON

/// Combines the shapes of several observed values (array elements, repeated calls) into the
/// one every value satisfies, and names a shape so that equal shapes can be grouped.
///
/// ```swift
/// ShapeMerging.merge(.object(["a": .integer, "b": .like("x")]), .object(["a": .number]))
/// // .object(["a": .number])          (members all share; integer widened to number)
/// ShapeMerging.merge(.integer, .like("x"))   // nil (no shared type)
/// ```
enum ShapeMerging {
    /// The shape both satisfy, or nil when their JSON types differ.
    static func merge(_ lhs: Matcher, _ rhs: Matcher) -> Matcher? {
        guard let type = jsonType(lhs), type == jsonType(rhs) else { return nil }
        switch (lhs, rhs) {
        case (.object(let left), .object(let right)):
            var shared: [String: Matcher] = [:]
            for (key, member) in left {
                guard let other = right[key], let merged = merge(member, other) else { continue }
                shared[key] = merged
            }
            return .object(shared)
        case (.eachLike(let left, let leftMin), .eachLike(let right, let rightMin)):
            return merge(left, right).map { .eachLike($0, min: Swift.min(leftMin, rightMin)) } ?? .like(.array([]))
        case (.integer, .integer):
            return .integer
        case (.number, _), (_, .number), (.integer, _), (_, .integer):
            return .number
        default:
            if lhs == rhs { return lhs }
            switch type {
            case "object": return .like(.object([:]))
            case "array": return .like(.array([]))
            case "string":
                if case .like = lhs { return lhs }
                if case .like = rhs { return rhs }
                return .like(.string(ShapeInference.neutralText))
            default: return lhs
            }
        }
    }

    /// The JSON type every value matching `matcher` has (`"number"` for integers too).
    static func jsonType(_ matcher: Matcher) -> String? {
        switch matcher {
        case .equals(let value), .like(let value): value.typeName
        case .object: "object"
        case .array, .eachLike, .includesElements: "array"
        case .regex, .includesText, .format: "string"
        case .number, .integer: "number"
        }
    }

    /// A name for the shape, equal for equal shapes whatever their examples.
    static func key(_ matcher: Matcher) -> String {
        switch matcher {
        case .object(let members): "{" + JSONEncoding.sortedKeys(members).map { "\($0):\(key(members[$0]!))" }.joined(separator: ",") + "}"
        case .eachLike(let element, _): "[\(key(element))]"
        case .array(let elements): "(" + elements.map(key).joined(separator: ",") + ")"
        case .like(let value): value.typeName
        case .equals(let value): JSONEncoding.compact(value)
        case .regex(let pattern): "regex:\(pattern)"
        case .format(let format): "format:\(format.rawValue)"
        case .number: "number"
        case .integer: "integer"
        case .includesText: "string"
        case .includesElements: "array"
        }
    }

    /// A name for the shape of an arguments object: member names and JSON types, nested.
    static func key(_ value: JSONValue) -> String {
        switch value {
        case .object(let members): "{" + JSONEncoding.sortedKeys(members).map { "\($0):\(key(members[$0]!))" }.joined(separator: ",") + "}"
        case .array(let elements): "[" + Set(elements.map(key)).sorted().joined(separator: "|") + "]"
        default: value.typeName
        }
    }
}
