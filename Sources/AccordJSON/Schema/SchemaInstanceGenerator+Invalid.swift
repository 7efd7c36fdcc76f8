/// Invalid instances: a generated valid-looking instance with one constraint broken — the kinds
/// of change a caller or server really makes (wrong type, missing field, out of range, unknown
/// enum value, extra field on a closed object), possibly deep inside the instance.
extension SchemaInstanceGenerator {
    /// One way to break a schema.
    enum Mutation: CaseIterable {
        case wrongType, missEnum, belowMinimum, aboveMaximum, notMultiple, tooShort, tooLong, missPattern
        case dropRequired, extraProperty, tooFewProperties, tooManyProperties, breakDependency
        case tooFewItems, tooManyItems, duplicateItems, missContains
        case nested, matchNot
    }

    mutating func mutation(of schema: JSONValue, depth: Int, _ context: Context) -> JSONValue? {
        guard let constraints = context.flattener.flatten(schema, random: &random) else {
            // `false` rejects everything: any value is invalid.
            return generate(.bool(true), depth: depth, context)
        }
        let applicable = Mutation.allCases.filter { applies($0, constraints, depth: depth) }
        guard let chosen = random.element(of: applicable) else { return nil }
        return apply(chosen, constraints, depth: depth, context)
    }

    private func applies(_ mutation: Mutation, _ constraints: SchemaFlattener.Constraints, depth: Int) -> Bool {
        func has(_ keys: String...) -> Bool { keys.contains { constraints[$0] != nil } }
        let types = allowedTypes(constraints)
        switch mutation {
        case .wrongType: return constraints["type"] != nil || types.count < 6
        case .missEnum: return has("enum", "const")
        case .belowMinimum: return has("minimum", "exclusiveMinimum")
        case .aboveMaximum: return has("maximum", "exclusiveMaximum")
        case .notMultiple: return has("multipleOf")
        case .tooShort: return (constraints["minLength"]?.intValue ?? 0) > 0
        case .tooLong: return has("maxLength")
        case .missPattern: return has("pattern")
        case .dropRequired: return !(constraints["required"]?.arrayValue ?? []).isEmpty
        case .extraProperty: return constraints["additionalProperties"] != nil || constraints["unevaluatedProperties"] != nil || has("propertyNames")
        case .tooFewProperties: return (constraints["minProperties"]?.intValue ?? 0) > 0
        case .tooManyProperties: return has("maxProperties")
        case .breakDependency: return has("dependentRequired")
        case .tooFewItems: return (constraints["minItems"]?.intValue ?? 0) > 0
        case .tooManyItems: return has("maxItems") || constraints["items"] == .bool(false) || constraints["additionalItems"] == .bool(false)
            || constraints["unevaluatedItems"] == .bool(false)
        case .duplicateItems: return constraints["uniqueItems"]?.boolValue == true
        case .missContains: return has("contains")
        case .nested: return depth < options.maxDepth && has("properties", "items", "prefixItems", "additionalProperties", "patternProperties")
        case .matchNot: return has("not")
        }
    }

