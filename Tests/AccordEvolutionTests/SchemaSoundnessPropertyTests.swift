import AccordEvolution
import AccordJSON
import AccordSnapshot
import Foundation
import Testing

/// The soundness property of the schema diff: whenever an instance valid under the old input
/// schema is rejected by the new one, the diff must report a breaking or potentially breaking
/// input finding — and the mirror for output schemas (valid under the new, rejected by the old).
/// Schema pairs are mutations of real schemas (the demo server's); failures print the seed and
/// a shrunk pair.
///
/// The diff runs under strict-content-model here: RULES.md deliberately calls an optional input
/// property added to an *open* object non-breaking (clients are not expected to send undeclared
/// fields), which JSON Schema semantics would call a narrowing. Strict mode is the setting in
/// which the declared contract and the validator agree, so it is the one soundness is checked in.
@Suite struct SchemaSoundnessPropertyTests {
    static let seeds: [UInt64] = Array(1...400)

    /// Real schemas to mutate: every input and output schema of both demo releases.
    static let corpus: [JSONValue] = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        var schemas: [JSONValue] = []
        for name in ["demo", "demo-v2"] {
            guard let snapshot = try? SnapshotFile.read(url.path + "/snapshots/\(name).json") else { continue }
            for tool in snapshot.tools {
                if let input = tool["inputSchema"] { schemas.append(input) }
                if let output = tool["outputSchema"] { schemas.append(output) }
            }
        }
        return schemas
    }()

    @Test func corpusIsLoaded() {
        #expect(Self.corpus.count >= 20)
    }

    @Test(arguments: [SchemaDirection.input, .output])
    func narrowingOrWideningIsAlwaysReported(_ direction: SchemaDirection) {
        var violations: [String] = []
        var decisiveCases = 0
        for seed in Self.seeds {
            var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ (direction == .input ? 0 : 1))
            guard let base = random.element(of: Self.corpus) else { continue }
            var mutated = base
            for _ in 0..<random.int(in: 1...3) { mutated = SchemaMutator.mutate(mutated, random: &random) }
            let (old, new) = random.chance(0.5) ? (base, mutated) : (mutated, base)
            guard Self.witness(old: old, new: new, direction: direction, seed: seed) != nil else { continue }
            decisiveCases += 1
            if !Self.reports(old: old, new: new, direction: direction) {
                let (smallOld, smallNew) = Self.shrink(old: old, new: new, direction: direction, seed: seed)
                let witness = Self.witness(old: smallOld, new: smallNew, direction: direction, seed: seed).map(JSONEncoding.compact) ?? "?"
                violations.append("""
                    seed \(seed) (\(direction)): instance \(witness) separates the schemas but no breaking or potentially breaking finding was reported
                      old: \(JSONEncoding.compact(smallOld))
                      new: \(JSONEncoding.compact(smallNew))
                    """)
            }
        }
        #expect(decisiveCases >= 50, "too few generated pairs changed what the schema accepts (\(decisiveCases))")
        #expect(violations.isEmpty, "\(violations.count) unsound case(s):\n\(violations.prefix(5).joined(separator: "\n"))")
    }

    /// An instance that the side consumers relied on accepts and the other side rejects:
    /// input — valid under old, invalid under new; output — valid under new, invalid under old.
    static func witness(old: JSONValue, new: JSONValue, direction: SchemaDirection, seed: UInt64) -> JSONValue? {
        let (accepting, rejecting) = direction == .input ? (old, new) : (new, old)
        let accepts = JSONSchemaValidator(schema: accepting), rejects = JSONSchemaValidator(schema: rejecting)
        var generator = SchemaInstanceGenerator(seed: seed)
        for attempt in 0..<24 {
            let candidate = attempt.isMultiple(of: 2) ? generator.validInstance(of: accepting) : generator.invalidInstance(of: rejecting)
            guard let candidate, accepts.isValid(candidate) else { continue }
            if !rejects.isValid(candidate) { return candidate }
        }
        return nil
    }

    static func reports(old: JSONValue, new: JSONValue, direction: SchemaDirection) -> Bool {
        let findings = SchemaComparator(direction: direction, options: ComparisonOptions(strictContentModel: true, today: "2026-11-22"))
            .compare(old: old, new: new, schemaPointer: JSONPointer(tokens: ["tools", "t", direction == .input ? "inputSchema" : "outputSchema"]), kind: .tool, name: "t")
        return findings.contains { $0.severity >= .potentiallyBreaking }
    }

    /// Greedily drops properties (from both sides at once) while the pair stays a counterexample.
    static func shrink(old: JSONValue, new: JSONValue, direction: SchemaDirection, seed: UInt64) -> (JSONValue, JSONValue) {
        var current = (old, new)
        var changed = true
        while changed {
            changed = false
            let names = Set((current.0["properties"]?.objectValue ?? [:]).keys).union((current.1["properties"]?.objectValue ?? [:]).keys)
            for name in names.sorted() {
                let candidate = (dropProperty(name, from: current.0), dropProperty(name, from: current.1))
                if witness(old: candidate.0, new: candidate.1, direction: direction, seed: seed) != nil,
                   !reports(old: candidate.0, new: candidate.1, direction: direction) {
                    current = candidate
                    changed = true
                }
            }
        }
        return current
    }

    static func dropProperty(_ name: String, from schema: JSONValue) -> JSONValue {
        guard var members = schema.objectValue, var properties = members["properties"]?.objectValue else { return schema }
        properties[name] = nil
        members["properties"] = .object(properties)
        if let required = members["required"]?.arrayValue {
            members["required"] = .array(required.filter { $0.stringValue != name })
        }
        return .object(members)
    }
}

