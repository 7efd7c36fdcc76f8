import AccordJSON
import Testing

import AccordEvolution

/// One row per rule of the inputSchema and outputSchema tables: a minimal old/new schema pair,
/// and what it must give read as an input schema and as an output schema (the mirror).
struct SchemaRuleCase: Sendable, CustomTestStringConvertible {
    struct Expected: Sendable {
        var rule: String
        var severity: Severity
        var direction: Direction
        /// Below the schema root.
        var pointer: String
    }

    var name: String
    var old: String
    var new: String
    var input: Expected?
    var output: Expected?
    var strictContentModel = false
    /// The expected finding is the only one.
    var alone = true

    var testDescription: String { name }

    init(_ name: String, _ old: String, _ new: String, input: Expected?, output: Expected?, strictContentModel: Bool = false, alone: Bool = true) {
        self.name = name
        self.old = old
        self.new = new
        self.input = input
        self.output = output
        self.strictContentModel = strictContentModel
        self.alone = alone
    }
}

private func B(_ rule: String, _ pointer: String) -> SchemaRuleCase.Expected { expected(rule, .breaking, pointer) }
private func P(_ rule: String, _ pointer: String) -> SchemaRuleCase.Expected { expected(rule, .potentiallyBreaking, pointer) }
private func N(_ rule: String, _ pointer: String) -> SchemaRuleCase.Expected { expected(rule, .nonBreaking, pointer) }

private func expected(_ rule: String, _ severity: Severity, _ pointer: String) -> SchemaRuleCase.Expected {
    // Text and metadata rules are reported in the metadata direction; the rest in their schema's.
    let direction: Direction = rule.hasSuffix("-annotation-changed") ? .metadata : rule.hasPrefix("input-") ? .input : .output
    return SchemaRuleCase.Expected(rule: rule, severity: severity, direction: direction, pointer: pointer)
}