    private mutating func apply(_ mutation: Mutation, _ constraints: SchemaFlattener.Constraints, depth: Int, _ context: Context) -> JSONValue? {
        func bound(_ key: String) -> Double? { constraints[key]?.numberValue?.doubleValue }
        switch mutation {
        case .wrongType:
            let allowed = allowedTypes(constraints)
            let others = SchemaType.allCases.filter { type in
                !allowed.contains(type) && !(type == .integer && allowed.contains(.number))
            }
            guard let type = random.element(of: others) else { return nil }
            switch type {
            case .null: return .null
            case .boolean: return .bool(random.chance(0.5))
            case .integer: return .number(JSONNumber(random.int(in: -50...50)))
            case .number: return .number(JSONNumber(Double(random.int(in: -500...500)) + 0.5))
            case .string: return .string(randomText(length: random.int(in: 0...6)))
            case .array: return .array([])
            case .object: return .object([:])
            }
        case .missEnum:
            let choices: [JSONValue] = ["not-an-allowed-value", .number(JSONNumber(987_654_321)), .null, false, [:], []]
            return random.element(of: choices)
        case .belowMinimum:
            guard let limit = bound("minimum") ?? bound("exclusiveMinimum") else { return nil }
            let step = random.chance(0.5) ? 1.0 : Double(random.int(in: 1...100))
            let value = bound("exclusiveMinimum").map { random.chance(0.5) ? $0 : $0 - step } ?? limit - step
            guard value.isFinite else { return nil }
            return .number(JSONNumber(value.rounded(.down)))
        case .aboveMaximum:
            guard let limit = bound("maximum") ?? bound("exclusiveMaximum") else { return nil }
            let step = random.chance(0.5) ? 1.0 : Double(random.int(in: 1...100))
            let value = bound("exclusiveMaximum").map { random.chance(0.5) ? $0 : $0 + step } ?? limit + step
            guard value.isFinite else { return nil }
            return .number(JSONNumber(value.rounded(.up)))
        case .notMultiple:
            guard let step = constraints["multipleOf"]?.numberValue.map(SchemaDecimal.init),
                  let base = step.multiplied(by: random.int(in: -20...20)) else { return nil }
            let offset = SchemaDecimal(isNegative: false, digits: step.digits, exponent: step.exponent - 1)
            let sum = base.doubleValue + offset.doubleValue
            guard sum.isFinite else { return nil }
            return JSONNumber(text: SchemaDecimal(double: sum).literal).map(JSONValue.number)
        case .tooShort:
            guard let limit = constraints["minLength"]?.intValue, limit > 0 else { return nil }
            return .string(randomText(length: random.int(in: 0...(limit - 1))))
        case .tooLong:
            guard let limit = constraints["maxLength"]?.intValue else { return nil }
            return .string(randomText(length: limit + random.int(in: 1...3)))
        case .missPattern:
            let choices = ["", " ", "!", "~~~", "Zz9", randomText(length: random.int(in: 1...8))]
            return .string(random.element(of: choices) ?? "")
        case .dropRequired:
            guard case .object(var members) = object(constraints, depth: depth, context),
                  let name = random.element(of: constraints["required"]?.arrayValue?.compactMap(\.stringValue) ?? []) else { return nil }
            members[name] = nil
            return .object(members)
        case .extraProperty:
            guard case .object(var members) = object(constraints, depth: depth, context) else { return nil }
            let name = random.chance(0.5) ? "unexpected" : "Not A Name " + randomText(length: 2)
            members[name] = .number(JSONNumber(random.int(in: 0...9)))
            return .object(members)
        case .tooFewProperties:
            guard case .object(var members) = object(constraints, depth: depth, context),
                  let limit = constraints["minProperties"]?.intValue else { return nil }
            for name in JSONEncoding.sortedKeys(members) where members.count >= limit { members[name] = nil }
            return .object(members)
        case .tooManyProperties:
            guard case .object(var members) = object(constraints, depth: depth, context),
                  let limit = constraints["maxProperties"]?.intValue else { return nil }
            var counter = 0
            while members.count <= limit { members["p\(counter)"] = .null; counter += 1 }
            return .object(members)
        case .breakDependency:
            guard case .object(var members) = object(constraints, depth: depth, context),
                  let table = constraints["dependentRequired"]?.objectValue,
                  let trigger = random.element(of: JSONEncoding.sortedKeys(table)),
                  let need = random.element(of: table[trigger]?.arrayValue?.compactMap(\.stringValue) ?? []) else { return nil }
            members[trigger] = members[trigger] ?? generate(constraints["properties"]?[trigger] ?? .bool(true), depth: depth + 1, context)
            members[need] = nil
            return .object(members)
        case .tooFewItems:
            guard case .array(let elements) = array(constraints, depth: depth, context),
                  let limit = constraints["minItems"]?.intValue, limit > 0 else { return nil }
            return .array(Array(elements.prefix(limit - 1)))
        case .tooManyItems:
            guard case .array(var elements) = array(constraints, depth: depth, context) else { return nil }
            let limit = constraints["maxItems"]?.intValue ?? elements.count
            while elements.count <= limit { elements.append(.number(JSONNumber(elements.count))) }
            return .array(elements)
        case .duplicateItems:
            guard case .array(var elements) = array(constraints, depth: depth, context) else { return nil }
            if let first = elements.first { elements.append(first) } else { elements = [1, 1] }
            return .array(elements)
        case .missContains:
            var without = constraints
            without["contains"] = nil
            guard case .array(let elements) = array(without, depth: depth, context) else { return nil }
            return .array(elements.isEmpty ? [] : [elements[0]])
        case .nested:
            return nested(constraints, depth: depth, context)
        case .matchNot:
            guard let excluded = constraints["not"] else { return nil }
            return generate(excluded, depth: depth, context)
        }
    }

    /// A valid-looking container with one member or element replaced by an invalid one.
    private mutating func nested(_ constraints: SchemaFlattener.Constraints, depth: Int, _ context: Context) -> JSONValue? {
        let types = allowedTypes(constraints)
        let wantsObject = types.contains(.object) && (constraints["properties"] != nil || constraints["patternProperties"] != nil || constraints["additionalProperties"] != nil)
        if wantsObject, !types.contains(.array) || random.chance(0.5) {
            guard case .object(var members) = object(constraints, depth: depth, context) else { return nil }
            let properties = constraints["properties"]?.objectValue ?? [:]
            let candidates = JSONEncoding.sortedKeys(properties)
            guard let name = random.element(of: candidates), let schema = properties[name],
                  let broken = mutation(of: schema, depth: depth + 1, context) else { return nil }
            members[name] = broken
            return .object(members)
        }
        guard case .array(var elements) = array(constraints, depth: depth, context) else { return nil }
        let prefix = constraints["prefixItems"]?.arrayValue ?? constraints["items"]?.arrayValue ?? []
        let rest = constraints["items"]?.arrayValue == nil ? constraints["items"] : constraints["additionalItems"]
        if elements.isEmpty {
            guard let schema = prefix.first ?? rest, let broken = mutation(of: schema, depth: depth + 1, context) else { return nil }
            return .array([broken])
        }
        let offset = random.int(in: 0...(elements.count - 1))
        guard let schema = offset < prefix.count ? prefix[offset] : rest,
              let broken = mutation(of: schema, depth: depth + 1, context) else { return nil }
        elements[offset] = broken
        return .array(elements)
    }
}