/// Random structural edits of a schema: add, drop and toggle keywords, at any depth.
enum SchemaMutator {
    static func mutate(_ schema: JSONValue, random: inout SplitMix64) -> JSONValue {
        // Pick a subschema by walking down properties/items a random number of steps.
        if case .object(var members) = schema, random.chance(0.45) {
            if var properties = members["properties"]?.objectValue, let name = random.element(of: properties.keys.sorted()), let child = properties[name] {
                properties[name] = mutate(child, random: &random)
                members["properties"] = .object(properties)
                return .object(members)
            }
            if let items = members["items"], case .object = items {
                members["items"] = mutate(items, random: &random)
                return .object(members)
            }
        }
        return mutateHere(schema, random: &random)
    }

    static func mutateHere(_ schema: JSONValue, random: inout SplitMix64) -> JSONValue {
        guard case .object(var members) = schema else { return schema }
        let type = members["type"]?.stringValue
        switch random.int(in: 0...15) {
        case 0:
            let names = (members["properties"]?.objectValue ?? [:]).keys.sorted()
            if let name = random.element(of: names) {
                var required = members["required"]?.arrayValue ?? []
                if required.contains(.string(name)) { required.removeAll { $0 == .string(name) } } else { required.append(.string(name)) }
                members["required"] = .array(required)
            }
        case 1:
            members["type"] = random.element(of: ["string", "integer", "number", "boolean", "object", "array"]).map(JSONValue.string)
        case 2:
            if let type { members["type"] = [.string(type), "null"] } else { members["type"] = "string" }
        case 3:
            let key = random.element(of: ["maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum"])!
            members[key] = .number(JSONNumber(random.int(in: -5...50)))
        case 4:
            let key = random.element(of: ["maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties"])!
            members[key] = .number(JSONNumber(random.int(in: 0...8)))
        case 5:
            if var values = members["enum"]?.arrayValue, !values.isEmpty {
                if random.chance(0.5) { values.remove(at: random.int(in: 0...(values.count - 1))) } else { values.append(.string("extra-\(random.int(in: 0...9))")) }
                members["enum"] = .array(values)
            } else {
                members["enum"] = type == "integer" || type == "number" ? [1, 2, 3] : ["a", "b", "draft"]
            }
        case 6:
            let current = members["additionalProperties"]
            members["additionalProperties"] = current == .bool(false) ? (random.chance(0.5) ? nil : .bool(true)) : .bool(false)
        case 7:
            var properties = members["properties"]?.objectValue ?? [:]
            let name = "p\(random.int(in: 0...3))"
            properties[name] = ["type": .string(random.element(of: ["string", "integer", "boolean"])!)]
            members["properties"] = .object(properties)
            if random.chance(0.5) { members["required"] = .array((members["required"]?.arrayValue ?? []) + [.string(name)]) }
        case 8:
            var properties = members["properties"]?.objectValue ?? [:]
            if let name = random.element(of: properties.keys.sorted()) {
                properties[name] = nil
                members["properties"] = .object(properties)
            }
        case 9:
            members["pattern"] = members["pattern"] == nil ? .string(random.element(of: ["^[a-z]+$", "^[A-Z0-9-]{2,8}$", "x"])!) : nil
        case 10:
            members["multipleOf"] = .number(JSONNumber(random.element(of: [2, 3, 5])!))
        case 11:
            members["uniqueItems"] = members["uniqueItems"] == .bool(true) ? nil : .bool(true)
        case 12:
            members["const"] = members["const"] == nil ? (type == "integer" ? 7 : "fixed") : nil
        case 13:
            return ["anyOf": [schema, ["type": .string(random.element(of: ["string", "integer", "null"])!)]]]
        case 14:
            members["allOf"] = .array((members["allOf"]?.arrayValue ?? []) + [["required": [.string("p\(random.int(in: 0...3))")]]])
        default:
            members["not"] = members["not"] == nil ? ["type": "null"] : nil
        }
        return .object(members)
    }
}
