import AccordEvolution
import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// The completeness property of the schema diff, the mirror of ``SchemaSoundnessPropertyTests``:
/// a rewrite that accepts exactly the same instances must never be reported as breaking or
/// potentially breaking, whichever side is old, as an input or an output schema. Pairs are
/// random schemas (the soundness test's corpus and mutator) and the same schema after
/// equivalence-preserving rewrites (``EquivalentRewrite``, the list of docs/equivalence.md).
/// Python's `jsonschema` checks independently that both sides of every pair accept the same
/// generated instances, so a rewrite that is not an equivalence fails here instead of passing
/// unnoticed. Seeded (ACCORD_COMPLETENESS_SEED explores others); a failure prints the seed,
/// the rewrites and the pair.
@Suite struct SchemaCompletenessPropertyTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["ACCORD_COMPLETENESS_SEED"].flatMap { UInt64($0) } ?? 0xC0DE_2026
    static let pairCount = 300

    struct EquivalentPair {
        var seed: UInt64
        var rewrites: [String]
        var original: JSONValue
        var rewritten: JSONValue

        var description: String {
            """
            seed \(seed) (rewrites: \(rewrites.joined(separator: ", ")))
              original:  \(JSONEncoding.compact(original))
              rewritten: \(JSONEncoding.compact(rewritten))
            """
        }
    }

    static let pairs: [EquivalentPair] = {
        var pairs: [EquivalentPair] = []
        for index in 0..<pairCount {
            let pairSeed = seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
            if let pair = pair(seed: pairSeed) { pairs.append(pair) }
        }
        return pairs
    }()

    /// A random schema and its rewrite, or `nil` when no rewrite applied to it.
    static func pair(seed: UInt64) -> EquivalentPair? {
        var random = SplitMix64(seed: seed)
        guard var original = random.element(of: SchemaSoundnessPropertyTests.corpus) else { return nil }
        for _ in 0..<random.int(in: 0...2) { original = SchemaMutator.mutate(original, random: &random) }
        var rewritten = original
        var applied: [String] = []
        for _ in 0..<random.int(in: 1...4) {
            let rewrites = random.shuffled(EquivalentRewrite.structural)
            for rewrite in rewrites {
                if let next = rewrite.apply(to: rewritten, random: &random) {
                    rewritten = next
                    applied.append(rewrite.rawValue)
                    break
                }
            }
        }
        if random.chance(0.25), let next = EquivalentRewrite.dialect.apply(to: rewritten, random: &random) {
            rewritten = next
            applied.append(EquivalentRewrite.dialect.rawValue)
        }
        guard !applied.isEmpty, rewritten != original else { return nil }
        return EquivalentPair(seed: seed, rewrites: applied, original: original, rewritten: rewritten)
    }

    @Test func enoughPairsAndEveryRewriteUsed() {
        #expect(Self.pairs.count >= 250)
        let used = Set(Self.pairs.flatMap(\.rewrites))
        #expect(used == Set(EquivalentRewrite.allCases.map(\.rawValue)), "unused: \(Set(EquivalentRewrite.allCases.map(\.rawValue)).subtracting(used).sorted())")
    }

    @Test func equivalentRewritesAreNeverBreaking() {
        var violations: [String] = []
        var comparisons = 0, withFindings = 0
        var flaggedPairs: Set<UInt64> = []
        for pair in Self.pairs {
            for direction in SchemaDirection.allCases {
                for (old, new) in [(pair.original, pair.rewritten), (pair.rewritten, pair.original)] {
                    comparisons += 1
                    let findings = SchemaComparator(direction: direction, options: ComparisonOptions(today: "2026-11-22"))
                        .compare(old: old, new: new, schemaPointer: JSONPointer(tokens: ["tools", "t", "schema"]), kind: .tool, name: "t")
                    if !findings.isEmpty { withFindings += 1 }
                    let flagged = findings.filter { $0.severity >= .potentiallyBreaking }
                    guard !flagged.isEmpty else { continue }
                    flaggedPairs.insert(pair.seed)
                    violations.append("""
                        \(pair.description)
                          \(direction), \(old == pair.original ? "original → rewritten" : "rewritten → original"): \(flagged.map { "\($0.ruleID) \($0.pointer): \($0.message)" })
                        """)
                }
            }
        }
        print("completeness: \(Self.pairs.count) equivalent pairs, \(comparisons) comparisons, \(withFindings) with findings, \(violations.count) breaking or potentially breaking (\(flaggedPairs.count) pairs)")
        #expect(violations.isEmpty, "\(violations.count) equivalent pair(s) classified breaking or potentially breaking:\n\(violations.prefix(5).joined(separator: "\n"))")
        // Beyond the property: a rewrite that changes nothing is not reported at all (docs/equivalence.md).
        #expect(withFindings == 0, "\(withFindings) comparison(s) of equivalent schemas reported findings")
    }

    /// The normalizations must not hide real changes either: a rewritten schema changed by the
    /// soundness test's mutator, compared with the original, is still reported whenever an
    /// instance tells the two apart (the soundness property, across spellings).
    @Test(arguments: [SchemaDirection.input, .output])
    func realChangesBehindRewritesAreStillReported(_ direction: SchemaDirection) {
        var violations: [String] = []
        var decisiveCases = 0
        for pair in Self.pairs.prefix(100) {
            var random = SplitMix64(seed: pair.seed ^ (direction == .input ? 0x5EED : 0xFEED))
            let changed = SchemaMutator.mutate(pair.rewritten, random: &random)
            let (old, new) = random.chance(0.5) ? (pair.original, changed) : (changed, pair.original)
            guard let witness = SchemaSoundnessPropertyTests.witness(old: old, new: new, direction: direction, seed: pair.seed) else { continue }
            decisiveCases += 1
            guard !SchemaSoundnessPropertyTests.reports(old: old, new: new, direction: direction) else { continue }
            violations.append("""
                \(pair.description)
                  \(direction): instance \(JSONEncoding.compact(witness)) separates old \(JSONEncoding.compact(old)) and new \(JSONEncoding.compact(new)), nothing breaking reported
                """)
        }
        print("completeness: \(decisiveCases) rewritten pairs changed by the mutator told apart by an instance (\(direction)), \(violations.count) unreported")
        #expect(decisiveCases >= 20, "too few changed pairs told apart by an instance (\(decisiveCases))")
        #expect(violations.isEmpty, "\(violations.count) unsound case(s):\n\(violations.prefix(5).joined(separator: "\n"))")
    }

    @Test func pythonJsonschemaAcceptsTheSameInstancesOnBothSides() async throws {
        let python = try OraclePython.path()
        var cases: [(schema: JSONValue, instance: JSONValue)] = []
        var owners: [(pair: Int, instance: JSONValue)] = []
        for (index, pair) in Self.pairs.enumerated() {
            var instances = SchemaInstanceGenerator(seed: pair.seed)
            var random = SplitMix64(seed: pair.seed ^ 0xFFFF)
            var generated: [JSONValue] = []
            for side in [pair.original, pair.rewritten] {
                if let valid = instances.validInstance(of: side) {
                    generated.append(valid)
                    generated.append(Self.perturbed(valid, &random))
                }
                if let invalid = instances.invalidInstance(of: side) { generated.append(invalid) }
            }
            for instance in generated {
                owners.append((index, instance))
                cases.append((pair.original, instance))
                cases.append((pair.rewritten, instance))
            }
        }
        let verdicts = try await OraclePython.run(python: python, cases: cases.map { ($0.schema, $0.instance) })
        try #require(verdicts.count == cases.count, "the oracle answered \(verdicts.count) of \(cases.count) cases")

        var disagreements: [String] = []
        var accepted = 0
        for (offset, owner) in owners.enumerated() {
            let original = verdicts[2 * offset], rewritten = verdicts[2 * offset + 1]
            if original == "true" { accepted += 1 }
            guard original != rewritten || original.hasPrefix("error") else { continue }
            disagreements.append("""
                \(Self.pairs[owner.pair].description)
                  instance \(JSONEncoding.compact(owner.instance)): original \(original), rewritten \(rewritten)
                """)
        }
        print("completeness: jsonschema judged \(owners.count) instances against both sides of \(Self.pairs.count) pairs, \(accepted) accepted, \(disagreements.count) disagree")
        #expect(accepted > owners.count / 5 && accepted < owners.count * 4 / 5, "instances should be both accepted and rejected (\(accepted) of \(owners.count) accepted)")
        #expect(disagreements.isEmpty, "\(disagreements.count) instance(s) accepted by one side only:\n\(disagreements.prefix(5).joined(separator: "\n"))")
    }

    /// `value` with one small change inside, so that bounds and enums are met at their edges.
    static func perturbed(_ value: JSONValue, _ random: inout SplitMix64) -> JSONValue {
        switch value {
        case .object(var members):
            guard let key = random.element(of: JSONEncoding.sortedKeys(members)) else { return ["extra": 1] }
            if random.chance(0.3) { members[key] = nil } else { members[key] = perturbed(members[key]!, &random) }
            return .object(members)
        case .array(var elements):
            guard !elements.isEmpty else { return [.null] }
            let index = random.int(in: 0...(elements.count - 1))
            elements[index] = perturbed(elements[index], &random)
            return .array(elements)
        case .number(let number):
            return .number(JSONNumber(number.doubleValue + random.element(of: [-1.0, 1.0, 0.5, -0.5])!))
        case .string(let string):
            return random.chance(0.5) ? .null : .string(string + "x")
        case .null:
            return "null"
        case .bool(let flag):
            return random.chance(0.5) ? .bool(!flag) : .null
        }
    }
}

