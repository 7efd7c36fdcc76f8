import AccordJSON
import Testing

/// One schema, one instance, and exactly the errors expected (as `pointer: message`).
struct SchemaCase: CustomTestStringConvertible, Sendable {
    let schema: String
    let instance: String
    let errors: [String]

    init(_ schema: String, _ instance: String, _ errors: [String] = []) {
        self.schema = schema
        self.instance = instance
        self.errors = errors
    }

    var testDescription: String { "\(schema) ⟵ \(instance)" }

    func check(options: JSONSchemaValidator.Options = .init(), sourceLocation: SourceLocation = #_sourceLocation) throws {
        let validator = JSONSchemaValidator(schema: try JSONValue(parsing: schema), options: options)
        let value = try JSONValue(parsing: instance)
        #expect(validator.validate(value).map(\.description) == errors, sourceLocation: sourceLocation)
        #expect(validator.isValid(value) == errors.isEmpty, sourceLocation: sourceLocation)
    }
}

@Suite struct SchemaTypeAndValueTests {
    @Test(arguments: [
        SchemaCase(#"{"type": "string"}"#, #""a""#),
        SchemaCase(#"{"type": "string"}"#, "1", ["/: expected string, got integer 1"]),
        SchemaCase(#"{"type": "integer"}"#, "1.0"),
        SchemaCase(#"{"type": "integer"}"#, "1e2"),
        SchemaCase(#"{"type": "integer"}"#, "1.5", ["/: expected integer, got number 1.5"]),
        SchemaCase(#"{"type": "number"}"#, "7"),
        SchemaCase(#"{"type": ["string", "null"]}"#, "null"),
        SchemaCase(#"{"type": ["string", "null"]}"#, "{}", ["/: expected string or null, got an object"]),
        SchemaCase(#"{"type": "boolean"}"#, "0", ["/: expected boolean, got integer 0"]),
        SchemaCase(#"{"type": "array"}"#, "[]"),
        SchemaCase(#"{"type": "object"}"#, "[]", ["/: expected object, got an array"]),
        SchemaCase(#"{"type": "null"}"#, "false", ["/: expected null, got boolean false"]),
    ])
    func type(_ testCase: SchemaCase) throws { try testCase.check() }

    @Test(arguments: [
        SchemaCase(#"{"enum": ["red", 1, null]}"#, #""red""#),
        SchemaCase(#"{"enum": ["red", 1, null]}"#, "1.0"),
        SchemaCase(#"{"enum": ["red", 1, null]}"#, "true", [#"/: true is not one of ["red",1,null]"#]),
        SchemaCase(#"{"enum": [[1, {"a": 2}]]}"#, #"[1.0, {"a": 2.0}]"#),
        SchemaCase(#"{"enum": [0]}"#, "false", ["/: false is not one of [0]"]),
        SchemaCase(#"{"const": 1}"#, "1.0"),
        SchemaCase(#"{"const": {"a": [1, 2]}}"#, #"{"a": [1, 2]}"#),
        SchemaCase(#"{"const": {"a": [1, 2]}}"#, #"{"a": [2, 1]}"#, [#"/: expected {"a":[1,2]}, got {"a":[2,1]}"#]),
        SchemaCase(#"{"const": null}"#, "0", ["/: expected null, got 0"]),
    ])
    func enumAndConst(_ testCase: SchemaCase) throws { try testCase.check() }

    @Test func booleanSchemas() throws {
        try SchemaCase("true", #"{"anything": [1]}"#).check()
        try SchemaCase("false", "null", ["/: no value is allowed here"]).check()
        try SchemaCase(#"{"properties": {"a": false}}"#, #"{"a": 1}"#, ["/a: no value is allowed here"]).check()
        try SchemaCase(#"{"properties": {"a": true}}"#, #"{"a": 1}"#).check()
    }

    @Test func anUnknownTypeNameIsASchemaError() throws {
        let errors = JSONSchemaValidator(schema: ["type": "any"]).validate(1)
        #expect(errors.map(\.kind) == [.invalidSchema])
        #expect(errors.first?.description == #"/: unknown type "any"; JSON Schema types are null, boolean, object, array, number, string, integer"#)
    }

    @Test func unknownKeywordsAreIgnored() throws {
        try SchemaCase(#"{"x-vendor": {"type": "string"}, "title": "T", "examples": [1]}"#, "1").check()
    }
}

@Suite struct SchemaNumericTests {
    @Test(arguments: [
        SchemaCase(#"{"properties": {"amount": {"multipleOf": 0.1}}}"#, #"{"amount": 12.5}"#),
        SchemaCase(#"{"properties": {"amount": {"multipleOf": 0.1}}}"#, #"{"amount": 12.55}"#, ["/amount: 12.55 is not a multiple of 0.1"]),
        SchemaCase(#"{"multipleOf": 0.1}"#, "0.3"),
        SchemaCase(#"{"multipleOf": 0.01}"#, "19.99"),
        SchemaCase(#"{"multipleOf": 3}"#, "9.0"),
        SchemaCase(#"{"multipleOf": 3}"#, "10", ["/: 10 is not a multiple of 3"]),
        SchemaCase(#"{"multipleOf": 2}"#, "1e308"),
        SchemaCase(#"{"multipleOf": 0.5}"#, "-2.5"),
        SchemaCase(#"{"multipleOf": 7}"#, "123456789012345678901234567890"),
        SchemaCase(#"{"multipleOf": 7}"#, "123456789012345678901234567891", ["/: 123456789012345678901234567891 is not a multiple of 7"]),
        SchemaCase(#"{"multipleOf": 2}"#, #""not a number""#),
    ])
    func multipleOf(_ testCase: SchemaCase) throws { try testCase.check() }

    @Test(arguments: [
        SchemaCase(#"{"maximum": 10}"#, "10"),
        SchemaCase(#"{"maximum": 10}"#, "10.5", ["/: 10.5 is greater than the maximum 10"]),
        SchemaCase(#"{"exclusiveMaximum": 10}"#, "10", ["/: 10 is not less than the exclusive maximum 10"]),
        SchemaCase(#"{"exclusiveMaximum": 10}"#, "9.999"),
        SchemaCase(#"{"minimum": -1}"#, "-1.0"),
        SchemaCase(#"{"minimum": -1}"#, "-2", ["/: -2 is less than the minimum -1"]),
        SchemaCase(#"{"exclusiveMinimum": 0}"#, "0", ["/: 0 is not greater than the exclusive minimum 0"]),
        SchemaCase(#"{"exclusiveMinimum": 0}"#, "1e-300"),
        SchemaCase(#"{"maximum": 9007199254740992}"#, "9007199254740993", ["/: 9007199254740993 is greater than the maximum 9007199254740992"]),
        SchemaCase(#"{"minimum": 5}"#, #""3""#),
    ])
    func bounds(_ testCase: SchemaCase) throws { try testCase.check() }
}

@Suite struct SchemaStringTests {
    @Test(arguments: [
        SchemaCase(#"{"maxLength": 2}"#, #""😀é""#),
        SchemaCase(#"{"maxLength": 2}"#, #""abc""#, [#"/: "abc" is 3 characters long, at most 2 allowed"#]),
        SchemaCase(#"{"minLength": 1}"#, #""""#, [#"/: "" is 0 characters long, at least 1 required"#]),
        SchemaCase(#"{"minLength": 2}"#, #""🇫🇷""#),
        SchemaCase(#"{"minLength": 3}"#, "12"),
    ])
    func lengthsCountCodePoints(_ testCase: SchemaCase) throws { try testCase.check() }

    @Test(arguments: [
        SchemaCase(#"{"pattern": "[0-9]"}"#, #""abc1""#),
        SchemaCase(#"{"pattern": "^[a-z]+$"}"#, #""abC""#, [#"/: "abC" does not match the pattern ^[a-z]+$"#]),
        SchemaCase(#"{"pattern": "^\\d+$"}"#, #""٣""#, [#"/: "٣" does not match the pattern ^\d+$"#]),
        SchemaCase(#"{"pattern": "^a$"}"#, #""a\n""#, [#"/: "a\n" does not match the pattern ^a$"#]),
        SchemaCase(#"{"pattern": "^.$"}"#, #""😀""#),
        SchemaCase(#"{"pattern": "^[^]$"}"#, #""\n""#),
        SchemaCase(#"{"pattern": "^[\\w-.]+$"}"#, #""a-b.c""#),
        SchemaCase(#"{"pattern": "^\\cJ$"}"#, #""\n""#),
        SchemaCase(#"{"pattern": "^\\p{Lu}"}"#, #""Élan""#),
        SchemaCase(#"{"pattern": "x{,3}"}"#, #""x{,3}""#),
        SchemaCase(#"{"pattern": "^[\\]]$"}"#, #""]""#),
        SchemaCase(#"{"pattern": "^[a-]+$"}"#, #""a-a""#),
        SchemaCase(#"{"pattern": "^[[]$"}"#, #""[""#),
        SchemaCase(#"{"pattern": "^a]$"}"#, #""a]""#),
        SchemaCase(#"{"pattern": "[]"}"#, #""anything""#, [#"/: "anything" does not match the pattern []"#]),
        SchemaCase(#"{"pattern": "^[a&&b]$"}"#, #""&""#),
        SchemaCase(#"{"pattern": "^\/api\/v[0-9]+$"}"#, #""/api/v2""#),
    ])
    func patternsAreECMAStyleAndUnanchored(_ testCase: SchemaCase) throws { try testCase.check() }

    @Test func anUncompilablePatternIsASchemaErrorNotACrash() throws {
        let validator = JSONSchemaValidator(schema: ["pattern": "(unclosed"])
        let errors = validator.validate("x")
        #expect(errors.count == 1)
        #expect(errors.first?.kind == .invalidSchema)
        #expect(errors.first?.schemaPointer.description == "/pattern")
        let lookbehind = JSONSchemaValidator(schema: ["pattern": "(?<=a)b"]).validate("ab")
        #expect(lookbehind.first?.message.contains("lookbehind") == true)
    }
}

@Suite struct SchemaObjectTests {
    @Test(arguments: [
        SchemaCase(#"{"required": ["id", "name"]}"#, #"{"name": 1}"#, [#"/: missing required property "id""#]),
        SchemaCase(#"{"required": ["id"]}"#, "[]"),
        SchemaCase(#"{"properties": {"a": {"type": "string"}}}"#, #"{"a": 1, "b": 2}"#, ["/a: expected string, got integer 1"]),
        SchemaCase(#"{"properties": {"a/b": {"type": "string"}}}"#, #"{"a/b": 1}"#, ["/a~1b: expected string, got integer 1"]),
        SchemaCase(#"{"patternProperties": {"^x-": {"type": "integer"}}}"#, #"{"x-a": 1, "x-b": "s", "y": "s"}"#, [#"/x-b: expected integer, got string "s""#]),
        SchemaCase(
            #"{"properties": {"a": {}}, "patternProperties": {"^x": {}}, "additionalProperties": false}"#,
            #"{"a": 1, "xy": 2, "b": 3, "c": 4}"#,
            [#"/: unexpected property "b""#, #"/: unexpected property "c""#]),
        SchemaCase(#"{"additionalProperties": {"type": "number"}}"#, #"{"a": 1, "b": "no"}"#, [#"/b: expected number, got string "no""#]),
        SchemaCase(#"{"propertyNames": {"pattern": "^[a-z]+$"}}"#, #"{"ok": 1, "Not": 2}"#, [#"/: property name "Not" is invalid: "Not" does not match the pattern ^[a-z]+$"#]),
        SchemaCase(#"{"propertyNames": false}"#, "{}"),
        SchemaCase(#"{"dependentRequired": {"card": ["billing"]}}"#, #"{"card": 1}"#, [#"/: missing property "billing", required when "card" is present"#]),
        SchemaCase(#"{"dependentRequired": {"card": ["billing"]}}"#, #"{"billing": 1}"#),
        SchemaCase(#"{"dependentSchemas": {"card": {"required": ["cvv"]}}}"#, #"{"card": 1}"#, [#"/: missing required property "cvv""#]),
        SchemaCase(#"{"maxProperties": 1}"#, #"{"a": 1, "b": 2}"#, ["/: has 2 properties, at most 1 allowed"]),
        SchemaCase(#"{"minProperties": 1}"#, "{}", ["/: has 0 properties, at least 1 required"]),
    ])
    func objectKeywords(_ testCase: SchemaCase) throws { try testCase.check() }
}

@Suite struct SchemaArrayTests {
    @Test(arguments: [
        SchemaCase(#"{"items": {"type": "integer"}}"#, "[1, 2, 3.5]", ["/2: expected integer, got number 3.5"]),
        SchemaCase(#"{"prefixItems": [{"type": "string"}, {"type": "integer"}]}"#, #"["a", 1, null]"#),
        SchemaCase(#"{"prefixItems": [{"type": "string"}], "items": false}"#, #"["a", 1]"#, ["/: has 2 items, at most 1 allowed"]),
        SchemaCase(#"{"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}"#, #"["a", 1, "b"]"#, [#"/2: expected integer, got string "b""#]),
        SchemaCase(#"{"contains": {"type": "string"}}"#, "[1, 2]", ["/: no item matches the contains schema"]),
        SchemaCase(#"{"contains": {"type": "string"}, "minContains": 2}"#, #"["a", 1]"#, ["/: 1 item match the contains schema, at least 2 required"]),
        SchemaCase(#"{"contains": {"type": "string"}, "maxContains": 1}"#, #"["a", "b"]"#, ["/: 2 items match the contains schema, at most 1 allowed"]),
        SchemaCase(#"{"contains": {"type": "string"}, "minContains": 0}"#, "[]"),
        SchemaCase(#"{"maxItems": 1}"#, "[1, 2]", ["/: has 2 items, at most 1 allowed"]),
        SchemaCase(#"{"minItems": 1}"#, "[]", ["/: has 0 items, at least 1 required"]),
        SchemaCase(#"{"uniqueItems": true}"#, "[1, 2, 1.0]", ["/: items 0 and 2 are equal, items must be unique"]),
        SchemaCase(#"{"uniqueItems": true}"#, #"[{"a": 1, "b": 2}, {"b": 2, "a": 1}]"#, ["/: items 0 and 1 are equal, items must be unique"]),
        SchemaCase(#"{"uniqueItems": true}"#, "[1, true, 0, false, [1], [true]]"),
        SchemaCase(#"{"uniqueItems": false}"#, "[1, 1]"),
    ])
    func arrayKeywords(_ testCase: SchemaCase) throws { try testCase.check() }
}

@Suite struct SchemaCombinatorTests {
    @Test(arguments: [
        SchemaCase(#"{"allOf": [{"minimum": 1}, {"maximum": 3}]}"#, "4", ["/: 4 is greater than the maximum 3"]),
        SchemaCase(#"{"anyOf": [{"type": "string"}, {"maximum": 3}]}"#, "4",
                   [#"/: matches none of the 2 alternatives in anyOf ([0] expected string, got integer 4; [1] 4 is greater than the maximum 3)"#]),
        SchemaCase(#"{"anyOf": [{"type": "string"}, {"maximum": 3}]}"#, "2"),
        SchemaCase(#"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#, "3", ["/: matches alternatives 0 and 1 of oneOf, exactly one allowed"]),
        SchemaCase(#"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#, "2.5"),
        SchemaCase(#"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"#, "1.5",
                   ["/: matches none of the 2 alternatives in oneOf ([0] expected integer, got number 1.5; [1] 1.5 is less than the minimum 2)"]),
        SchemaCase(#"{"not": {"type": "null"}}"#, "null", ["/: null must not match the schema in not"]),
        SchemaCase(#"{"if": {"properties": {"kind": {"const": "card"}}}, "then": {"required": ["number"]}, "else": {"required": ["iban"]}}"#,
                   #"{"kind": "card"}"#, [#"/: missing required property "number""#]),
        SchemaCase(#"{"if": {"properties": {"kind": {"const": "card"}}}, "then": {"required": ["number"]}, "else": {"required": ["iban"]}}"#,
                   #"{"kind": "bank"}"#, [#"/: missing required property "iban""#]),
        SchemaCase(#"{"if": {"type": "string"}}"#, "1"),
        SchemaCase(#"{"anyOf": [{"properties": {"a": {"properties": {"b": {"type": "string"}}}}}, {"type": "string"}]}"#, #"{"a": {"b": 1}}"#,
                   [#"/: matches none of the 2 alternatives in anyOf ([0] /a/b: expected string, got integer 1; [1] expected string, got an object)"#]),
    ])
    func combinators(_ testCase: SchemaCase) throws { try testCase.check() }

    @Test func errorsCarryPointersIntoSchemaAndInstance() throws {
        let schema = try JSONValue(parsing: ##"{"properties": {"items": {"type": "array", "items": {"$ref": "#/$defs/item"}}}, "$defs": {"item": {"required": ["sku"]}}}"##)
        let errors = JSONSchemaValidator(schema: schema).validate(["items": [["sku": "a"], [:]]])
        #expect(errors == [SchemaValidationError(
            instancePointer: try JSONPointer(parsing: "/items/1"),
            schemaPointer: try JSONPointer(parsing: "/$defs/item/required"),
            keyword: "required", message: #"missing required property "sku""#, missingProperty: "sku")])
    }

    /// One validator (its compiled patterns and resolved references kept) judges each of many
    /// instances on its own: none of the valid ones is refused, and a bad one among them is.
    /// How fast is scripts/benchmark's business, not a test's.
    @Test func oneValidatorJudgesManyInstancesEachOnItsOwn() throws {
        let schema = try JSONValue(parsing: """
            {"type": "object", "required": ["id", "tags"], "additionalProperties": false,
             "properties": {"id": {"type": "string", "pattern": "^[a-z]+-[0-9]+$"},
                            "count": {"type": "integer", "minimum": 0, "multipleOf": 1},
                            "tags": {"type": "array", "items": {"enum": ["a", "b", "c"]}, "uniqueItems": true},
                            "meta": {"$ref": "#/$defs/meta"}},
             "$defs": {"meta": {"type": "object", "unevaluatedProperties": false, "properties": {"v": {"type": "number"}}}}}
            """)
        let validator = JSONSchemaValidator(schema: schema)
        let instances: [JSONValue] = (0..<1000).map { index in
            ["id": .string("item-\(index)"), "count": .number(JSONNumber(index)), "tags": ["a", "c"], "meta": ["v": 1.5]]
        }
        for instance in instances { #expect(validator.isValid(instance), "\(instance)") }
        var bad = instances
        bad[500] = ["id": "item_500", "count": 500, "tags": ["a", "a"], "meta": ["v": 1.5, "w": 2]]
        #expect(bad.map(validator.isValid) == Array(repeating: true, count: 500) + [false] + Array(repeating: true, count: 499))
        let errors = validator.validate(bad[500]).map(\.keyword).sorted()
        #expect(errors == ["pattern", "uniqueItems", "unevaluatedProperties"].sorted(), "\(errors)")
    }
}

@Suite struct SchemaDocumentationExampleTests {
    @Test func theValidatorExampleHolds() throws {
        let schema = try JSONValue(parsing: """
            {"type": "object", "required": ["id"],
             "properties": {"id": {"type": "string"}, "amount": {"type": "number", "multipleOf": 0.1}}}
            """)
        let validator = JSONSchemaValidator(schema: schema)
        #expect(validator.isValid(["id": "a1", "amount": 12.5]))
        #expect(validator.validate(["amount": 12.55]).map(\.description) == [
            #"/: missing required property "id""#, "/amount: 12.55 is not a multiple of 0.1",
        ])
        #expect(JSONValue(1).isSchemaEqual(to: 1.0))
        #expect(!JSONValue(true).isSchemaEqual(to: 1))
    }

    @Test func theGeneratorExampleHolds() throws {
        var generator = SchemaInstanceGenerator(seed: 7)
        let schema: JSONValue = ["type": "object", "required": ["id"],
                                 "properties": ["id": ["type": "string", "pattern": "^[a-z]{3}-[0-9]{2}$"]]]
        let valid = generator.validInstance(of: schema)
        let invalid = generator.invalidInstance(of: schema)
        #expect(valid.map(JSONSchemaValidator(schema: schema).isValid) == true)
        #expect(invalid.map(JSONSchemaValidator(schema: schema).isValid) == false)
    }
}
