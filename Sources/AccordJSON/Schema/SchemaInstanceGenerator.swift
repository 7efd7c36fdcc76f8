/// Generates JSON instances from a schema, reproducibly from a seed: valid ones (to exercise a
/// server or a contract) and deliberately invalid ones (one constraint broken), for property
/// tests of schema evolution.
///
/// Every instance is checked with ``JSONSchemaValidator`` before it is returned — a valid instance
/// always validates, an invalid one never does — and when no fitting instance turns up within
/// ``Options/maxAttempts`` tries the answer is `nil` (for example for `false`, or `{}` when an
/// invalid instance is asked for).
///
/// ```swift
/// var generator = SchemaInstanceGenerator(seed: 7)
/// let schema: JSONValue = ["type": "object", "required": ["id"],
///                          "properties": ["id": ["type": "string", "pattern": "^[a-z]{3}-[0-9]{2}$"]]]
/// generator.validInstance(of: schema)     // e.g. {"id":"igw-73"}, perhaps with extra members
/// generator.invalidInstance(of: schema)   // e.g. {} (missing "id") or {"id":17}
/// ```
///
/// The same seed and the same sequence of calls give the same instances on every run.
public struct SchemaInstanceGenerator: Sendable {
    /// Limits and the validation the generator checks against.
    public struct Options: Sendable, Equatable {
        /// Candidates tried per call before giving up with `nil`.
        public var maxAttempts: Int
        /// Nesting depth past which optional properties and items are left out.
        public var maxDepth: Int
        /// How the validator that checks each instance runs (e.g. with formats asserted).
        public var validation: JSONSchemaValidator.Options

        /// `Options(maxAttempts: 100)` tries harder on schemas that are hard to satisfy.
        public init(maxAttempts: Int = 40, maxDepth: Int = 5, validation: JSONSchemaValidator.Options = .init()) {
            self.maxAttempts = maxAttempts
            self.maxDepth = maxDepth
            self.validation = validation
        }
    }

    /// The limits this generator works within.
    public let options: Options
    var random: SplitMix64
    /// The last schema's validator and helpers, so repeated calls with one schema compile it once.
    private var context: Context?

    struct Context: Sendable {
        let schema: JSONValue
        let validator: JSONSchemaValidator
        let flattener: SchemaFlattener
    }

    /// A generator whose instances are fixed by `seed` and the sequence of calls made.
    public init(seed: UInt64, options: Options = .init()) {
        self.options = options
        random = SplitMix64(seed: seed)
    }

    /// An instance that `schema` accepts, or `nil` if none was found.
    public mutating func validInstance(of schema: JSONValue) -> JSONValue? {
        let context = prepare(schema)
        for _ in 0..<options.maxAttempts {
            let candidate = generate(schema, depth: 0, context)
            if context.validator.isValid(candidate) { return candidate }
        }
        return nil
    }

    /// An instance that `schema` rejects — close to a valid one, with one constraint broken —
    /// or `nil` if none was found (a schema that accepts everything has none).
    public mutating func invalidInstance(of schema: JSONValue) -> JSONValue? {
        let context = prepare(schema)
        for _ in 0..<options.maxAttempts {
            guard let candidate = mutation(of: schema, depth: 0, context) else { continue }
            if !context.validator.isValid(candidate) { return candidate }
        }
        return nil
    }

    private mutating func prepare(_ schema: JSONValue) -> Context {
        if let context, context.schema == schema { return context }
        let created = Context(
            schema: schema,
            validator: JSONSchemaValidator(schema: schema, options: options.validation),
            flattener: SchemaFlattener(resolver: SchemaResolver(document: schema), dialect: SchemaDialect(schema: schema)))
        context = created
        return created
    }

    // MARK: - Valid instances

    mutating func generate(_ schema: JSONValue, depth: Int, _ context: Context) -> JSONValue {
        // Past this, only an infinite instance could satisfy the schema (a required property
        // that refers back to its own object); give up on this candidate instead of the stack.
        guard depth <= options.maxDepth + 8 else { return .null }
        guard let constraints = context.flattener.flatten(schema, random: &random) else { return .null }
        return generate(constraints: constraints, depth: depth, context)
    }

    mutating func generate(constraints: SchemaFlattener.Constraints, depth: Int, _ context: Context) -> JSONValue {
        if let value = constraints["const"] { return value }
        if let values = constraints["enum"]?.arrayValue, let value = random.element(of: values) { return value }
        switch chooseType(constraints, depth: depth) {
        case .null: return .null
        case .boolean: return .bool(random.chance(0.5))
        case .integer: return number(constraints, integer: true)
        case .number: return number(constraints, integer: random.chance(0.3))
        case .string: return string(constraints)
        case .array: return array(constraints, depth: depth, context)
        case .object: return object(constraints, depth: depth, context)
        }
    }