/// Rewrites that keep exactly the instances a schema accepts, applied at a random subschema.
/// Each returns `nil` where it does not apply.
enum EquivalentRewrite: String, CaseIterable {
    case constToEnum = "const-to-enum"
    case enumToConst = "enum-to-const"
    case typeListToAnyOf = "type-list-to-anyOf"
    case integerBoundRespelled = "integer-bound-respelled"
    case allOfWrapped = "allOf-wrapped"
    case itemsExplicit = "items-explicit"
    case referenceExtracted = "reference-extracted"
    case arraysReordered = "arrays-reordered"
    case dialect = "draft-07-dialect"

    static let structural = allCases.filter { $0 != .dialect }

    func apply(to schema: JSONValue, random: inout SplitMix64) -> JSONValue? {
        switch self {
        case .dialect:
            // Only where draft-07 reads every keyword as 2020-12 does: no `$ref` (siblings).
            guard schema["$schema"] == nil, !JSONEncoding.compact(schema).contains("\"$ref\""), case .object(var root) = schema else { return nil }
            root["$schema"] = "http://json-schema.org/draft-07/schema#"
            return .object(root)
        case .referenceExtracted:
            return extractReference(in: schema, random: &random)
        default:
            let locations = random.shuffled(Self.locations(in: schema))
            for location in locations {
                guard case .object(let members)? = schema[pointer: JSONPointer(tokens: location)],
                      let rewritten = rewriteHere(members, root: location.isEmpty, random: &random) else { continue }
                return Self.replacing(location, in: schema, with: rewritten)
            }
            return nil
        }
    }

