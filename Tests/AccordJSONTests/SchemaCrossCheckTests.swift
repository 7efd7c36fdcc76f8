import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// Cross-checks ``JSONSchemaValidator`` against Python's `jsonschema` (4.26.0, installed by
/// scripts/test) on thousands of generated schema/instance pairs: every verdict must agree.
@Suite struct SchemaCrossCheckTests {
    /// Fixed so failures reproduce; ACCORD_CROSSCHECK_SEED explores others.
    static let seed: UInt64 = ProcessInfo.processInfo.environment["ACCORD_CROSSCHECK_SEED"].flatMap { UInt64($0) } ?? 0x5EED_2020_12
    static let schemaCount = 600

    @Test func verdictsAgreeWithPythonJsonschema() async throws {
        let python = try OraclePython.path()
        let cases = Self.generateCases(seed: Self.seed, schemas: Self.schemaCount)
        #expect(cases.count >= 2000)

        let verdicts = try await OraclePython.run(python: python, cases: cases.map { ($0.schema, $0.instance) })
        try #require(verdicts.count == cases.count, "the oracle answered \(verdicts.count) of \(cases.count) cases")

        var mismatches: [String] = []
        for (testCase, verdict) in zip(cases, verdicts) {
            let validator = JSONSchemaValidator(schema: testCase.schema)
            let ours = validator.isValid(testCase.instance)
            // The collecting path must reach the same verdict as the fast one.
            #expect(validator.validate(testCase.instance).isEmpty == ours, "case \(testCase.index)")
            guard verdict != (ours ? "true" : "false") else { continue }
            let errors = JSONSchemaValidator(schema: testCase.schema).validate(testCase.instance).map(\.description)
            mismatches.append("""
                seed \(Self.seed) case \(testCase.index) (\(testCase.origin)): Accord \(ours), jsonschema \(verdict.prefix(300))
                  schema:   \(JSONEncoding.compact(testCase.schema))
                  instance: \(JSONEncoding.compact(testCase.instance))
                  Accord errors: \(errors)
                """)
        }
        let accepted = verdicts.filter { $0 == "true" }.count
        let origins = Dictionary(grouping: cases, by: \.origin).mapValues(\.count)
        var fingerprint: UInt64 = 0xCBF2_9CE4_8422_2325
        for testCase in cases {
            for byte in JSONEncoding.compactBytes(["s": testCase.schema, "i": testCase.instance]) { fingerprint = (fingerprint ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        print("cross-check: \(cases.count) cases (\(origins.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))), fingerprint \(String(fingerprint, radix: 16)), jsonschema accepted \(accepted), \(mismatches.count) differ")
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) verdicts differ:\n\(mismatches.prefix(15).joined(separator: "\n"))")
    }

    struct Case {
        var index: Int
        var origin: String
        var schema: JSONValue
        var instance: JSONValue
    }

    /// Schemas from ``RandomSchemaGenerator``; for each, valid and invalid instances from
    /// ``SchemaInstanceGenerator`` and random JSON values.
    static func generateCases(seed: UInt64, schemas: Int) -> [Case] {
        var schemaGenerator = RandomSchemaGenerator(seed: seed)
        var instances = SchemaInstanceGenerator(seed: seed ^ 0xFFFF)
        var random = SplitMix64(seed: seed &+ 1)
        var cases: [Case] = []
        func add(_ origin: String, _ schema: JSONValue, _ instance: JSONValue?) {
            guard let instance else { return }
            cases.append(Case(index: cases.count, origin: origin, schema: schema, instance: instance))
        }
        for _ in 0..<schemas {
            let schema = schemaGenerator.schema()
            add("valid", schema, instances.validInstance(of: schema))
            add("valid", schema, instances.validInstance(of: schema))
            add("invalid", schema, instances.invalidInstance(of: schema))
            add("invalid", schema, instances.invalidInstance(of: schema))
            add("random", schema, RandomSchemaGenerator.randomValue(&random, depth: 0))
            add("random", schema, RandomSchemaGenerator.randomValue(&random, depth: 0))
            if let valid = instances.validInstance(of: schema) {
                add("perturbed", schema, RandomSchemaGenerator.perturb(valid, &random))
            }
        }
        return cases
    }
}

/// Random schemas over the keywords MCP servers use, deterministic from a seed. Kept to what
/// Accord and `jsonschema` define the same way (see the notes on patterns and numbers below).
struct RandomSchemaGenerator {
    var random: SplitMix64
    private var legacy = false
    private var hasDefinitions = false
    /// Definitions subschemas refer to (`#/$defs/named`), added to the root when used.
    private var sharedDefinitions: [String: JSONValue] = [:]

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    // `$ref` cycles that consume no input (`{"anyOf": [{"$ref": "#"}, ...]}`) are left out: Accord
    // treats the repeated visit as satisfied, `jsonschema` overflows its stack. SchemaReferenceTests
    // covers them.

    /// Patterns both ECMA-262 and Python's `re` read the same on the generated strings (no
    /// `\w`, which is ASCII in ECMA-262 and Unicode in Python).
    static let patterns = [
        "^[a-z]+$", "^[A-Z][a-z0-9_-]*$", "[0-9]", "^\\d{2,4}$", "^(foo|bar)", "a.c", "^[^ ]+$",
        "^$", "x?y+z*", "^[a-f0-9]{4}(-[a-f0-9]{4})?$", "(ab)+", "^.{1,5}$", "é", "^\\S+@\\S+$",
    ]
    /// Steps whose quotients are exact in binary floating point, where Python's float division
    /// and Accord's exact decimals agree.
    static let steps: [JSONValue] = [2, 3, 5, 10, 0.5, 0.25, 1.5, .number(JSONNumber(text: "2.0")!)]
    static let names = ["a", "b", "c", "id", "name", "xa", "Zed"]

    mutating func schema() -> JSONValue {
        legacy = random.chance(0.12)
        hasDefinitions = random.chance(0.4)
        sharedDefinitions = [:]
        var root = schema(depth: 0).objectValue ?? ["allOf": [schema(depth: 1)]]
        let definitionsKey = legacy ? "definitions" : "$defs"
        if hasDefinitions {
            root[definitionsKey] = [
                "pos": ["type": "integer", "minimum": 0],
                "name": ["type": "string", "minLength": 1, "maxLength": 8],
                "tree": [
                    "type": "object",
                    "properties": ["v": ["$ref": .string("#/\(definitionsKey)/pos")], "kids": ["type": "array", "items": ["$ref": .string("#/\(definitionsKey)/tree")], "maxItems": 2]],
                    "required": ["v"],
                ],
                "a~b/c": ["enum": ["x", 1, nil]],
            ]
            if !legacy {
                root["$defs"] = root["$defs"]?.setting("anchored", to: ["$anchor": "thing", "type": ["string", "null"]])
            }
        }
        for (name, definition) in sharedDefinitions {
            root["$defs"] = (root["$defs"] ?? [:]).setting(name, to: definition)
        }
        if legacy { root["$schema"] = "http://json-schema.org/draft-07/schema#" }
        return .object(root)
    }

    private mutating func sub(_ depth: Int) -> JSONValue { schema(depth: depth) }

    private mutating func schema(depth: Int) -> JSONValue {
        if depth > 0, random.chance(0.06) { return .bool(random.chance(0.7)) }
        let kinds = depth >= 3 ? ["string", "number", "integer", "enum", "ref"] :
            ["object", "object", "array", "string", "number", "integer", "combinator", "enum", "ref", "any"]
        switch random.element(of: kinds)! {
        case "object": return object(depth: depth)
        case "array": return array(depth: depth)
        case "string": return string()
        case "number": return number(integer: false)
        case "integer": return number(integer: true)
        case "combinator": return combinator(depth: depth)
        case "enum":
            let choices: [JSONValue] = random.chance(0.3) ? [["const": random.element(of: [1, "x", 1.0, nil, true, ["a": 1]])!]] :
                [["enum": ["red", "green", 1, 2.5, nil]], ["enum": [[1, 2], ["k": "v"], false]], ["enum": [1, 1.5, "1"]], ["enum": [.number(JSONNumber(text: "1.0")!), [.number(JSONNumber(text: "2.0")!)], ["a": 1]]]]
            return random.element(of: choices)!
        case "ref":
            guard hasDefinitions else { return string() }
            let key = legacy ? "definitions" : "$defs"
            let targets = ["#/\(key)/pos", "#/\(key)/name", "#/\(key)/tree", "#/\(key)/a~0b~1c", "#/\(key)/a%7Eb~1c"]
                + (legacy ? [] : ["#thing"])
            return ["$ref": .string(random.element(of: targets)!), "x-ref": true]
        default:
            return [:]
        }
    }

    private mutating func object(depth: Int) -> JSONValue {
        var result: [String: JSONValue] = [:]
        if random.chance(0.85) { result["type"] = "object" }
        var properties: [String: JSONValue] = [:]
        for name in Self.names where random.chance(0.35) { properties[name] = sub(depth + 1) }
        if !properties.isEmpty || random.chance(0.3) { result["properties"] = .object(properties) }
        if random.chance(0.5) {
            result["required"] = .array(Self.names.filter { _ in random.chance(0.25) }.map(JSONValue.string))
        }
        switch random.int(in: 0...5) {
        case 0: result["additionalProperties"] = false
        case 1: result["additionalProperties"] = sub(depth + 1)
        default: break
        }
        if random.chance(0.15) { result["patternProperties"] = ["^x": sub(depth + 1)] }
        if random.chance(0.1) { result["propertyNames"] = random.chance(0.5) ? ["pattern": "^[a-z]+$"] : ["maxLength": 2] }
        if random.chance(0.15) { result["minProperties"] = .number(JSONNumber(random.int(in: 0...2))) }
        if random.chance(0.15) { result["maxProperties"] = .number(JSONNumber(random.int(in: 1...3))) }
        if legacy {
            if random.chance(0.2) { result["dependencies"] = random.chance(0.5) ? ["a": ["b"]] : ["a": ["required": ["c"]]] }
        } else {
            if random.chance(0.15) { result["dependentRequired"] = ["a": ["b"], "id": ["name"]] }
            if random.chance(0.1) { result["dependentSchemas"] = ["a": ["properties": ["b": ["type": "integer"]]]] }
            if random.chance(0.25) {
                let evaluators: [JSONValue] = [
                    ["allOf": [["properties": ["c": ["type": "string"]]]]],
                    ["anyOf": [["properties": ["a": ["type": "integer"]]], ["properties": ["b": true], "required": ["b"]]]],
                    ["oneOf": [["properties": ["c": true], "required": ["c"]], ["patternProperties": ["^x": ["type": "number"]]]]],
                    ["if": ["properties": ["a": ["const": 1]], "required": ["a"]], "then": ["properties": ["b": true]], "else": ["properties": ["c": true]]],
                    ["dependentSchemas": ["a": ["properties": ["id": true]]]],
                    ["allOf": [["$ref": "#/$defs/named"]]],
                    ["allOf": [["additionalProperties": ["type": "string"]]]],
                    ["not": ["properties": ["a": ["type": "string"]]]],
                    ["allOf": [["properties": ["name": true], "unevaluatedProperties": ["type": "boolean"]]]],
                ]
                for (key, value) in random.element(of: evaluators)!.objectValue! { result[key] = value }
                sharedDefinitions["named"] = ["properties": ["name": ["type": "string"]]]
                result["unevaluatedProperties"] = random.chance(0.7) ? false : ["type": "integer"]
            }
        }
        return .object(result)
    }

    private mutating func array(depth: Int) -> JSONValue {
        var result: [String: JSONValue] = [:]
        if random.chance(0.85) { result["type"] = "array" }
        if legacy {
            if random.chance(0.5) {
                result["items"] = [sub(depth + 1), sub(depth + 1)]
                if random.chance(0.6) { result["additionalItems"] = random.chance(0.5) ? false : sub(depth + 1) }
            } else if random.chance(0.7) {
                result["items"] = sub(depth + 1)
            }
        } else {
            if random.chance(0.35) { result["prefixItems"] = [sub(depth + 1), sub(depth + 1)] }
            if random.chance(0.6) { result["items"] = random.chance(0.2) ? false : sub(depth + 1) }
            if random.chance(0.2) {
                let evaluators: [JSONValue] = [
                    ["anyOf": [["prefixItems": [true]], ["contains": ["type": "string"]]]],
                    ["allOf": [["prefixItems": [["type": "integer"], true]]]],
                    ["if": ["prefixItems": [["const": 1]]], "then": ["items": ["type": "integer"]], "else": ["contains": ["type": "null"]]],
                    ["oneOf": [["items": ["type": "string"]], ["prefixItems": [true, true, true]]]],
                    ["allOf": [["$ref": "#/$defs/pair"]]],
                    ["allOf": [["unevaluatedItems": ["type": "boolean"]]]],
                ]
                for (key, value) in random.element(of: evaluators)!.objectValue! where result[key] == nil { result[key] = value }
                sharedDefinitions["pair"] = ["prefixItems": [["type": "string"], ["type": "string"]]]
                result["unevaluatedItems"] = random.chance(0.7) ? false : ["type": "number"]
            }
        }
        if random.chance(0.25) {
            result["contains"] = sub(depth + 1)
            if !legacy, random.chance(0.4) { result["minContains"] = .number(JSONNumber(random.int(in: 0...2))) }
            if !legacy, random.chance(0.3) { result["maxContains"] = .number(JSONNumber(random.int(in: 1...3))) }
        }
        if random.chance(0.25) { result["minItems"] = .number(JSONNumber(random.int(in: 0...3))) }
        if random.chance(0.25) { result["maxItems"] = .number(JSONNumber(random.int(in: 1...4))) }
        if random.chance(0.25) { result["uniqueItems"] = .bool(random.chance(0.8)) }
        return .object(result)
    }

    private mutating func string() -> JSONValue {
        var result: [String: JSONValue] = [:]
        if random.chance(0.85) { result["type"] = random.chance(0.15) ? ["string", "null"] : "string" }
        if random.chance(0.3) { result["minLength"] = .number(JSONNumber(random.int(in: 0...4))) }
        if random.chance(0.3) { result["maxLength"] = .number(JSONNumber(random.int(in: 2...10))) }
        if random.chance(0.4) { result["pattern"] = .string(random.element(of: Self.patterns)!) }
        if random.chance(0.15) { result["format"] = .string(random.element(of: ["date-time", "email", "uuid", "uri", "made-up"])!) }
        return .object(result)
    }

    private mutating func number(integer: Bool) -> JSONValue {
        var result: [String: JSONValue] = [:]
        if random.chance(0.85) { result["type"] = integer ? "integer" : "number" }
        func bound() -> JSONValue {
            random.chance(0.5) ? .number(JSONNumber(random.int(in: -20...20))) : .number(JSONNumber(Double(random.int(in: -80...80)) / 4))
        }
        if random.chance(0.4) { result["minimum"] = bound() }
        if random.chance(0.4) { result["maximum"] = bound() }
        if random.chance(0.2) { result["exclusiveMinimum"] = bound() }
        if random.chance(0.2) { result["exclusiveMaximum"] = bound() }
        if random.chance(0.3) { result["multipleOf"] = random.element(of: Self.steps)! }
        return .object(result)
    }

    private mutating func combinator(depth: Int) -> JSONValue {
        switch random.int(in: 0...4) {
        case 0: return ["allOf": [sub(depth + 1), sub(depth + 1)]]
        case 1: return ["anyOf": [sub(depth + 1), sub(depth + 1), sub(depth + 1)]]
        case 2: return ["oneOf": [sub(depth + 1), sub(depth + 1)]]
        case 3: return ["not": sub(depth + 1)]
        default:
            var conditional: [String: JSONValue] = ["if": sub(depth + 1)]
            if random.chance(0.8) { conditional["then"] = sub(depth + 1) }
            if random.chance(0.6) { conditional["else"] = sub(depth + 1) }
            return .object(conditional)
        }
    }

    /// `value` with one random change somewhere inside: a member added or removed, an element
    /// added, dropped or duplicated, a scalar replaced. Lands on the edge of what a schema allows.
    static func perturb(_ value: JSONValue, _ random: inout SplitMix64) -> JSONValue {
        switch value {
        case .object(var members):
            let keys = JSONEncoding.sortedKeys(members)
            if let key = random.element(of: keys), random.chance(0.6) {
                members[key] = perturb(members[key]!, &random)
            } else if let key = random.element(of: keys), random.chance(0.4) {
                members[key] = nil
            } else {
                members[random.element(of: names + ["x9", "kids", "v"])!] = randomValue(&random, depth: 2)
            }
            return .object(members)
        case .array(var elements):
            if !elements.isEmpty, random.chance(0.5) {
                let index = random.int(in: 0...(elements.count - 1))
                elements[index] = perturb(elements[index], &random)
            } else if let first = elements.first, random.chance(0.4) {
                elements.append(first)
            } else if !elements.isEmpty, random.chance(0.5) {
                elements.removeLast()
            } else {
                elements.append(randomValue(&random, depth: 2))
            }
            return .array(elements)
        case .number(let number):
            let deltas = [-1.0, 1.0, 0.25, -0.5, 0.1]
            return random.chance(0.8) ? .number(JSONNumber(number.doubleValue + random.element(of: deltas)!)) : randomValue(&random, depth: 2)
        case .string(let string):
            return random.chance(0.7) ? .string(random.chance(0.5) ? String(string.dropLast()) : string + "q") : randomValue(&random, depth: 2)
        default:
            return randomValue(&random, depth: 2)
        }
    }

    /// Any JSON value, small, with keys and strings the schemas above talk about.
    static func randomValue(_ random: inout SplitMix64, depth: Int) -> JSONValue {
        switch random.int(in: depth >= 2 ? 0...4 : 0...6) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2: return .number(JSONNumber(random.int(in: -25...25)))
        case 3:
            // Spellings matter: 1.0 and 1e1 are integers, 2.50 equals 2.5.
            if random.chance(0.3) { return .number(JSONNumber(text: random.element(of: ["1.0", "2.50", "1e1", "-0.0", "3.0e0", "0.5"])!)!) }
            return .number(JSONNumber(Double(random.int(in: -100...100)) / 4))
        case 4:
            let strings = ["", "a", "abc", "foo", "bar1", "x-y", "Abc_1", "12", "2024", "é", "red", "1", "aXc", "a@b", "  "]
            return .string(random.element(of: strings)!)
        case 5:
            return .array((0..<random.int(in: 0...4)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.int(in: 0...4) {
                members[random.element(of: names + ["x1", "v", "kids"])!] = randomValue(&random, depth: depth + 1)
            }
            return .object(members)
        }
    }
}