let schemaRuleCases: [SchemaRuleCase] = [
    // Properties
    SchemaRuleCase("optional property added",
                   #"{"type":"object","properties":{"a":{"type":"string"}}}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}}}"#,
                   input: N("input-property-added-optional", "/properties/b"), output: N("output-property-added", "/properties/b")),
    SchemaRuleCase("optional property added to an open object under strict-content-model",
                   #"{"type":"object","properties":{"a":{"type":"string"}}}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}}}"#,
                   input: P("input-property-added-optional", "/properties/b"), output: N("output-property-added", "/properties/b"), strictContentModel: true),
    SchemaRuleCase("optional property added to a closed object under strict-content-model",
                   #"{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}},"additionalProperties":false}"#,
                   input: N("input-property-added-optional", "/properties/b"), output: P("output-property-added-to-closed", "/properties/b"), strictContentModel: true),
    SchemaRuleCase("required property added, even with a default",
                   #"{"type":"object","properties":{"a":{"type":"string"}}}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer","default":1}},"required":["b"]}"#,
                   input: B("input-property-added-required", "/properties/b"), output: N("output-property-added", "/properties/b")),
    SchemaRuleCase("property added to a closed object",
                   #"{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"additionalProperties":false}"#,
                   input: N("input-property-added-optional", "/properties/b"), output: P("output-property-added-to-closed", "/properties/b")),
    SchemaRuleCase("property became required",
                   #"{"type":"object","properties":{"a":{"type":"string"}}}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}"#,
                   input: B("input-property-became-required", "/properties/a"), output: N("output-property-became-required", "/properties/a")),
    SchemaRuleCase("property became optional",
                   #"{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"}}}"#,
                   input: N("input-property-became-optional", "/properties/a"), output: B("output-property-became-optional", "/properties/a")),
    SchemaRuleCase("optional property removed from a closed object",
                   #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"additionalProperties":false}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}"#,
                   input: B("input-property-removed-closed", "/properties/b"), output: P("output-optional-property-removed", "/properties/b")),
    SchemaRuleCase("optional property removed from an open object",
                   #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"}}}"#,
                   input: P("input-property-removed-open", "/properties/b"), output: P("output-optional-property-removed", "/properties/b")),
    SchemaRuleCase("required property removed",
                   #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["a","b"]}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}"#,
                   input: P("input-property-removed-open", "/properties/b"), output: B("output-required-property-removed", "/properties/b")),
    SchemaRuleCase("property removed from an object closed by unevaluatedProperties",
                   #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"unevaluatedProperties":false}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"}},"unevaluatedProperties":false}"#,
                   input: B("input-property-removed-closed", "/properties/b"), output: P("output-optional-property-removed", "/properties/b")),

    // additionalProperties
    SchemaRuleCase("additionalProperties closed",
                   #"{"type":"object","properties":{"a":{"type":"string"}}}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}"#,
                   input: B("input-additional-properties-narrowed", "/additionalProperties"), output: N("output-additional-properties-closed", "/additionalProperties")),
    SchemaRuleCase("additionalProperties narrowed to a schema",
                   #"{"type":"object","additionalProperties":true}"#,
                   #"{"type":"object","additionalProperties":{"type":"string"}}"#,
                   input: B("input-additional-properties-narrowed", "/additionalProperties"), output: N("output-additional-properties-closed", "/additionalProperties")),
    SchemaRuleCase("additionalProperties opened",
                   #"{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}"#,
                   #"{"type":"object","properties":{"a":{"type":"string"}}}"#,
                   input: N("input-additional-properties-widened", "/additionalProperties"), output: P("output-additional-properties-opened", "/additionalProperties")),
    SchemaRuleCase("additionalProperties schema widened inside",
                   #"{"type":"object","additionalProperties":{"type":"integer"}}"#,
                   #"{"type":"object","additionalProperties":{"type":"number"}}"#,
                   input: N("input-type-widened", "/additionalProperties/type"), output: B("output-type-widened", "/additionalProperties/type")),

    // Types
    SchemaRuleCase("type narrowed: null removed",
                   #"{"type":["string","null"]}"#, #"{"type":"string"}"#,
                   input: B("input-type-narrowed", "/type"), output: N("output-type-narrowed", "/type")),
    SchemaRuleCase("type narrowed: number to integer",
                   #"{"type":"number"}"#, #"{"type":"integer"}"#,
                   input: B("input-type-narrowed", "/type"), output: N("output-type-narrowed", "/type")),
    SchemaRuleCase("type narrowed: a type removed",
                   #"{"type":["string","integer"]}"#, #"{"type":"string"}"#,
                   input: B("input-type-narrowed", "/type"), output: N("output-type-narrowed", "/type")),
    SchemaRuleCase("type introduced on an untyped schema",
                   #"{"description":"anything"}"#, #"{"description":"anything","type":"string"}"#,
                   input: B("input-type-narrowed", "/type"), output: N("output-type-narrowed", "/type")),
    SchemaRuleCase("type widened: integer to number",
                   #"{"type":"integer"}"#, #"{"type":"number"}"#,
                   input: N("input-type-widened", "/type"), output: B("output-type-widened", "/type")),
    SchemaRuleCase("type widened: null added",
                   #"{"type":"string"}"#, #"{"type":["string","null"]}"#,
                   input: N("input-type-widened", "/type"), output: B("output-type-widened", "/type")),
    SchemaRuleCase("type widened: nullable through anyOf",
                   #"{"type":"string","maxLength":5}"#, #"{"anyOf":[{"type":"string","maxLength":5},{"type":"null"}]}"#,
                   input: N("input-type-widened", "/type"), output: B("output-type-widened", "/type")),
    SchemaRuleCase("type narrowed: nullable anyOf dropped",
                   ##"{"anyOf":[{"$ref":"#/$defs/Name"},{"type":"null"}],"default":null,"$defs":{"Name":{"type":"string"}}}"##,
                   #"{"type":"string","default":null}"#,
                   input: B("input-type-narrowed", "/type"), output: N("output-type-narrowed", "/type")),
    SchemaRuleCase("type widened: null branch added to anyOf",
                   #"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#, #"{"anyOf":[{"type":"string"},{"type":"integer"},{"type":"null"}]}"#,
                   input: N("input-type-widened", "/anyOf/2"), output: B("output-type-widened", "/anyOf/2")),
    SchemaRuleCase("type changed to an unrelated one",
                   #"{"type":"string","maxLength":3}"#, #"{"type":"integer","maximum":3}"#,
                   input: B("input-type-changed", "/type"), output: B("output-type-changed", "/type")),
    SchemaRuleCase("schema became false",
                   #"{"type":"object","properties":{"a":true}}"#, #"{"type":"object","properties":{"a":false}}"#,
                   input: B("input-type-narrowed", "/properties/a"), output: N("output-type-narrowed", "/properties/a")),

    // enum and const
    SchemaRuleCase("enum value removed",
                   #"{"type":"string","enum":["a","b"]}"#, #"{"type":"string","enum":["a"]}"#,
                   input: B("input-enum-value-removed", "/enum/1"), output: N("output-enum-value-removed", "/enum/1")),
    SchemaRuleCase("enum value added",
                   #"{"type":"string","enum":["a"]}"#, #"{"type":"string","enum":["a","b"]}"#,
                   input: N("input-enum-value-added", "/enum/1"), output: P("output-enum-value-added", "/enum/1")),
    SchemaRuleCase("enum introduced",
                   #"{"type":"string"}"#, #"{"type":"string","enum":["a","b"]}"#,
                   input: B("input-enum-introduced", "/enum"), output: N("output-enum-introduced", "/enum")),
    SchemaRuleCase("enum dropped",
                   #"{"type":"string","enum":["a","b"]}"#, #"{"type":"string"}"#,
                   input: N("input-enum-dropped", "/enum"), output: P("output-enum-dropped", "/enum")),
    SchemaRuleCase("const widened to an enum",
                   #"{"const":"a"}"#, #"{"enum":["a","b"]}"#,
                   input: N("input-enum-value-added", "/enum/1"), output: P("output-enum-value-added", "/enum/1")),
    SchemaRuleCase("const added",
                   #"{"type":"string"}"#, #"{"type":"string","const":"a"}"#,
                   input: B("input-const-changed", "/const"), output: N("output-const-added", "/const")),
    SchemaRuleCase("const changed",
                   #"{"type":"string","const":"a"}"#, #"{"type":"string","const":"b"}"#,
                   input: B("input-const-changed", "/const"), output: B("output-const-changed", "/const")),
    SchemaRuleCase("const removed",
                   #"{"type":"string","const":"a"}"#, #"{"type":"string"}"#,
                   input: N("input-const-removed", "/const"), output: B("output-const-changed", "/const")),

    // Bounds
    SchemaRuleCase("maximum lowered",
                   #"{"type":"integer","maximum":100}"#, #"{"type":"integer","maximum":50}"#,
                   input: B("input-upper-bound-tightened", "/maximum"), output: N("output-constraint-tightened", "/maximum")),
    SchemaRuleCase("maxLength set",
                   #"{"type":"string"}"#, #"{"type":"string","maxLength":10}"#,
                   input: B("input-upper-bound-tightened", "/maxLength"), output: N("output-constraint-tightened", "/maxLength")),
    SchemaRuleCase("maximum became exclusive",
                   #"{"type":"number","maximum":10}"#, #"{"type":"number","exclusiveMaximum":10}"#,
                   input: B("input-upper-bound-tightened", "/exclusiveMaximum"), output: N("output-constraint-tightened", "/exclusiveMaximum")),
    SchemaRuleCase("draft-04 boolean exclusiveMaximum added",
                   #"{"type":"number","maximum":10}"#, #"{"type":"number","maximum":10,"exclusiveMaximum":true}"#,
                   input: B("input-upper-bound-tightened", "/exclusiveMaximum"), output: N("output-constraint-tightened", "/exclusiveMaximum")),
    SchemaRuleCase("maxContains lowered",
                   #"{"type":"array","contains":{"type":"string"},"maxContains":3}"#, #"{"type":"array","contains":{"type":"string"},"maxContains":2}"#,
                   input: B("input-upper-bound-tightened", "/maxContains"), output: N("output-constraint-tightened", "/maxContains")),
    SchemaRuleCase("maxProperties set",
                   #"{"type":"object"}"#, #"{"type":"object","maxProperties":4}"#,
                   input: B("input-upper-bound-tightened", "/maxProperties"), output: N("output-constraint-tightened", "/maxProperties")),
    SchemaRuleCase("maximum raised",
                   #"{"type":"integer","maximum":50}"#, #"{"type":"integer","maximum":100}"#,
                   input: N("input-upper-bound-loosened", "/maximum"), output: B("output-constraint-loosened", "/maximum")),
    SchemaRuleCase("maxItems removed",
                   #"{"type":"array","maxItems":5}"#, #"{"type":"array"}"#,
                   input: N("input-upper-bound-loosened", "/maxItems"), output: B("output-constraint-loosened", "/maxItems")),
    SchemaRuleCase("minimum raised",
                   #"{"type":"integer","minimum":0}"#, #"{"type":"integer","minimum":1}"#,
                   input: B("input-lower-bound-tightened", "/minimum"), output: N("output-constraint-tightened", "/minimum")),
    SchemaRuleCase("exclusiveMinimum set",
                   #"{"type":"number"}"#, #"{"type":"number","exclusiveMinimum":0}"#,
                   input: B("input-lower-bound-tightened", "/exclusiveMinimum"), output: N("output-constraint-tightened", "/exclusiveMinimum")),
    SchemaRuleCase("minLength set",
                   #"{"type":"string"}"#, #"{"type":"string","minLength":1}"#,
                   input: B("input-lower-bound-tightened", "/minLength"), output: N("output-constraint-tightened", "/minLength")),
    SchemaRuleCase("minItems lowered",
                   #"{"type":"array","minItems":2}"#, #"{"type":"array","minItems":1}"#,
                   input: N("input-lower-bound-loosened", "/minItems"), output: B("output-constraint-loosened", "/minItems")),
    SchemaRuleCase("minProperties removed",
                   #"{"type":"object","minProperties":1}"#, #"{"type":"object"}"#,
                   input: N("input-lower-bound-loosened", "/minProperties"), output: B("output-constraint-loosened", "/minProperties")),
    SchemaRuleCase("minContains raised",
                   #"{"type":"array","contains":{"type":"string"}}"#, #"{"type":"array","contains":{"type":"string"},"minContains":2}"#,
                   input: B("input-lower-bound-tightened", "/minContains"), output: N("output-constraint-tightened", "/minContains")),
    SchemaRuleCase("multipleOf changed to an unrelated value",
                   #"{"type":"integer","multipleOf":2}"#, #"{"type":"integer","multipleOf":3}"#,
                   input: B("input-multiple-of-changed", "/multipleOf"), output: B("output-constraint-loosened", "/multipleOf")),
    SchemaRuleCase("multipleOf changed to a multiple",
                   #"{"type":"integer","multipleOf":5}"#, #"{"type":"integer","multipleOf":10}"#,
                   input: B("input-multiple-of-changed", "/multipleOf"), output: N("output-constraint-tightened", "/multipleOf")),
    SchemaRuleCase("multipleOf added",
                   #"{"type":"number"}"#, #"{"type":"number","multipleOf":0.5}"#,
                   input: B("input-multiple-of-changed", "/multipleOf"), output: N("output-constraint-tightened", "/multipleOf")),
    SchemaRuleCase("multipleOf changed to a divisor",
                   #"{"type":"number","multipleOf":0.1}"#, #"{"type":"number","multipleOf":0.01}"#,
                   input: N("input-multiple-of-relaxed", "/multipleOf"), output: B("output-constraint-loosened", "/multipleOf")),
    SchemaRuleCase("multipleOf removed",
                   #"{"type":"integer","multipleOf":2}"#, #"{"type":"integer"}"#,
                   input: N("input-multiple-of-relaxed", "/multipleOf"), output: B("output-constraint-loosened", "/multipleOf")),
    SchemaRuleCase("uniqueItems added",
                   #"{"type":"array"}"#, #"{"type":"array","uniqueItems":true}"#,
                   input: B("input-unique-items-added", "/uniqueItems"), output: N("output-constraint-tightened", "/uniqueItems")),
    SchemaRuleCase("uniqueItems removed",
                   #"{"type":"array","uniqueItems":true}"#, #"{"type":"array","uniqueItems":false}"#,
                   input: N("input-unique-items-removed", "/uniqueItems"), output: B("output-constraint-loosened", "/uniqueItems")),

    // pattern and format
    SchemaRuleCase("pattern added",
                   #"{"type":"string"}"#, #"{"type":"string","pattern":"^[a-z]+$"}"#,
                   input: B("input-pattern-added", "/pattern"), output: N("output-pattern-added", "/pattern")),
    SchemaRuleCase("pattern changed",
                   #"{"type":"string","pattern":"^[a-z]+$"}"#, #"{"type":"string","pattern":"^[a-z0-9]+$"}"#,
                   input: P("input-pattern-changed", "/pattern"), output: P("output-pattern-changed", "/pattern")),
    SchemaRuleCase("pattern removed",
                   #"{"type":"string","pattern":"^[a-z]+$"}"#, #"{"type":"string"}"#,
                   input: N("input-pattern-removed", "/pattern"), output: P("output-pattern-changed", "/pattern")),
    SchemaRuleCase("format added",
                   #"{"type":"string"}"#, #"{"type":"string","format":"email"}"#,
                   input: P("input-format-added", "/format"), output: N("output-pattern-added", "/format")),
    SchemaRuleCase("format changed",
                   #"{"type":"string","format":"date"}"#, #"{"type":"string","format":"date-time"}"#,
                   input: P("input-format-changed", "/format"), output: P("output-pattern-changed", "/format")),
    SchemaRuleCase("format removed",
                   #"{"type":"string","format":"uri"}"#, #"{"type":"string"}"#,
                   input: N("input-format-removed", "/format"), output: P("output-pattern-changed", "/format")),

    // Combinators
    SchemaRuleCase("anyOf branch added",
                   #"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#, #"{"anyOf":[{"type":"string"},{"type":"integer"},{"type":"boolean"}]}"#,
                   input: N("input-any-of-branch-added", "/anyOf/2"), output: B("output-branch-added", "/anyOf/2")),
    SchemaRuleCase("anyOf branch removed",
                   #"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#, #"{"anyOf":[{"type":"string"}]}"#,
                   input: B("input-any-of-branch-removed", "/anyOf/1"), output: N("output-branch-removed", "/anyOf/1")),
    SchemaRuleCase("anyOf branch added to a plain schema",
                   #"{"type":"string"}"#, #"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#,
                   input: N("input-any-of-branch-added", "/anyOf/1"), output: B("output-branch-added", "/anyOf/1")),
    SchemaRuleCase("oneOf branch added",
                   #"{"oneOf":[{"type":"string"},{"type":"integer"}]}"#, #"{"oneOf":[{"type":"string"},{"type":"integer"},{"type":"boolean"}]}"#,
                   input: P("input-one-of-branch-added", "/oneOf/2"), output: B("output-branch-added", "/oneOf/2")),
    SchemaRuleCase("oneOf branch removed",
                   #"{"oneOf":[{"type":"string"},{"type":"integer"}]}"#, #"{"oneOf":[{"type":"integer"}]}"#,
                   input: B("input-one-of-branch-removed", "/oneOf/0"), output: N("output-branch-removed", "/oneOf/0")),
    SchemaRuleCase("allOf branch added",
                   #"{"allOf":[{"type":"string"}]}"#, #"{"allOf":[{"type":"string"},{"minLength":1}]}"#,
                   input: B("input-all-of-branch-added", "/allOf/1"), output: N("output-all-of-branch-added", "/allOf/1")),
    SchemaRuleCase("allOf branch removed",
                   #"{"allOf":[{"type":"string"},{"minLength":1}]}"#, #"{"allOf":[{"type":"string"}]}"#,
                   input: N("input-all-of-branch-removed", "/allOf/1"), output: P("output-all-of-branch-removed", "/allOf/1")),

    // Other constraints
    SchemaRuleCase("not added",
                   #"{"type":"string"}"#, #"{"type":"string","not":{"const":"root"}}"#,
                   input: B("input-constraint-added", "/not"), output: N("output-constraint-added", "/not")),
    SchemaRuleCase("not removed",
                   #"{"type":"string","not":{"const":"root"}}"#, #"{"type":"string"}"#,
                   input: N("input-constraint-removed", "/not"), output: B("output-constraint-removed", "/not")),
    SchemaRuleCase("if/then/else added",
                   #"{"type":"object"}"#, #"{"type":"object","if":{"required":["a"]},"then":{"required":["b"]}}"#,
                   input: B("input-constraint-added", "/if"), output: N("output-constraint-added", "/if")),
    SchemaRuleCase("then removed",
                   #"{"type":"object","if":{"required":["a"]},"then":{"required":["b"]}}"#, #"{"type":"object","if":{"required":["a"]}}"#,
                   input: N("input-constraint-removed", "/then"), output: B("output-constraint-removed", "/then")),
    SchemaRuleCase("dependentRequired added",
                   #"{"type":"object"}"#, #"{"type":"object","dependentRequired":{"a":["b"]}}"#,
                   input: B("input-constraint-added", "/dependentRequired/a"), output: N("output-constraint-added", "/dependentRequired/a")),
    SchemaRuleCase("dependentRequired name removed",
                   #"{"type":"object","dependentRequired":{"a":["b","c"]}}"#, #"{"type":"object","dependentRequired":{"a":["b"]}}"#,
                   input: N("input-constraint-removed", "/dependentRequired/a"), output: B("output-constraint-removed", "/dependentRequired/a")),
    SchemaRuleCase("dependentSchemas removed",
                   #"{"type":"object","dependentSchemas":{"a":{"required":["b"]}}}"#, #"{"type":"object"}"#,
                   input: N("input-constraint-removed", "/dependentSchemas/a"), output: B("output-constraint-removed", "/dependentSchemas/a")),
    SchemaRuleCase("patternProperties added",
                   #"{"type":"object"}"#, #"{"type":"object","patternProperties":{"^x-":{"type":"string"}}}"#,
                   input: B("input-constraint-added", "/patternProperties/^x-"), output: N("output-constraint-added", "/patternProperties/^x-")),
    SchemaRuleCase("propertyNames removed",
                   #"{"type":"object","propertyNames":{"maxLength":8}}"#, #"{"type":"object"}"#,
                   input: N("input-constraint-removed", "/propertyNames"), output: B("output-constraint-removed", "/propertyNames")),
    SchemaRuleCase("unevaluatedProperties false added",
                   #"{"type":"object","properties":{"a":{"type":"string"}}}"#, #"{"type":"object","properties":{"a":{"type":"string"}},"unevaluatedProperties":false}"#,
                   input: B("input-constraint-added", "/unevaluatedProperties"), output: N("output-constraint-added", "/unevaluatedProperties")),
    SchemaRuleCase("contains added",
                   #"{"type":"array"}"#, #"{"type":"array","contains":{"const":"x"}}"#,
                   input: B("input-constraint-added", "/contains"), output: N("output-constraint-added", "/contains")),

    // Tuples
    SchemaRuleCase("tuple position added",
                   #"{"type":"array","prefixItems":[{"type":"string"}]}"#, #"{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}]}"#,
                   input: B("input-tuple-changed", "/prefixItems"), output: B("output-tuple-changed", "/prefixItems")),
    SchemaRuleCase("tuple became a plain array",
                   #"{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}]}"#, #"{"type":"array"}"#,
                   input: N("input-tuple-to-array", "/prefixItems"), output: B("output-tuple-changed", "/prefixItems")),
    SchemaRuleCase("tuple became a plain array of a narrower element",
                   #"{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}]}"#, #"{"type":"array","items":{"type":"string"}}"#,
                   input: B("input-tuple-changed", "/prefixItems"), output: B("output-tuple-changed", "/prefixItems")),
    SchemaRuleCase("draft-07 tuple position type changed",
                   #"{"type":"array","items":[{"type":"string"},{"type":"integer"}]}"#, #"{"type":"array","items":[{"type":"string"},{"type":"string"}]}"#,
                   input: B("input-type-changed", "/items/1/type"), output: B("output-type-changed", "/items/1/type")),

    // Metadata
    SchemaRuleCase("default added",
                   #"{"type":"integer"}"#, #"{"type":"integer","default":10}"#,
                   input: P("input-default-changed", "/default"), output: N("output-annotation-changed", "/default")),
    SchemaRuleCase("default changed",
                   #"{"type":"integer","default":10}"#, #"{"type":"integer","default":20}"#,
                   input: P("input-default-changed", "/default"), output: N("output-annotation-changed", "/default")),
    SchemaRuleCase("$schema dialect changed",
                   #"{"$schema":"http://json-schema.org/draft-04/schema#","type":"object"}"#, #"{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object"}"#,
                   input: P("input-schema-dialect-changed", "/$schema"), output: P("output-schema-dialect-changed", "/$schema")),
    SchemaRuleCase("description changed",
                   #"{"type":"object","properties":{"q":{"type":"string","description":"query"}}}"#, #"{"type":"object","properties":{"q":{"type":"string","description":"search query"}}}"#,
                   input: N("input-annotation-changed", "/properties/q/description"), output: N("output-annotation-changed", "/properties/q/description")),
    SchemaRuleCase("title added",
                   #"{"type":"string"}"#, #"{"type":"string","title":"Name"}"#,
                   input: N("input-annotation-changed", "/title"), output: N("output-annotation-changed", "/title")),
    SchemaRuleCase("examples changed",
                   #"{"type":"string","examples":["a"]}"#, #"{"type":"string","examples":["b"]}"#,
                   input: N("input-annotation-changed", "/examples"), output: N("output-annotation-changed", "/examples")),
    SchemaRuleCase("$comment removed",
                   #"{"type":"string","$comment":"internal"}"#, #"{"type":"string"}"#,
                   input: N("input-annotation-changed", "/$comment"), output: N("output-annotation-changed", "/$comment")),
    SchemaRuleCase("property deprecated",
                   #"{"type":"object","properties":{"a":{"type":"string"}}}"#, #"{"type":"object","properties":{"a":{"type":"string","deprecated":true}}}"#,
                   input: N("input-property-deprecated", "/properties/a/deprecated"), output: N("output-annotation-changed", "/properties/a/deprecated")),

    // Undecidable
    SchemaRuleCase("external $ref changed",
                   #"{"type":"object","properties":{"a":{"$ref":"https://example.com/a.json"}}}"#, #"{"type":"object","properties":{"a":{"$ref":"https://example.com/b.json"}}}"#,
                   input: P("input-change-undecidable", "/properties/a/$ref"), output: P("output-change-undecidable", "/properties/a/$ref")),
    SchemaRuleCase("if condition changed",
                   #"{"type":"object","if":{"required":["a"]},"then":{"required":["b"]}}"#, #"{"type":"object","if":{"required":["c"]},"then":{"required":["b"]}}"#,
                   input: P("input-change-undecidable", "/if"), output: P("output-change-undecidable", "/if")),
    SchemaRuleCase("unknown keyword changed",
                   #"{"type":"string","nullable":false}"#, #"{"type":"string","nullable":true}"#,
                   input: P("input-change-undecidable", "/nullable"), output: P("output-change-undecidable", "/nullable")),

    // Direction flips inside not
    SchemaRuleCase("type narrowed inside not widens the schema",
                   #"{"not":{"type":["string","integer"]}}"#, #"{"not":{"type":"string"}}"#,
                   input: expected("input-type-narrowed", .nonBreaking, "/not/type"), output: expected("output-type-narrowed", .breaking, "/not/type")),
    SchemaRuleCase("enum value added inside not narrows the schema",
                   #"{"type":"string","not":{"enum":["a"]}}"#, #"{"type":"string","not":{"enum":["a","b"]}}"#,
                   input: expected("input-enum-value-added", .breaking, "/not/enum/1"), output: expected("output-enum-value-added", .nonBreaking, "/not/enum/1")),
]