    private func rewriteHere(_ members: [String: JSONValue], root: Bool, random: inout SplitMix64) -> JSONValue? {
        var members = members
        switch self {
        case .constToEnum:
            guard let constant = members["const"], members["enum"] == nil else { return nil }
            members["const"] = nil
            members["enum"] = [constant]
        case .enumToConst:
            guard case .array(let values)? = members["enum"], values.count == 1, members["const"] == nil else { return nil }
            members["enum"] = nil
            members["const"] = values[0]
        case .typeListToAnyOf:
            // The branches' types are disjoint, so oneOf says the same.
            return Self.typeListAsAnyOf(members, combinator: random.chance(0.3) ? "oneOf" : "anyOf")
        case .integerBoundRespelled:
            return Self.respelledIntegerBound(members, random: &random)
        case .allOfWrapped:
            guard !root || members["$defs"] == nil else { return nil }
            return ["allOf": [.object(members)]]
        case .itemsExplicit:
            let type = members["type"]
            guard type == "array" || type?.arrayValue?.contains("array") == true else { return nil }
            switch members["items"] {
            case nil: members["items"] = random.chance(0.5) ? true : [:]
            case .bool(true)?, .object([:])?: members["items"] = nil
            default: return nil
            }
        case .arraysReordered:
            let shuffled = ["required", "enum", "type"].filter { (members[$0]?.arrayValue?.count ?? 0) > 1 }
            guard !shuffled.isEmpty else { return nil }
            for key in shuffled {
                let values = members[key]!.arrayValue!
                var reordered = values
                for _ in 0..<4 where reordered == values { reordered = random.shuffled(values) }
                members[key] = .array(reordered)
            }
        case .dialect, .referenceExtracted:
            return nil
        }
        return .object(members)
    }

    // MARK: - The rewrites that need more than one keyword

