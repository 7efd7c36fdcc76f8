import AccordEvolution
import AccordJSON
import Foundation
import Testing

/// Behaviour of the schema comparison beyond single rules: references, recursion, branch
/// matching, normalization, pointers, messages and order.
@Suite("Schema comparator")
struct SchemaComparatorTests {
    private func findings(_ old: String, _ new: String, _ direction: SchemaDirection = .input) throws -> [Finding] {
        try SchemaTesting.compare(old, new, direction: direction)
    }

    private func summary(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.ruleID) \($0.pointer)" }
    }

    // MARK: - Identity

    @Test("key order and number spelling make no difference")
    func reorderingGivesNothing() throws {
        let old = #"{"type":"object","properties":{"limit":{"type":"integer","maximum":1.0,"minimum":0},"q":{"type":"string"}},"required":["q"]}"#
        let new = #"{"required":["q"],"properties":{"q":{"type":"string"},"limit":{"minimum":0.0,"maximum":1,"type":"integer"}},"type":"object"}"#
        for direction in SchemaDirection.allCases {
            #expect(try findings(old, new, direction).isEmpty)
        }
    }

    @Test("boolean schemas: true equals {}, false equals false")
    func booleanSchemas() throws {
        #expect(try findings("true", "{}").isEmpty)
        #expect(try findings(#"{"type":"object","properties":{"a":true}}"#, #"{"type":"object","properties":{"a":{}}}"#).isEmpty)
        #expect(try findings("false", "false").isEmpty)
        #expect(try summary(findings("true", "false")) == ["input-type-narrowed /tools/t/schema"])
        #expect(try summary(findings("false", #"{"type":"string"}"#)) == ["input-type-widened /tools/t/schema"])
    }

    @Test("a $ref and the schema it names inline are the same")
    func referenceEqualsInline() throws {
        let old = ##"{"type":"object","properties":{"a":{"$ref":"#/$defs/Limit"}},"$defs":{"Limit":{"type":"integer","maximum":10}}}"##
        let new = #"{"type":"object","properties":{"a":{"type":"integer","maximum":10}}}"#
        #expect(try findings(old, new).isEmpty)
        #expect(try findings(new, old).isEmpty)
    }

    @Test("an explicit 2020-12 $schema is the default dialect; another dialect is a change")
    func defaultDialect() throws {
        #expect(try findings(#"{"type":"string"}"#, #"{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string"}"#).isEmpty)
        #expect(try summary(findings(#"{"type":"string"}"#, #"{"$schema":"http://json-schema.org/draft-04/schema#","type":"string"}"#))
            == ["input-schema-dialect-changed /tools/t/schema/$schema"])
        // Draft-07 reads a plain `type` as 2020-12 does (SchemaEquivalenceTests has more).
        #expect(try findings(#"{"type":"string"}"#, #"{"$schema":"http://json-schema.org/draft-07/schema#","type":"string"}"#).isEmpty)
    }

    @Test("draft-04 and 2020-12 spellings of one exclusive bound are the same")
    func exclusiveBoundSpellings() throws {
        #expect(try findings(#"{"type":"number","maximum":10,"exclusiveMaximum":true}"#, #"{"type":"number","exclusiveMaximum":10}"#).isEmpty)
    }

    @Test("Optional[X] written as anyOf with null equals type with null")
    func nullableSpellings() throws {
        let anyOf = #"{"anyOf":[{"type":"string","maxLength":5},{"type":"null"}],"default":null}"#
        let typeList = #"{"type":["string","null"],"maxLength":5,"default":null}"#
        #expect(try findings(anyOf, typeList).isEmpty)
        #expect(try findings(typeList, anyOf).isEmpty)
    }

    @Test("an allOf wrapping a $ref (Pydantic v1) equals the $ref with siblings")
    func allOfWrapperFlattens() throws {
        let wrapped = ##"{"type":"object","properties":{"shape":{"allOf":[{"$ref":"#/definitions/Shape"}],"description":"the shape"}},"definitions":{"Shape":{"type":"object","properties":{"r":{"type":"number"}}}}}"##
        let direct = ##"{"type":"object","properties":{"shape":{"$ref":"#/$defs/Shape","description":"the shape"}},"$defs":{"Shape":{"type":"object","properties":{"r":{"type":"number"}}}}}"##
        #expect(try findings(wrapped, direct).isEmpty)
        let described = direct.replacingOccurrences(of: "the shape", with: "a shape")
        #expect(try summary(findings(wrapped, described)) == ["input-annotation-changed /tools/t/schema/properties/shape/description"])
    }

    // MARK: - Pointers and messages

    @Test("a nested change points at the deepest location and names the property path")
    func nestedPointer() throws {
        let old = #"{"type":"object","properties":{"filters":{"type":"object","properties":{"range":{"type":"object","properties":{"max":{"type":"integer","maximum":100}}}}}}}"#
        let new = old.replacingOccurrences(of: "100", with: "50")
        let found = try findings(old, new)
        #expect(found.count == 1)
        #expect(found.first?.pointer.description == "/tools/t/schema/properties/filters/properties/range/properties/max/maximum")
        #expect(found.first?.message == "input property `filters.range.max`: maximum lowered from 100 to 50")
        #expect(found.first?.oldValue == 100)
        #expect(found.first?.newValue == 50)
        #expect(found.first?.objectName == "t")
        #expect(found.first?.objectKind == .tool)
    }

    @Test("array elements and tuple positions read as [] and [i]")
    func arrayLabels() throws {
        let found = try findings(#"{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"}}}}"#,
                                 #"{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"}}}}"#, .output)
        #expect(found.map(\.message) == ["output schema `[].id`: type changed from string to integer"])
        #expect(found.first?.pointer.description == "/tools/t/schema/items/properties/id/type")
    }

    @Test("findings are sorted by pointer, then rule id")
    func deterministicOrder() throws {
        let old = #"{"type":"object","properties":{"b":{"type":"string"},"a":{"type":"integer","maximum":5,"minimum":1}},"required":["b"]}"#
        let new = #"{"type":"object","properties":{"a":{"type":"number","maximum":4,"minimum":2},"c":{"type":"string"}},"required":["c"]}"#
        let found = try findings(old, new)
        let order = found.map { ($0.pointer, $0.ruleID) }
        #expect(order.map { "\($0.1) \($0.0)" } == order.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map { "\($0.1) \($0.0)" })
        #expect(summary(found) == [
            "input-upper-bound-tightened /tools/t/schema/properties/a/maximum",
            "input-lower-bound-tightened /tools/t/schema/properties/a/minimum",
            "input-type-widened /tools/t/schema/properties/a/type",
            "input-property-removed-open /tools/t/schema/properties/b",
            "input-property-added-required /tools/t/schema/properties/c",
        ])
        #expect(try findings(old, new) == found)
    }

    // MARK: - Branch matching

    @Test("a changed anyOf branch is reported inside it, wherever it moved")
    func anyOfBranchChangeInside() throws {
        let old = #"{"anyOf":[{"type":"string","maxLength":10},{"type":"integer"}]}"#
        let same = #"{"anyOf":[{"type":"string","maxLength":5},{"type":"integer"}]}"#
        let moved = #"{"anyOf":[{"type":"integer"},{"type":"string","maxLength":5}]}"#
        #expect(try summary(findings(old, same)) == ["input-upper-bound-tightened /tools/t/schema/anyOf/0/maxLength"])
        #expect(try summary(findings(old, moved)) == ["input-upper-bound-tightened /tools/t/schema/anyOf/1/maxLength"])
        #expect(try findings(old, moved).first?.message == "input schema `anyOf[1]`: maxLength lowered from 10 to 5")
    }

    @Test("object branches pair by their properties, tagged branches by their tag")
    func objectBranchesPair() throws {
        let old = #"""
        {"oneOf":[
          {"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number"}},"required":["kind","r"]},
          {"type":"object","properties":{"kind":{"const":"square"},"side":{"type":"number"}},"required":["kind","side"]}]}
        """#
        let new = #"""
        {"oneOf":[
          {"type":"object","properties":{"kind":{"const":"square"},"side":{"type":"number","minimum":0}},"required":["kind","side"]},
          {"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number"}},"required":["kind","r"]},
          {"type":"object","properties":{"kind":{"const":"line"},"length":{"type":"number"}},"required":["kind","length"]}]}
        """#
        #expect(try summary(findings(old, new)) == [
            "input-lower-bound-tightened /tools/t/schema/oneOf/0/properties/side/minimum",
            "input-one-of-branch-added /tools/t/schema/oneOf/2",
        ])
    }

    @Test("a replaced branch of another type is removed and added, not compared")
    func unrelatedBranchesDoNotPair() throws {
        let found = try findings(#"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#, #"{"anyOf":[{"type":"string"},{"type":"boolean"}]}"#)
        #expect(summary(found) == ["input-any-of-branch-removed /tools/t/schema/anyOf/1", "input-any-of-branch-added /tools/t/schema/anyOf/1"].sorted())
    }

    @Test("a plain schema that became a oneOf pairs with its branch; its pointers name the real side")
    func liftedIntoCombinator() throws {
        #expect(try summary(findings(#"{"type":"string"}"#, #"{"oneOf":[{"type":"integer"},{"type":"string","maxLength":3}]}"#)) == [
            "input-one-of-branch-added /tools/t/schema/oneOf/0",
            "input-upper-bound-tightened /tools/t/schema/oneOf/1/maxLength",
        ])
        #expect(try summary(findings(#"{"anyOf":[{"type":"integer"},{"type":"string","maxLength":3}]}"#, #"{"type":"string"}"#)) == [
            "input-any-of-branch-removed /tools/t/schema/anyOf/0",
            "input-upper-bound-loosened /tools/t/schema/anyOf/1/maxLength",
        ])
    }

    @Test("inside not, findings say why their severity is reversed")
    func negationHint() throws {
        let found = try findings(#"{"not":{"type":"object","required":["a"]}}"#, #"{"not":{"type":"object","required":["a","b"]}}"#)
        #expect(summary(found) == ["input-property-became-required /tools/t/schema/not/properties/b"])
        #expect(found.first?.severity == .nonBreaking)
        #expect(found.first?.hint?.contains("inside `not`") == true)
    }

    @Test("oneOf branches that may overlap make branch changes potentially breaking both ways")
    func overlappingOneOf() throws {
        // Integers 1…120 matched both branches and were rejected; without the second branch
        // they are returned: a widening, though a branch was removed.
        let old = #"{"oneOf":[{"type":"integer","minimum":1,"maximum":120},{"type":"integer"}]}"#
        let removed = try findings(old, #"{"type":"integer","minimum":1,"maximum":120}"#, .output)
        #expect(summary(removed) == ["output-branch-removed /tools/t/schema/oneOf/1"])
        #expect(removed.first?.severity == .potentiallyBreaking)
        let narrowed = try findings(old, #"{"oneOf":[{"type":"integer","minimum":1,"maximum":100},{"type":"integer"}]}"#, .output)
        #expect(summary(narrowed) == ["output-constraint-tightened /tools/t/schema/oneOf/0/maximum"])
        #expect(narrowed.first?.severity == .potentiallyBreaking)
        // Branches of different types cannot overlap: the rules apply as written.
        let disjoint = try findings(#"{"oneOf":[{"type":"string"},{"type":"integer"}]}"#, #"{"oneOf":[{"type":"string"}]}"#, .output)
        #expect(disjoint.map(\.severity) == [.nonBreaking])
    }

    @Test("a required property a closed object did not list accepted nothing before it was listed")
    func requiredButUnlistedInClosedObject() throws {
        let old = #"{"type":"object","properties":{},"required":["id"],"additionalProperties":false}"#
        let new = #"{"type":"object","properties":{"id":{"type":"string"}},"required":["id"],"additionalProperties":false}"#
        #expect(try summary(findings(old, new, .output)) == ["output-type-widened /tools/t/schema/properties/id"])
        #expect(try summary(findings(new, old, .input)) == ["input-type-narrowed /tools/t/schema/properties/id"])
    }

    // MARK: - References

    @Test("a changed $defs entry is reported at every location that references it")
    func definitionChangeAtReferences() throws {
        let old = ##"{"type":"object","properties":{"from":{"$ref":"#/$defs/Day"},"to":{"$ref":"#/$defs/Day"}},"$defs":{"Day":{"type":"integer","minimum":1,"maximum":31}}}"##
        let new = old.replacingOccurrences(of: "31", with: "30")
        let found = try findings(old, new)
        #expect(summary(found) == [
            "input-upper-bound-tightened /tools/t/schema/properties/from/maximum",
            "input-upper-bound-tightened /tools/t/schema/properties/to/maximum",
        ])
        #expect(found.map(\.message) == [
            "input property `from`: maximum lowered from 31 to 30",
            "input property `to`: maximum lowered from 31 to 30",
        ])
    }

    @Test("recursive schemas terminate and report a change once, where it first appears")
    func recursiveReferencesTerminate() throws {
        let tree = ##"{"$ref":"#/$defs/Node","$defs":{"Node":{"type":"object","properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#/$defs/Node"}}}}}}"##
        let changed = tree.replacingOccurrences(of: #""value":{"type":"integer"}"#, with: #""value":{"type":"number"}"#)
        #expect(try summary(findings(tree, changed)) == ["input-type-widened /tools/t/schema/properties/value/type"])

        let selfReference = ##"{"type":"object","properties":{"name":{"type":"string"},"next":{"$ref":"#"}}}"##
        let selfChanged = selfReference.replacingOccurrences(of: #""type":"string""#, with: #""type":"string","minLength":1"#)
        #expect(try summary(findings(selfReference, selfChanged)) == ["input-lower-bound-tightened /tools/t/schema/properties/name/minLength"])

        // Pydantic's Optional[Node]: recursion through the nullable anyOf.
        let linked = ##"{"$ref":"#/$defs/Item","$defs":{"Item":{"type":"object","properties":{"id":{"type":"string"},"next":{"anyOf":[{"$ref":"#/$defs/Item"},{"type":"null"}],"default":null}},"required":["id"]}}}"##
        let linkedChanged = linked.replacingOccurrences(of: #""required":["id"]"#, with: #""required":["id","next"]"#)
        #expect(try summary(findings(linked, linkedChanged)) == ["input-property-became-required /tools/t/schema/properties/next"])

        // Mutual recursion, and a side that inlines one level of it.
        let mutual = ##"{"$ref":"#/$defs/A","$defs":{"A":{"type":"object","properties":{"b":{"$ref":"#/$defs/B"}}},"B":{"type":"object","properties":{"a":{"$ref":"#/$defs/A"},"n":{"type":"integer"}}}}}"##
        let mutualChanged = mutual.replacingOccurrences(of: #""n":{"type":"integer"}"#, with: #""n":{"type":"integer","maximum":3}"#)
        #expect(try summary(findings(mutual, mutualChanged)) == ["input-upper-bound-tightened /tools/t/schema/properties/b/properties/n/maximum"])
        #expect(try findings(mutual, mutual.replacingOccurrences(of: "\"A\"", with: "\"A\"")).isEmpty)
    }

    @Test("references that fan out exponentially stop with an undecidable finding")
    func exponentialFanOutStops() throws {
        var definitions: [String] = []
        for level in 0..<20 {
            definitions.append(##""D\##(level)":{"type":"object","properties":{"a":{"$ref":"#/$defs/D\##(level + 1)"},"b":{"$ref":"#/$defs/D\##(level + 1)"}}}"##)
        }
        let old = ##"{"$ref":"#/$defs/D0","$defs":{"##  + definitions.joined(separator: ",") + #","D20":{"type":"string"}}}"#
        let new = old.replacingOccurrences(of: #""D20":{"type":"string"}"#, with: #""D20":{"type":"integer"}"#)
        let found = try findings(old, new)
        #expect(found.count <= 10_001)
        #expect(found.contains { $0.ruleID == "input-change-undecidable" && $0.pointer.description == "/tools/t/schema" })
    }

    @Test("a local $ref that leads nowhere is undecidable, named in the hint")
    func missingReference() throws {
        let found = try findings(##"{"type":"object","properties":{"a":{"$ref":"#/$defs/A"}},"$defs":{"A":{"type":"string"}}}"##,
                                 ##"{"type":"object","properties":{"a":{"$ref":"#/$defs/Gone"}}}"##)
        #expect(summary(found) == ["input-change-undecidable /tools/t/schema/properties/a/$ref"])
        #expect(found.first?.hint?.contains("#/$defs/Gone") == true)
    }

    @Test("an unchanged external $ref is not a change")
    func sameExternalReference() throws {
        let schema = #"{"type":"object","properties":{"a":{"$ref":"https://example.com/a.json","description":"x"}}}"#
        let described = schema.replacingOccurrences(of: #""x""#, with: #""y""#)
        #expect(try summary(findings(schema, described)) == ["input-annotation-changed /tools/t/schema/properties/a/description"])
    }

    @Test("anchors and $id-relative references resolve")
    func anchorsResolve() throws {
        let anchored = ##"{"type":"object","properties":{"a":{"$ref":"#limit"}},"$defs":{"L":{"$anchor":"limit","type":"integer","maximum":9}}}"##
        let inline = #"{"type":"object","properties":{"a":{"type":"integer","maximum":9}}}"#
        #expect(try findings(anchored, inline).count == 1) // only the $anchor annotation is gone
        let identified = ##"{"$id":"https://example.com/root.json","type":"object","properties":{"a":{"$ref":"limit.json"}},"$defs":{"L":{"$id":"limit.json","type":"integer","maximum":9}}}"##
        let identifiedInline = #"{"$id":"https://example.com/root.json","type":"object","properties":{"a":{"$id":"limit.json","type":"integer","maximum":9}}}"#
        #expect(try findings(identified, identifiedInline).isEmpty)
        let escaped = ##"{"type":"object","properties":{"a":{"$ref":"#/$defs/a~1b%20c"}},"$defs":{"a/b c":{"type":"integer","maximum":9}}}"##
        #expect(try findings(escaped, inline).isEmpty)
    }

    // MARK: - Depth

    @Test("very deep nesting stops with an undecidable finding instead of overflowing")
    func deepNesting() throws {
        func nested(_ depth: Int, leaf: String) -> String {
            var text = leaf
            for _ in 0..<depth { text = #"{"type":"object","properties":{"x":"# + text + "}}" }
            return text
        }
        let found = try findings(nested(150, leaf: #"{"type":"string"}"#), nested(150, leaf: #"{"type":"integer"}"#))
        #expect(summary(found).count == 1)
        #expect(found.first?.ruleID == "input-change-undecidable")
    }
}