@Suite("Schema rules")
struct SchemaRuleTests {
    static let inputCases = schemaRuleCases.filter { $0.input != nil }
    static let outputCases = schemaRuleCases.filter { $0.output != nil }

    @Test("input schema rule", arguments: inputCases)
    func inputRule(_ row: SchemaRuleCase) throws {
        try check(row, direction: .input, expected: #require(row.input))
    }

    @Test("output schema rule", arguments: outputCases)
    func outputRule(_ row: SchemaRuleCase) throws {
        try check(row, direction: .output, expected: #require(row.output))
    }

    @Test("every inputSchema and outputSchema rule has a row")
    func everyRuleHasARow() {
        let covered = Set(schemaRuleCases.flatMap { [$0.input?.rule, $0.output?.rule].compactMap { $0 } })
        let catalogued = RuleCatalogue.all
            .filter { $0.section == .inputSchema || $0.section == .outputSchema }
            .map(\.id)
            .filter { $0 != "output-schema-added" && $0 != "output-schema-removed" }
        let missing = catalogued.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "rules without a test row: \(missing)")
        let unknown = covered.filter { !RuleCatalogue.contains($0) }
        #expect(unknown.isEmpty, "rows name rules the catalogue lacks: \(unknown.sorted())")
    }

    private func check(_ row: SchemaRuleCase, direction: SchemaDirection, expected: SchemaRuleCase.Expected) throws {
        let findings = try SchemaTesting.compare(row.old, row.new, direction: direction, strictContentModel: row.strictContentModel)
        let pointer = try JSONPointer(parsing: "/tools/t/schema" + expected.pointer)
        let listing = findings.map { "\($0.ruleID) \($0.severity.code) \($0.pointer): \($0.message)" }.joined(separator: "\n")
        let match = findings.first { $0.ruleID == expected.rule && $0.pointer == pointer }
        #expect(match != nil, "expected \(expected.rule) at \(pointer), got:\n\(listing)")
        if let match {
            #expect(match.severity == expected.severity, "\(expected.rule): severity \(match.severity), expected \(expected.severity)")
            #expect(match.direction == expected.direction, "\(expected.rule): direction \(match.direction), expected \(expected.direction)")
            #expect(!match.message.isEmpty)
        }
        if row.alone {
            #expect(findings.count == 1, "expected only \(expected.rule), got:\n\(listing)")
        }
    }
}

/// Shared by the schema test files.
enum SchemaTesting {
    static let pointer = JSONPointer(tokens: ["tools", "t", "schema"])

    static func compare(_ old: String, _ new: String, direction: SchemaDirection, strictContentModel: Bool = false) throws -> [Finding] {
        let options = ComparisonOptions(strictContentModel: strictContentModel, today: "2026-01-01")
        return SchemaComparator(direction: direction, options: options)
            .compare(old: try JSONValue(parsing: old), new: try JSONValue(parsing: new), schemaPointer: pointer, kind: .tool, name: "t")
    }
}
