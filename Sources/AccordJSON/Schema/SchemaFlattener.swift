/// Rewrites a schema into one object of plain constraints for the instance generator: `$ref`s
/// inlined, `allOf` members merged in, one `anyOf`/`oneOf` branch chosen and merged, and one
/// side of `if`/`then`/`else` taken.
///
/// The result is an approximation (two `pattern`s cannot be merged into one, `not` is left
/// alone); the generator checks every instance with the validator, so an approximation costs
/// a retry, never a wrong answer.
struct SchemaFlattener: Sendable {
    typealias Constraints = [String: JSONValue]

    let resolver: SchemaResolver
    let dialect: SchemaDialect

    /// The constraints of `schema`, or `nil` when it is `false` (nothing is valid).
    func flatten(_ schema: JSONValue, random: inout SplitMix64, budget: Int = 24) -> Constraints? {
        switch schema {
        case .bool(let flag): return flag ? [:] : nil
        case .object(var members):
            guard budget > 0 else { return members }
            for keyword in ["$ref", "$dynamicRef"] {
                guard let reference = members[keyword]?.stringValue else { continue }
                members[keyword] = nil
                guard case .success(let pointer) = resolver.resolve(reference, dynamic: keyword == "$dynamicRef"),
                      let target = resolver.document[pointer: pointer] else { continue }
                guard let resolved = flatten(target, random: &random, budget: budget - 1) else { return nil }
                if dialect.refOverridesSiblings, keyword == "$ref" { return resolved }
                members = merge(members, resolved)
            }
            if let parts = members["allOf"]?.arrayValue {
                members["allOf"] = nil
                for part in parts {
                    guard let resolved = flatten(part, random: &random, budget: budget - 1) else { return nil }
                    members = merge(members, resolved)
                }
            }
            for keyword in ["anyOf", "oneOf"] {
                guard let branches = members[keyword]?.arrayValue else { continue }
                members[keyword] = nil
                let usable = branches.filter { $0 != .bool(false) }
                guard let branch = random.element(of: usable) else { return nil }
                guard let resolved = flatten(branch, random: &random, budget: budget - 1) else { return nil }
                members = merge(members, resolved)
            }
            if let condition = members["if"] {
                let then = members["then"]
                let otherwise = members["else"]
                members["if"] = nil; members["then"] = nil; members["else"] = nil
                if then != nil && (otherwise == nil || random.chance(0.5)) {
                    if let resolved = flatten(condition, random: &random, budget: budget - 1) { members = merge(members, resolved) }
                    if let then, let resolved = flatten(then, random: &random, budget: budget - 1) { members = merge(members, resolved) }
                } else if let otherwise, let resolved = flatten(otherwise, random: &random, budget: budget - 1) {
                    members = merge(members, resolved)
                }
            }
            return members
        default:
            return [:]
        }
    }

    /// Both sets of constraints at once: the tighter bound wins, lists are intersected or
    /// joined, and subschemas that both constrain are combined with `allOf`.
    func merge(_ base: Constraints, _ extra: Constraints) -> Constraints {
        var result = base
        for (key, value) in extra {
            guard let existing = result[key] else { result[key] = value; continue }
            switch key {
            case "type":
                result[key] = intersectTypes(existing, value)
            case "minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains":
                result[key] = larger(existing, value)
            case "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains":
                result[key] = larger(existing, value) == existing ? value : existing
            case "required":
                var names = existing.arrayValue ?? []
                for name in value.arrayValue ?? [] where !names.contains(name) { names.append(name) }
                result[key] = .array(names)
            case "enum":
                let other = value.arrayValue ?? []
                result[key] = .array((existing.arrayValue ?? []).filter { candidate in other.contains { $0.isSchemaEqual(to: candidate) } })
            case "properties", "patternProperties", "dependentSchemas", "$defs", "definitions":
                var members = existing.objectValue ?? [:]
                for (name, schema) in value.objectValue ?? [:] {
                    members[name] = members[name].map { .object(["allOf": [$0, schema]]) } ?? schema
                }
                result[key] = .object(members)
            case "additionalProperties", "unevaluatedProperties", "items", "unevaluatedItems", "contains",
                 "propertyNames", "additionalItems":
                if existing == .bool(false) || value == .bool(false) {
                    result[key] = .bool(false)
                } else if existing.arrayValue == nil, value.arrayValue == nil {
                    result[key] = .object(["allOf": [existing, value]])
                }
            case "uniqueItems":
                result[key] = .bool(existing.boolValue == true || value.boolValue == true)
            default:
                continue
            }
        }
        return result
    }

    private func intersectTypes(_ left: JSONValue, _ right: JSONValue) -> JSONValue {
        func names(_ value: JSONValue) -> [String] { value.stringValue.map { [$0] } ?? value.arrayValue?.compactMap(\.stringValue) ?? [] }
        let rightNames = names(right)
        var result: [String] = []
        for name in names(left) {
            let kept = rightNames.contains(name) ? name
                : (name == "number" && rightNames.contains("integer")) || (name == "integer" && rightNames.contains("number")) ? "integer"
                : nil
            if let kept, !result.contains(kept) { result.append(kept) }
        }
        return .array(result.map(JSONValue.string))
    }

    private func larger(_ left: JSONValue, _ right: JSONValue) -> JSONValue {
        guard let a = left.numberValue, let b = right.numberValue else { return left }
        return SchemaDecimal(a) < SchemaDecimal(b) ? right : left
    }
}