    /// Keywords that constrain only values of one type.
    static func keywordsOfType(_ name: String) -> Set<String> {
        switch name {
        case "integer", "number": ["maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "multipleOf"]
        case "string": ["maxLength", "minLength", "pattern", "format"]
        case "array": ["items", "prefixItems", "maxItems", "minItems", "uniqueItems", "contains", "maxContains", "minContains"]
        case "object": ["properties", "required", "additionalProperties", "patternProperties", "propertyNames", "maxProperties", "minProperties"]
        default: []
        }
    }

    /// `type: [A, B]` with A's and B's keywords → `anyOf: [{type: A, …A's}, {type: B, …B's}]`
    /// (or oneOf), everything else (annotations, enum, not, …) left beside it, holding for both.
    static func typeListAsAnyOf(_ members: [String: JSONValue], combinator: String) -> JSONValue? {
        guard case .array(let names)? = members["type"], names.count > 1 else { return nil }
        let strings = names.compactMap(\.stringValue)
        guard strings.count == names.count, Set(strings).count == strings.count,
              !(strings.contains("integer") && strings.contains("number")) else { return nil }
        var outside = members
        outside["type"] = nil
        var branches: [JSONValue] = []
        for name in strings {
            var branch: [String: JSONValue] = ["type": .string(name)]
            for key in keywordsOfType(name) where members[key] != nil {
                branch[key] = members[key]
                outside[key] = nil
            }
            branches.append(.object(branch))
        }
        outside[combinator] = .array(branches)
        return .object(outside)
    }

    /// One integer bound written another way that admits the same integers:
    /// `minimum: 1` ↔ `exclusiveMinimum: 0` ↔ `minimum: 0.5`, and the mirror for maxima.
    static func respelledIntegerBound(_ members: [String: JSONValue], random: inout SplitMix64) -> JSONValue? {
        let type = members["type"]
        guard type == "integer" || type == ["integer", "null"] || type == ["null", "integer"] else { return nil }
        var members = members
        var candidates: [(String, Double)] = []
        for key in ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"] {
            if let value = members[key]?.numberValue?.doubleValue, value == value.rounded(), abs(value) < 1e9 { candidates.append((key, value)) }
        }
        // One bound per side, so that the rewritten keyword cannot meet another.
        let lowerCount = candidates.filter { $0.0.hasSuffix("inimum") }.count, upperCount = candidates.count - lowerCount
        candidates.removeAll { key, _ in key.hasSuffix("inimum") ? lowerCount > 1 : upperCount > 1 }
        guard let (key, value) = random.element(of: candidates) else { return nil }
        members[key] = nil
        let lower = key.hasSuffix("inimum")
        let exclusive = key.hasPrefix("exclusive")
        let limit = lower ? (exclusive ? value + 1 : value) : (exclusive ? value - 1 : value)
        let inclusiveKey = lower ? "minimum" : "maximum", exclusiveKey = lower ? "exclusiveMinimum" : "exclusiveMaximum"
        let step = lower ? -1.0 : 1.0
        switch random.int(in: 0...2) {
        case 0 where !exclusive: members[exclusiveKey] = .number(JSONNumber(limit + step))
        case 1: members[inclusiveKey] = .number(JSONNumber(limit + step / 2))
        case 2: members[exclusiveKey] = .number(JSONNumber(limit + step / 2))
        default: members[inclusiveKey] = .number(JSONNumber(limit))
        }
        return .object(members)
    }

    /// A property's schema moved into the root's `$defs` and referenced, sometimes keeping its
    /// description, title or format beside the `$ref` (pydantic and zod put them either place).
    func extractReference(in schema: JSONValue, random: inout SplitMix64) -> JSONValue? {
        guard case .object = schema else { return nil }
        let locations = random.shuffled(Self.locations(in: schema).filter { $0.count >= 2 && $0[$0.count - 2] == "properties" })
        for location in locations {
            guard case .object(var target)? = schema[pointer: JSONPointer(tokens: location)], !target.isEmpty,
                  !JSONEncoding.compact(.object(target)).contains("\"$ref\"") else { continue }
            var reference: [String: JSONValue] = [:]
            for key in ["description", "title", "format"] where target[key] != nil && random.chance(0.5) {
                reference[key] = target[key]
                target[key] = nil
            }
            var definitions = schema["$defs"]?.objectValue ?? [:]
            var name = "Extracted"
            var counter = 1
            while definitions[name] != nil { counter += 1; name = "Extracted\(counter)" }
            definitions[name] = .object(target)
            reference["$ref"] = .string("#/$defs/\(name)")
            let replaced = Self.replacing(location, in: schema, with: .object(reference))
            return replaced.setting("$defs", to: .object(definitions))
        }
        return nil
    }

    // MARK: - Locations

    /// Pointer tokens of every subschema reached through properties, items, combinators and not.
    static func locations(in schema: JSONValue) -> [[String]] {
        var found: [[String]] = []
        func walk(_ value: JSONValue, _ path: [String]) {
            guard case .object(let members) = value, path.count < 12 else { return }
            found.append(path)
            for (name, child) in members["properties"]?.objectValue ?? [:] { walk(child, path + ["properties", name]) }
            if let items = members["items"] { walk(items, path + ["items"]) }
            if let not = members["not"] { walk(not, path + ["not"]) }
            for keyword in ["allOf", "anyOf", "oneOf"] {
                for (offset, branch) in (members[keyword]?.arrayValue ?? []).enumerated() { walk(branch, path + [keyword, String(offset)]) }
            }
        }
        walk(schema, [])
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }

    static func replacing(_ path: [String], in value: JSONValue, with replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        let rest = Array(path.dropFirst())
        switch value {
        case .object(var members):
            members[first] = replacing(rest, in: members[first] ?? .null, with: replacement)
            return .object(members)
        case .array(var elements):
            guard let index = Int(first), elements.indices.contains(index) else { return value }
            elements[index] = replacing(rest, in: elements[index], with: replacement)
            return .array(elements)
        default:
            return value
        }
    }
}