    /// The types `constraints` allow, read from `type` or guessed from the other keywords.
    func allowedTypes(_ constraints: SchemaFlattener.Constraints) -> [SchemaType] {
        if let type = constraints["type"] {
            let names = type.stringValue.map { [$0] } ?? type.arrayValue?.compactMap(\.stringValue) ?? []
            return names.compactMap(SchemaType.init(rawValue:))
        }
        let keys = Set(constraints.keys)
        if !keys.isDisjoint(with: ["properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties", "propertyNames", "dependentRequired", "unevaluatedProperties"]) { return [.object] }
        if !keys.isDisjoint(with: ["items", "prefixItems", "minItems", "maxItems", "contains", "uniqueItems", "unevaluatedItems"]) { return [.array] }
        if !keys.isDisjoint(with: ["minLength", "maxLength", "pattern", "format"]) { return [.string] }
        if !keys.isDisjoint(with: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]) { return [.number] }
        return SchemaType.allCases.filter { $0 != .integer }
    }

    private mutating func chooseType(_ constraints: SchemaFlattener.Constraints, depth: Int) -> SchemaType {
        var types = allowedTypes(constraints)
        if depth >= options.maxDepth {
            let scalars = types.filter { $0 != .object && $0 != .array }
            if !scalars.isEmpty { types = scalars }
        }
        return random.element(of: types) ?? .null
    }

    // MARK: Numbers

    mutating func number(_ constraints: SchemaFlattener.Constraints, integer: Bool) -> JSONValue {
        func decimal(_ key: String) -> SchemaDecimal? { constraints[key]?.numberValue.map(SchemaDecimal.init) }
        // Generation works in doubles well inside their range; bounds beyond ±1e15 are clamped
        // (a candidate that misses them is rejected by the validator like any other).
        func bound(_ key: String) -> Double? { decimal(key).map { Swift.max(Swift.min($0.doubleValue, 1e15), -1e15) } }
        var lower = bound("minimum")
        var upper = bound("maximum")
        let exclusiveLower = bound("exclusiveMinimum")
        let exclusiveUpper = bound("exclusiveMaximum")
        if let exclusiveLower { lower = max(lower ?? -.infinity, exclusiveLower) }
        if let exclusiveUpper { upper = min(upper ?? .infinity, exclusiveUpper) }
        let span = 1000.0
        let low = lower ?? ((upper ?? span / 2) - span)
        let high = upper ?? (low + span)

        if let step = decimal("multipleOf"), !step.isZero, step.doubleValue.isNormal {
            let size = step.doubleValue
            func factor(_ value: Double) -> Int { Int(Swift.max(Swift.min(value, 1e15), -1e15)) }
            var first = factor((low / size).rounded(.up))
            var last = factor((high / size).rounded(.down))
            if let exclusiveLower, Double(first) * size <= exclusiveLower { first += 1 }
            if let exclusiveUpper, Double(last) * size >= exclusiveUpper { last -= 1 }
            if lower == nil { first = max(first, last - 40) }
            if upper == nil { last = min(last, first + 40) }
            guard first <= last else { return .number(JSONNumber(low)) }
            var factor = random.int(in: first...last)
            if integer, !step.isIntegral {
                // k·step is integral when k is a multiple of 10^(-exponent); try the nearest one.
                let scale = Int(pow10(-step.exponent))
                factor = (factor / scale) * scale
            }
            if let product = step.multiplied(by: factor), let text = JSONNumber(text: product.literal) {
                return .number(text)
            }
            return .number(JSONNumber(Double(factor) * size))
        }

        if integer {
            var first = low.isFinite ? Int(max(min(low, 1e15), -1e15).rounded(.up)) : -500
            var last = high.isFinite ? Int(max(min(high, 1e15), -1e15).rounded(.down)) : 500
            if let exclusiveLower, Double(first) <= exclusiveLower { first += 1 }
            if let exclusiveUpper, Double(last) >= exclusiveUpper { last -= 1 }
            guard first <= last else { return .number(JSONNumber(first)) }
            // Boundaries are where bugs live: pick them now and then.
            switch random.int(in: 0...5) {
            case 0: return .number(JSONNumber(first))
            case 1: return .number(JSONNumber(last))
            default: return .number(JSONNumber(random.int(in: first...last)))
            }
        }
        var value = low + (high - low) * random.unit()
        if random.chance(0.5) { value = (value * 100).rounded() / 100 }
        if let exclusiveLower, value <= exclusiveLower { value = (exclusiveLower + high) / 2 }
        if let exclusiveUpper, value >= exclusiveUpper { value = (low + exclusiveUpper) / 2 }
        return .number(JSONNumber(value))
    }

    private func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, min(exponent, 18)) { result *= 10 }
        return result
    }

    // MARK: Strings

    mutating func string(_ constraints: SchemaFlattener.Constraints) -> JSONValue {
        let minimum = constraints["minLength"]?.intValue ?? 0
        let maximum = constraints["maxLength"]?.intValue ?? (minimum + 12)
        if let format = constraints["format"]?.stringValue, let sample = formatSample(format) {
            return .string(sample)
        }
        if let source = constraints["pattern"]?.stringValue {
            if let pattern = PatternStringGenerator(pattern: source) {
                var text = pattern.generate(using: &random)
                let length = text.unicodeScalars.count
                if length < minimum, !source.hasSuffix("$") {
                    text += randomText(length: minimum - length)
                } else if length < minimum, !source.hasPrefix("^") {
                    text = randomText(length: minimum - length) + text
                }
                return .string(text)
            }
            let fallbacks = ["", "a", "abc", "A1", "0", "x-y_z", "hello world", "2024-01-01", "id_123", "ABC"]
            return .string(random.element(of: fallbacks) ?? "")
        }
        let length = random.int(in: minimum...max(minimum, min(maximum, minimum + 12)))
        return .string(randomText(length: length))
    }

    private static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_- ".unicodeScalars)
    private static let rarities: [Unicode.Scalar] = ["é", "ü", "Ω", "中", "😀"]

    mutating func randomText(length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            let pool = random.chance(0.05) ? Self.rarities : Self.letters
            if let scalar = random.element(of: pool) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    /// A plausible value of a known format, so generated arguments look like real ones.
    private mutating func formatSample(_ format: String) -> String? {
        func two(_ range: ClosedRange<Int>) -> String {
            let value = random.int(in: range)
            return value < 10 ? "0\(value)" : "\(value)"
        }
        func hex(_ count: Int) -> String {
            String((0..<count).map { _ in Array("0123456789abcdef")[random.int(in: 0...15)] })
        }
        let word = ["alpha", "beta", "gamma", "delta", "omega"][random.int(in: 0...4)]
        switch format {
        case "date": return "20\(two(0...39))-\(two(1...12))-\(two(1...28))"
        case "time": return "\(two(0...23)):\(two(0...59)):\(two(0...59))Z"
        case "date-time": return "20\(two(0...39))-\(two(1...12))-\(two(1...28))T\(two(0...23)):\(two(0...59)):\(two(0...59))Z"
        case "email": return "\(word)\(random.int(in: 1...99))@example.com"
        case "uri": return "https://example.com/\(word)/\(random.int(in: 1...999))"
        case "uuid": return "\(hex(8))-\(hex(4))-4\(hex(3))-a\(hex(3))-\(hex(12))"
        case "ipv4": return "\(random.int(in: 1...223)).\(random.int(in: 0...255)).\(random.int(in: 0...255)).\(random.int(in: 1...254))"
        case "ipv6": return "2001:db8::\(hex(4))"
        case "hostname": return "\(word)\(random.int(in: 1...99)).example.com"
        case "duration": return ["P\(random.int(in: 1...30))D", "PT\(random.int(in: 1...59))M", "P1Y\(random.int(in: 1...11))M", "P\(random.int(in: 1...9))W"][random.int(in: 0...3)]
        case "json-pointer": return "/\(word)/\(random.int(in: 0...9))"
        case "relative-json-pointer": return "\(random.int(in: 0...3))/\(word)"
        default: return nil
        }
    }

    // MARK: Arrays

    mutating func array(_ constraints: SchemaFlattener.Constraints, depth: Int, _ context: Context) -> JSONValue {
        let prefix = constraints["prefixItems"]?.arrayValue ?? constraints["items"]?.arrayValue ?? []
        let rest: JSONValue? = constraints["items"]?.arrayValue == nil ? constraints["items"] : constraints["additionalItems"]
        let closed = rest == .bool(false) || (rest == nil && constraints["unevaluatedItems"] == .bool(false))
        let minimum = constraints["minItems"]?.intValue ?? 0
        var maximum = constraints["maxItems"]?.intValue ?? (minimum + (depth >= options.maxDepth ? 0 : 3))
        if closed { maximum = min(maximum, prefix.count) }
        let fewest = min(minimum, maximum)
        let count = random.int(in: fewest...max(fewest, min(maximum, minimum + 4)))
        var elements: [JSONValue] = []
        for offset in 0..<count {
            let schema = offset < prefix.count ? prefix[offset] : (rest ?? .bool(true))
            var element = generate(schema, depth: depth + 1, context)
            if constraints["uniqueItems"]?.boolValue == true {
                for _ in 0..<6 where elements.contains(where: { $0.isSchemaEqual(to: element) }) {
                    element = generate(schema, depth: depth + 1, context)
                }
            }
            elements.append(element)
        }
        if let contains = constraints["contains"] {
            let needed = constraints["minContains"]?.intValue ?? 1
            let firstFree = min(prefix.count, elements.count)
            for index in 0..<needed {
                let base = rest.map { JSONValue.object(["allOf": [$0, contains]]) } ?? contains
                let element = generate(base, depth: depth + 1, context)
                let position = firstFree + index
                if position < elements.count { elements[position] = element } else { elements.append(element) }
            }
        }
        return .array(elements)
    }

    // MARK: Objects

    mutating func object(_ constraints: SchemaFlattener.Constraints, depth: Int, _ context: Context) -> JSONValue {
        let properties = constraints["properties"]?.objectValue ?? [:]
        let required = constraints["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let patterns = constraints["patternProperties"]?.objectValue ?? [:]
        let additional = constraints["additionalProperties"]
        let closed = additional == .bool(false) || (additional == nil && constraints["unevaluatedProperties"] == .bool(false))
        let minimum = constraints["minProperties"]?.intValue ?? 0
        let maximum = constraints["maxProperties"]?.intValue ?? Int.max

        var names = required
        let optionalChance = depth >= options.maxDepth ? 0.0 : 0.5
        for name in JSONEncoding.sortedKeys(properties) where !names.contains(name) && random.chance(optionalChance) {
            names.append(name)
        }
        if let dependencies = constraints["dependentRequired"]?.objectValue {
            // Sorted here and below: dictionary order differs between processes, and the order
            // names are visited in decides which random numbers each one gets.
            for trigger in JSONEncoding.sortedKeys(dependencies) where names.contains(trigger) {
                for need in dependencies[trigger]?.arrayValue?.compactMap(\.stringValue) ?? [] where !names.contains(need) { names.append(need) }
            }
        }
        var attempts = 0
        while names.count < minimum, attempts < minimum * 4 + 8 {
            attempts += 1
            if let unused = JSONEncoding.sortedKeys(properties).first(where: { !names.contains($0) }) {
                names.append(unused)
            } else if let source = random.element(of: JSONEncoding.sortedKeys(patterns)), let pattern = PatternStringGenerator(pattern: source) {
                let name = pattern.generate(using: &random)
                if !names.contains(name) { names.append(name) }
            } else if !closed {
                let name = newPropertyName(constraints, context)
                if !names.contains(name) { names.append(name) }
            } else {
                break
            }
        }
        if !closed, names.count < maximum, depth < options.maxDepth, random.chance(0.15) {
            let name = newPropertyName(constraints, context)
            if !names.contains(name) { names.append(name) }
        }
        while names.count > maximum, let droppable = names.lastIndex(where: { !required.contains($0) }) {
            names.remove(at: droppable)
        }

        var members: [String: JSONValue] = [:]
        for name in names {
            var applicable: [JSONValue] = []
            if let schema = properties[name] { applicable.append(schema) }
            for source in JSONEncoding.sortedKeys(patterns) where (try? SchemaPattern(source))?.matches(name) == true {
                applicable.append(patterns[source] ?? .bool(true))
            }
            if applicable.isEmpty, let additional { applicable.append(additional) }
            let schema: JSONValue = applicable.count == 1 ? applicable[0] : applicable.isEmpty ? .bool(true) : .object(["allOf": .array(applicable)])
            members[name] = generate(schema, depth: depth + 1, context)
        }
        return .object(members)
    }

    private mutating func newPropertyName(_ constraints: SchemaFlattener.Constraints, _ context: Context) -> String {
        if let names = constraints["propertyNames"], let name = generate(names, depth: options.maxDepth, context).stringValue {
            return name
        }
        return "extra_" + randomText(length: 3)
    }
}
