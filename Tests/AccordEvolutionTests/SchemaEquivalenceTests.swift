import AccordEvolution
import AccordJSON
import Foundation
import Testing

/// Rewrites that accept exactly the same instances, as real generators emit them across
/// versions (pydantic v1/v2, zod-to-json-schema, zod 4, the TypeScript SDK, hand-written
/// schemas): each pair must compare as no change at all, in both orders and in both directions
/// (docs/equivalence.md lists them). Pairs that look alike but are *not* equivalent are pinned
/// at the end with the verdict they deserve.
@Suite("Schema equivalence")
struct SchemaEquivalenceTests {
    struct Pair: CustomTestStringConvertible, Sendable {
        var name: String
        var old: String
        var new: String
        var testDescription: String { name }
    }

    static let pairs: [Pair] = [
        // const and one-value enum
        Pair(name: "const vs one-value enum", old: #"{"const":"a"}"#, new: #"{"enum":["a"]}"#),
        Pair(name: "typed const vs typed one-value enum", old: #"{"type":"string","const":"a"}"#, new: #"{"type":"string","enum":["a"]}"#),
        Pair(name: "pydantic 2.0-2.9 Literal (const and enum) vs const", old: #"{"const":"a","enum":["a"],"type":"string"}"#, new: #"{"const":"a","type":"string"}"#),
        Pair(name: "const null vs type null vs enum [null]", old: #"{"const":null}"#, new: #"{"type":"null"}"#),
        Pair(name: "enum [null] vs type null", old: #"{"enum":[null]}"#, new: #"{"type":"null"}"#),
        Pair(name: "property const vs one-value enum", old: #"{"type":"object","properties":{"kind":{"const":"circle"}},"required":["kind"]}"#,
             new: #"{"type":"object","properties":{"kind":{"enum":["circle"],"type":"string"}},"required":["kind"]}"#),

        // type lists and anyOf of single types
        Pair(name: "type list vs anyOf of single types", old: #"{"type":["string","integer"]}"#, new: #"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#),
        Pair(name: "type list vs oneOf of disjoint single types", old: #"{"type":["string","boolean"]}"#, new: #"{"oneOf":[{"type":"string"},{"type":"boolean"}]}"#),
        Pair(name: "zod-to-json-schema primitive union vs zod 4 anyOf", old: #"{"type":["string","number","boolean"]}"#,
             new: #"{"anyOf":[{"type":"string"},{"type":"number"},{"type":"boolean"}]}"#),
        Pair(name: "type list with constraints vs anyOf carrying them", old: #"{"type":["string","integer"],"maxLength":5,"minimum":0}"#,
             new: #"{"anyOf":[{"type":"string","maxLength":5},{"type":"integer","minimum":0}]}"#),
        Pair(name: "single-element type list vs type", old: #"{"type":["string"]}"#, new: #"{"type":"string"}"#),
        Pair(name: "anyOf with one member vs the member", old: #"{"anyOf":[{"type":"string","minLength":1}]}"#, new: #"{"type":"string","minLength":1}"#),
        Pair(name: "oneOf with one member vs the member", old: #"{"oneOf":[{"type":"integer"}]}"#, new: #"{"type":"integer"}"#),

        // nullable idioms
        Pair(name: "pydantic v2 Optional vs type with null", old: #"{"anyOf":[{"type":"string"},{"type":"null"}],"default":null}"#,
             new: #"{"type":["string","null"],"default":null}"#),
        Pair(name: "null branch first", old: #"{"anyOf":[{"type":"null"},{"type":"integer","minimum":1}]}"#, new: #"{"type":["integer","null"],"minimum":1}"#),
        Pair(name: "oneOf nullable vs type with null", old: #"{"oneOf":[{"type":"string"},{"type":"null"}]}"#, new: #"{"type":["null","string"]}"#),
        Pair(name: "zod 4 nullable vs zod-to-json-schema nullable", old: #"{"anyOf":[{"type":"number"},{"type":"null"}]}"#, new: #"{"type":["number","null"]}"#),
        Pair(name: "nullable enum: anyOf vs type list with null in the enum", old: #"{"anyOf":[{"enum":["a","b"],"type":"string"},{"type":"null"}]}"#,
             new: #"{"type":["string","null"],"enum":["a","b",null]}"#),
        Pair(name: "nullable enum: anyOf vs enum with null alone", old: #"{"anyOf":[{"enum":["a","b"]},{"type":"null"}]}"#, new: #"{"enum":["a","b",null]}"#),
        Pair(name: "Optional[Model] through $ref vs inline nullable object",
             old: ##"{"type":"object","properties":{"m":{"anyOf":[{"$ref":"#/$defs/M"},{"type":"null"}]}},"$defs":{"M":{"type":"object","properties":{"x":{"type":"integer"}},"required":["x"]}}}"##,
             new: #"{"type":"object","properties":{"m":{"type":["object","null"],"properties":{"x":{"type":"integer"}},"required":["x"]}}}"#),
        Pair(name: "pydantic v2 Optional[Enum] through $ref vs inline nullable enum",
             old: ##"{"type":"object","properties":{"c":{"anyOf":[{"$ref":"#/$defs/Color"},{"type":"null"}]}},"$defs":{"Color":{"enum":["r","g"],"type":"string"}}}"##,
             new: #"{"type":"object","properties":{"c":{"type":["string","null"],"enum":["r","g",null]}}}"#),
        Pair(name: "reordered anyOf branches", old: #"{"anyOf":[{"type":"null"},{"type":"string","minLength":1},{"type":"array"}]}"#,
             new: #"{"anyOf":[{"type":"array"},{"type":"string","minLength":1},{"type":"null"}]}"#),
        Pair(name: "plain union vs discriminated union (anyOf vs oneOf of tagged branches)",
             old: ##"{"anyOf":[{"$ref":"#/$defs/Cat"},{"$ref":"#/$defs/Dog"}],"$defs":{"Cat":{"type":"object","properties":{"kind":{"const":"cat"},"lives":{"type":"integer"}},"required":["kind"]},"Dog":{"type":"object","properties":{"kind":{"const":"dog"},"good":{"type":"boolean"}},"required":["kind"]}}}"##,
             new: ##"{"oneOf":[{"$ref":"#/$defs/Cat"},{"$ref":"#/$defs/Dog"}],"$defs":{"Cat":{"type":"object","properties":{"kind":{"const":"cat"},"lives":{"type":"integer"}},"required":["kind"]},"Dog":{"type":"object","properties":{"kind":{"const":"dog"},"good":{"type":"boolean"}},"required":["kind"]}}}"##),
        Pair(name: "oneOf vs anyOf of disjoint types", old: #"{"oneOf":[{"type":"string"},{"type":"object","properties":{"a":{}}}]}"#,
             new: #"{"anyOf":[{"type":"string"},{"type":"object","properties":{"a":{}}}]}"#),
        Pair(name: "nullable type list vs anyOf of every single type", old: #"{"type":["string","integer","null"]}"#,
             new: #"{"anyOf":[{"type":"string"},{"type":"integer"},{"type":"null"}]}"#),

        // references
        Pair(name: "$ref into $defs vs inline", old: ##"{"type":"object","properties":{"a":{"$ref":"#/$defs/Limit"}},"$defs":{"Limit":{"type":"integer","maximum":10}}}"##,
             new: #"{"type":"object","properties":{"a":{"type":"integer","maximum":10}}}"#),
        Pair(name: "root $ref vs inline root", old: ##"{"$ref":"#/$defs/Args","$defs":{"Args":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}}}"##,
             new: #"{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}"#),
        Pair(name: "definitions renamed to $defs", old: ##"{"type":"object","properties":{"a":{"$ref":"#/definitions/A"}},"definitions":{"A":{"type":"string"}}}"##,
             new: ##"{"type":"object","properties":{"a":{"$ref":"#/$defs/A"}},"$defs":{"A":{"type":"string"}}}"##),
        Pair(name: "definition renamed", old: ##"{"type":"object","properties":{"a":{"$ref":"#/$defs/A"}},"$defs":{"A":{"type":"string","minLength":2}}}"##,
             new: ##"{"type":"object","properties":{"a":{"$ref":"#/$defs/ArgA"}},"$defs":{"ArgA":{"type":"string","minLength":2}}}"##),
        Pair(name: "chain of references vs inline", old: ##"{"$defs":{"A":{"$ref":"#/$defs/B"},"B":{"type":"integer","minimum":0}},"type":"object","properties":{"n":{"$ref":"#/$defs/A"}}}"##,
             new: #"{"type":"object","properties":{"n":{"type":"integer","minimum":0}}}"#),
        Pair(name: "zod-to-json-schema reuse ($ref into properties) vs inline",
             old: ##"{"type":"object","properties":{"from":{"type":"string","format":"date"},"to":{"$ref":"#/properties/from"}}}"##,
             new: #"{"type":"object","properties":{"from":{"type":"string","format":"date"},"to":{"type":"string","format":"date"}}}"#),
        Pair(name: "$ref with a description beside it vs inline with the description",
             old: ##"{"type":"object","properties":{"a":{"$ref":"#/$defs/A","description":"the a"}},"$defs":{"A":{"type":"string"}}}"##,
             new: #"{"type":"object","properties":{"a":{"type":"string","description":"the a"}}}"#),
        Pair(name: "recursive definition renamed",
             old: ##"{"$ref":"#/$defs/Node","$defs":{"Node":{"type":"object","properties":{"v":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#/$defs/Node"}}},"required":["v"]}}}"##,
             new: ##"{"$ref":"#/$defs/TreeNode","$defs":{"TreeNode":{"type":"object","properties":{"v":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#/$defs/TreeNode"}}},"required":["v"]}}}"##),
        Pair(name: "recursive definition vs root recursion",
             old: ##"{"$ref":"#/$defs/Node","$defs":{"Node":{"type":"object","properties":{"kids":{"type":"array","items":{"$ref":"#/$defs/Node"}}}}}}"##,
             new: ##"{"type":"object","properties":{"kids":{"type":"array","items":{"$ref":"#"}}}}"##),
        Pair(name: "format moved into a $ref",
             old: ##"{"type":"object","properties":{"when":{"$ref":"#/$defs/Day","format":"date"}},"$defs":{"Day":{"type":"string"}}}"##,
             new: ##"{"type":"object","properties":{"when":{"$ref":"#/$defs/Day"}},"$defs":{"Day":{"type":"string","format":"date"}}}"##),
        Pair(name: "format moved out of a $ref to an inline schema",
             old: ##"{"type":"object","properties":{"when":{"$ref":"#/$defs/Day"}},"$defs":{"Day":{"type":"string","format":"date"}}}"##,
             new: #"{"type":"object","properties":{"when":{"type":"string","format":"date"}}}"#),

        // integer bounds
        Pair(name: "integer exclusiveMinimum 0 vs minimum 1", old: #"{"type":"integer","exclusiveMinimum":0}"#, new: #"{"type":"integer","minimum":1}"#),
        Pair(name: "integer exclusiveMaximum 10 vs maximum 9", old: #"{"type":"integer","exclusiveMaximum":10}"#, new: #"{"type":"integer","maximum":9}"#),
        Pair(name: "integer minimum 0.5 vs minimum 1", old: #"{"type":"integer","minimum":0.5}"#, new: #"{"type":"integer","minimum":1}"#),
        Pair(name: "integer maximum 9.5 vs exclusiveMaximum 10", old: #"{"type":"integer","maximum":9.5}"#, new: #"{"type":"integer","exclusiveMaximum":10}"#),
        Pair(name: "integer exclusiveMinimum 0.5 vs minimum 1", old: #"{"type":"integer","exclusiveMinimum":0.5}"#, new: #"{"type":"integer","minimum":1}"#),
        Pair(name: "draft-04 exclusive integer bound vs inclusive", old: #"{"type":"integer","minimum":0,"exclusiveMinimum":true}"#, new: #"{"type":"integer","minimum":1}"#),
        Pair(name: "nullable integer bounds", old: #"{"type":["integer","null"],"exclusiveMinimum":0,"exclusiveMaximum":100}"#, new: #"{"type":["integer","null"],"minimum":1,"maximum":99}"#),
        Pair(name: "pydantic gt=0 vs ge=1 on an integer property",
             old: #"{"type":"object","properties":{"n":{"type":"integer","exclusiveMinimum":0,"title":"N"}},"required":["n"]}"#,
             new: #"{"type":"object","properties":{"n":{"type":"integer","minimum":1,"title":"N"}},"required":["n"]}"#),
        Pair(name: "integer bounds behind a $ref", old: ##"{"$defs":{"P":{"type":"integer","exclusiveMinimum":0}},"type":"object","properties":{"p":{"$ref":"#/$defs/P"}}}"##,
             new: #"{"type":"object","properties":{"p":{"type":"integer","minimum":1}}}"#),

        // allOf with one member
        Pair(name: "allOf with one member vs the member", old: #"{"allOf":[{"type":"string","maxLength":3}]}"#, new: #"{"type":"string","maxLength":3}"#),
        Pair(name: "pydantic v1 allOf wrapper vs $ref with siblings",
             old: ##"{"type":"object","properties":{"c":{"allOf":[{"$ref":"#/definitions/Color"}],"description":"pick"}},"definitions":{"Color":{"enum":["r","g"],"type":"string"}}}"##,
             new: ##"{"type":"object","properties":{"c":{"$ref":"#/$defs/Color","description":"pick"}},"$defs":{"Color":{"enum":["r","g"],"type":"string"}}}"##),
        Pair(name: "allOf with one member in both, one of them a $ref",
             old: ##"{"allOf":[{"$ref":"#/$defs/S"}],"$defs":{"S":{"type":"string"}}}"##, new: #"{"allOf":[{"type":"string"}]}"#),

        // array items
        Pair(name: "items {} vs absent", old: #"{"type":"array","items":{}}"#, new: #"{"type":"array"}"#),
        Pair(name: "items true vs absent", old: #"{"type":"array","items":true}"#, new: #"{"type":"array"}"#),
        Pair(name: "items {} vs items true", old: #"{"type":"array","items":{}}"#, new: #"{"type":"array","items":true}"#),
        Pair(name: "additionalProperties true vs absent", old: #"{"type":"object","additionalProperties":true}"#, new: #"{"type":"object"}"#),
        Pair(name: "additionalProperties {} vs absent", old: #"{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{}}"#,
             new: #"{"type":"object","properties":{"a":{"type":"string"}}}"#),

        // reordered arrays and empty keywords
        Pair(name: "reordered required", old: #"{"type":"object","properties":{"a":{},"b":{}},"required":["a","b"]}"#,
             new: #"{"type":"object","properties":{"a":{},"b":{}},"required":["b","a"]}"#),
        Pair(name: "reordered enum", old: #"{"enum":["x","y","z"]}"#, new: #"{"enum":["z","x","y"]}"#),
        Pair(name: "reordered type", old: #"{"type":["null","string"]}"#, new: #"{"type":["string","null"]}"#),
        Pair(name: "required [] vs absent", old: #"{"type":"object","properties":{"a":{}},"required":[]}"#, new: #"{"type":"object","properties":{"a":{}}}"#),
        Pair(name: "properties {} vs absent", old: #"{"type":"object","properties":{}}"#, new: #"{"type":"object"}"#),
        Pair(name: "enum with and without its implied type", old: #"{"enum":["a","b"]}"#, new: #"{"type":"string","enum":["a","b"]}"#),
        Pair(name: "duplicate required name", old: #"{"type":"object","properties":{"a":{}},"required":["a","a"]}"#, new: #"{"type":"object","properties":{"a":{}},"required":["a"]}"#),
        Pair(name: "minLength 0 and uniqueItems false vs absent", old: #"{"type":"object","properties":{"s":{"type":"string","minLength":0},"l":{"type":"array","uniqueItems":false,"minItems":0}}}"#,
             new: #"{"type":"object","properties":{"s":{"type":"string"},"l":{"type":"array"}}}"#),

        // dialects
        Pair(name: "TypeScript SDK draft-07 $schema vs 2020-12 (same keywords)",
             old: #"{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}"#,
             new: #"{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}"#),
        Pair(name: "draft-07 $schema dropped (MCP's default 2020-12), same keywords",
             old: #"{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"n":{"type":"integer","exclusiveMinimum":0}}}"#,
             new: #"{"type":"object","properties":{"n":{"type":"integer","exclusiveMinimum":0}}}"#),
    ]

    @Test(arguments: pairs)
    func equivalentPairCompareAsNoChange(_ pair: Pair) throws {
        for direction in SchemaDirection.allCases {
            for (old, new) in [(pair.old, pair.new), (pair.new, pair.old)] {
                let found = try SchemaTesting.compare(old, new, direction: direction)
                #expect(found.isEmpty, "\(direction) \(old) → \(new): \(found.map { "\($0.ruleID) \($0.pointer): \($0.message)" })")
            }
        }
    }

    // MARK: - Not equivalent, though written alike

    private func rules(_ old: String, _ new: String, _ direction: SchemaDirection) throws -> [String] {
        try SchemaTesting.compare(old, new, direction: direction).map { "\($0.ruleID) \($0.severity)" }
    }

    @Test("pydantic v1 Optional (not required, no null) → v2 (null admitted) widens: fine for inputs, breaking for outputs")
    func pydanticOptionalMigrationIsAWidening() throws {
        let v1 = #"{"type":"object","properties":{"note":{"type":"string","title":"Note"}}}"#
        let v2 = #"{"type":"object","properties":{"note":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Note"}}}"#
        let input = try rules(v1, v2, .input), output = try rules(v1, v2, .output)
        #expect(input.contains("input-type-widened nonBreaking"), "\(input)")
        #expect(!input.contains { $0.hasSuffix(" breaking") }, "\(input)")
        #expect(output.contains("output-type-widened breaking"), "\(output)")
    }

    @Test("OpenAPI `nullable: true` is no JSON Schema keyword (type with null widens); zod 4's safe-integer bounds are bounds")
    func openAPINullableIsNotNull() throws {
        let openAPI = #"{"type":"string","nullable":true}"#
        let jsonSchema = #"{"type":["string","null"]}"#
        let found = try rules(openAPI, jsonSchema, .output)
        #expect(found.contains("output-type-widened breaking") && found.contains("output-change-undecidable potentiallyBreaking"), "\(found)")
        let zod4Integer = try rules(#"{"type":"integer"}"#, #"{"type":"integer","minimum":-9007199254740991,"maximum":9007199254740991}"#, .input)
        #expect(zod4Integer.sorted() == ["input-lower-bound-tightened breaking", "input-upper-bound-tightened breaking"], "\(zod4Integer)")
    }

    @Test("integer bounds that admit different integers still differ; number bounds keep exclusivity")
    func boundsThatDiffer() throws {
        let loosened = try rules(#"{"type":"integer","exclusiveMinimum":0}"#, #"{"type":"integer","minimum":0}"#, .input)
        #expect(loosened == ["input-lower-bound-loosened nonBreaking"], "\(loosened)")
        #expect(try rules(#"{"type":"integer","minimum":0.5}"#, #"{"type":"integer","minimum":2}"#, .input) == ["input-lower-bound-tightened breaking"])
        #expect(try rules(#"{"type":"number","exclusiveMinimum":0}"#, #"{"type":"number","minimum":1}"#, .input) == ["input-lower-bound-tightened breaking"])
        #expect(try rules(#"{"type":["integer","number"],"exclusiveMinimum":0}"#, #"{"type":"number","minimum":1}"#, .input) == ["input-lower-bound-tightened breaking"])
    }

    @Test("a dialect change is still potentially breaking where the two dialects read a keyword differently")
    func dialectThatMatters() throws {
        let draft07 = #"{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","items":[{"type":"string"}]}"#
        let draft2020 = #"{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"array","items":[{"type":"string"}]}"#
        let found = try rules(draft07, draft2020, .input)
        #expect(found.contains("input-schema-dialect-changed potentiallyBreaking"), "\(found)")
    }

    @Test("an overlapping oneOf is not a type list or an anyOf: a value matching both branches is rejected")
    func overlappingOneOfIsNotAnyOf() throws {
        let oneOf = #"{"oneOf":[{"type":"number"},{"type":"integer"}]}"#
        let typeList = #"{"type":["number","integer"]}"#
        let anyOf = #"{"anyOf":[{"type":"number"},{"type":"integer"}]}"#
        #expect(try SchemaTesting.compare(oneOf, typeList, direction: .output).contains { $0.severity >= .potentiallyBreaking })
        #expect(try SchemaTesting.compare(oneOf, anyOf, direction: .output).contains { $0.severity >= .potentiallyBreaking })
        // Tags decide only among objects: a string matches both untyped branches.
        let untyped = #"{"oneOf":[{"properties":{"k":{"const":"a"}},"required":["k"]},{"properties":{"k":{"const":"b"}},"required":["k"]}]}"#
        #expect(try SchemaTesting.compare(untyped, untyped.replacingOccurrences(of: "oneOf", with: "anyOf"), direction: .output)
            .contains { $0.severity >= .potentiallyBreaking })
        let untagged = #"{"oneOf":[{"type":"object","properties":{"a":{}}},{"type":"object","properties":{"b":{}}}]}"#
        #expect(try SchemaTesting.compare(untagged, untagged.replacingOccurrences(of: "oneOf", with: "anyOf"), direction: .output)
            .contains { $0.severity >= .potentiallyBreaking })
    }
}

/// Real pydantic 2 output against the same arguments as zod-to-json-schema spells them
/// (Tests/Fixtures/equivalence): only titles differ, so nothing above a patch is reported.
@Suite("Schema equivalence across generators")
struct GeneratorEquivalenceTests {
    static func fixture(_ name: String) throws -> JSONValue {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        let data = try Data(contentsOf: url.appendingPathComponent("Fixtures/equivalence/\(name)"))
        return try JSONValue(parsing: String(decoding: data, as: UTF8.self))
    }

    @Test func pydanticAndZodSpellingsOfOneToolCompareAsTextOnly() throws {
        let pydantic = try Self.fixture("pydantic-2.json"), zod = try Self.fixture("zod-style.json")
        for direction in SchemaDirection.allCases {
            for (old, new) in [(pydantic, zod), (zod, pydantic)] {
                let findings = SchemaComparator(direction: direction, options: ComparisonOptions(today: "2026-01-01"))
                    .compare(old: old, new: new, schemaPointer: SchemaTesting.pointer, kind: .tool, name: "t")
                let beyondText = findings.filter { $0.severity != .nonBreaking || $0.effectiveSemver != .patch }
                #expect(beyondText.isEmpty, "\(direction): \(beyondText.map { "\($0.ruleID) \($0.pointer): \($0.message)" })")
                // The titles pydantic writes are the one real difference.
                #expect(findings.contains { $0.pointer.description.hasSuffix("/title") }, "\(direction)")
            }
        }
    }
}
