import AccordJSON
import Testing

@Suite struct SchemaReferenceTests {
    @Test(arguments: [
        SchemaCase(##"{"$defs": {"id": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/id"}}}"##, #"{"a": 1}"#, ["/a: expected string, got integer 1"]),
        SchemaCase(##"{"definitions": {"id": {"type": "string"}}, "$ref": "#/definitions/id"}"##, "1", ["/: expected string, got integer 1"]),
        SchemaCase(##"{"$defs": {"a/b": {"type": "string"}, "c~d": {"type": "integer"}}, "prefixItems": [{"$ref": "#/$defs/a~1b"}, {"$ref": "#/$defs/c~0d"}]}"##, #"["x", 1]"#),
        SchemaCase(##"{"$defs": {"a b": {"type": "string"}, "%x": {"type": "integer"}}, "prefixItems": [{"$ref": "#/$defs/a%20b"}, {"$ref": "#/$defs/%25x"}]}"##, #"["x", "y"]"#, [#"/1: expected integer, got string "y""#]),
        SchemaCase(##"{"prefixItems": [{"type": "string"}], "items": {"$ref": "#/prefixItems/0"}}"##, #"["a", 2]"#, ["/1: expected string, got integer 2"]),
        SchemaCase(##"{"$defs": {"x": {"$anchor": "money", "type": "number"}}, "$ref": "#money"}"##, #""1""#, [#"/: expected number, got string "1""#]),
        SchemaCase(##"{"$ref": "#/$defs/a", "maximum": 5, "$defs": {"a": {"minimum": 1}}}"##, "7", ["/: 7 is greater than the maximum 5"]),
        SchemaCase(##"{"$id": "https://example.com/s.json", "$defs": {"n": {"type": "null"}}, "$ref": "https://example.com/s.json#/$defs/n"}"##, "null"),
        SchemaCase(##"{"$id": "https://example.com/root.json", "$defs": {"n": {"$id": "item.json", "type": "null"}}, "$ref": "item.json"}"##, "0", ["/: expected null, got integer 0"]),
        SchemaCase(##"{"$dynamicAnchor": "node", "properties": {"next": {"$dynamicRef": "#node"}}, "required": ["v"]}"##, #"{"v": 1, "next": {"v": 2, "next": {}}}"#, [#"/next/next: missing required property "v""#]),
    ])
    func localReferencesResolve(_ testCase: SchemaCase) throws { try testCase.check() }

    @Test func recursiveSchemasFollowTheInstance() throws {
        let tree = ##"""
            {"$defs": {"node": {"type": "object", "required": ["value"],
                                "properties": {"value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
             "$ref": "#/$defs/node"}
            """##
        try SchemaCase(tree, #"{"value": 1, "children": [{"value": 2, "children": [{"value": 3}]}]}"#).check()
        try SchemaCase(tree, #"{"value": 1, "children": [{"value": 2, "children": [{"value": "3"}]}]}"#,
                       [#"/children/0/children/0/value: expected integer, got string "3""#]).check()
    }

    @Test(arguments: [
        ##"{"$ref": "#"}"##,
        ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##,
        ##"{"anyOf": [{"$ref": "#"}, {"type": "string"}]}"##,
        ##"{"allOf": [{"$ref": "#"}], "properties": {"a": {"$ref": "#"}}}"##,
    ])
    func cyclesThatConsumeNoInputTerminate(_ schema: String) throws {
        let validator = JSONSchemaValidator(schema: try JSONValue(parsing: schema))
        // Only termination matters here; the loop itself adds no constraint.
        _ = validator.validate(["a": ["a": 1]])
        _ = validator.isValid("x")
    }

    @Test func aCycleKeepsTheConstraintsAroundIt() throws {
        try SchemaCase(##"{"type": "object", "properties": {"self": {"$ref": "#"}}, "allOf": [{"$ref": "#"}]}"##, #"{"self": 1}"#,
                       ["/self: expected object, got integer 1"]).check()
    }

    @Test(arguments: [
        "https://example.com/schemas/address.json",
        "address.json#/$defs/street",
        "urn:example:thing",
    ])
    func externalReferencesAreReportedNotFetched(_ reference: String) throws {
        let validator = JSONSchemaValidator(schema: ["properties": ["home": ["$ref": .string(reference)]]])
        let errors = validator.validate(["home": "x"])
        #expect(errors.count == 1)
        #expect(errors.first?.kind == .unsupportedExternalReference)
        #expect(errors.first?.keyword == "$ref")
        #expect(errors.first?.schemaPointer.description == "/properties/home/$ref")
        #expect(errors.first?.description == "/home: unsupported external reference \"\(reference)\": Accord resolves only references inside the schema")
        #expect(!validator.isValid(["home": "x"]))
        #expect(validator.isValid([:]), "an unused external reference does not fail other instances")
    }

    @Test func aDanglingLocalReferenceIsASchemaError() throws {
        let errors = JSONSchemaValidator(schema: ["$ref": "#/$defs/missing"]).validate(1)
        #expect(errors.map(\.kind) == [.invalidSchema])
        #expect(errors.first?.message == ##"cannot resolve the reference "#/$defs/missing" in the schema"##)
    }

    @Test func aNonSchemaValueIsReportedNotTrusted() throws {
        let errors = JSONSchemaValidator(schema: ["properties": ["a": 5]]).validate(["a": 1])
        #expect(errors.map(\.kind) == [.invalidSchema])
    }
}

@Suite struct SchemaResolverTests {
    let document: JSONValue = [
        "$defs": [
            "a/b": ["type": "string"],
            "alias": ["$ref": "#/$defs/a~1b"],
            "ping": ["$ref": "#/$defs/pong"],
            "pong": ["$ref": "#/$defs/ping"],
            "anchored": ["$anchor": "here", "type": "null"],
        ],
    ]

    @Test func resolvesPointersAnchorsAndChains() throws {
        let resolver = SchemaResolver(document: document)
        #expect(try resolver.resolve("#/$defs/a~1b").get() == JSONPointer(tokens: ["$defs", "a/b"]))
        #expect(try resolver.resolve("#").get() == .root)
        #expect(try resolver.resolve("#here").get() == JSONPointer(tokens: ["$defs", "anchored"]))
        #expect(try resolver.target(of: "#/$defs/alias").get() == ["type": "string"])
    }

    @Test func reportsWhatCannotBeResolved() {
        let resolver = SchemaResolver(document: document)
        #expect(resolver.resolve("#/$defs/nope") == .failure(.unresolvable("#/$defs/nope")))
        #expect(resolver.resolve("#nowhere") == .failure(.unresolvable("#nowhere")))
        #expect(resolver.resolve("other.json#/a") == .failure(.external("other.json#/a")))
        #expect(resolver.target(of: "#/$defs/ping") == .failure(.cycle(["#/$defs/ping", "#/$defs/pong", "#/$defs/ping"])))
        #expect(SchemaReferenceError.cycle(["#/a", "#/b", "#/a"]).description == ##"the references "#/a" → "#/b" → "#/a" form a cycle"##)
    }
}

@Suite struct SchemaUnevaluatedTests {
    @Test(arguments: [
        SchemaCase(#"{"properties": {"a": true}, "unevaluatedProperties": false}"#, #"{"a": 1, "b": 2}"#, [#"/: unexpected property "b""#]),
        SchemaCase(#"{"allOf": [{"properties": {"a": true}}], "unevaluatedProperties": false}"#, #"{"a": 1}"#),
        SchemaCase(#"{"allOf": [{"properties": {"a": true}}], "additionalProperties": false}"#, #"{"a": 1}"#, [#"/: unexpected property "a""#]),
        SchemaCase(##"{"$defs": {"base": {"properties": {"id": true}}}, "$ref": "#/$defs/base", "properties": {"name": true}, "unevaluatedProperties": false}"##,
                   #"{"id": 1, "name": 2, "extra": 3}"#, [#"/: unexpected property "extra""#]),
        SchemaCase(#"{"anyOf": [{"properties": {"a": true}, "required": ["a"]}, {"properties": {"b": true}, "required": ["b"]}], "unevaluatedProperties": false}"#,
                   #"{"a": 1, "b": 2}"#),
        SchemaCase(#"{"anyOf": [{"properties": {"a": true}, "required": ["a"]}, {"properties": {"b": true}, "required": ["b"]}], "unevaluatedProperties": false}"#,
                   #"{"a": 1, "b": "x", "c": 3}"#, [#"/: unexpected property "c""#]),
        SchemaCase(#"{"oneOf": [{"properties": {"a": {"type": "string"}}, "required": ["a"]}, {"required": ["b"]}], "unevaluatedProperties": false}"#,
                   #"{"b": 1, "a": 2}"#, [#"/: unexpected property "a""#, #"/: unexpected property "b""#]),
        SchemaCase(#"{"if": {"properties": {"t": {"const": 1}}, "required": ["t"]}, "then": {"properties": {"x": true}}, "else": {"properties": {"y": true}}, "unevaluatedProperties": false}"#,
                   #"{"t": 1, "x": 0}"#),
        SchemaCase(#"{"if": {"properties": {"t": {"const": 1}}, "required": ["t"]}, "then": {"properties": {"x": true}}, "else": {"properties": {"y": true}}, "unevaluatedProperties": false}"#,
                   #"{"t": 2, "y": 0}"#, [#"/: unexpected property "t""#]),
        SchemaCase(#"{"dependentSchemas": {"a": {"properties": {"b": true}}}, "properties": {"a": true}, "unevaluatedProperties": false}"#, #"{"a": 1, "b": 2}"#),
        SchemaCase(#"{"not": {"properties": {"a": {"type": "string"}}}, "unevaluatedProperties": false}"#, #"{"a": 1}"#, [#"/: unexpected property "a""#]),
        SchemaCase(#"{"patternProperties": {"^x": true}, "unevaluatedProperties": {"type": "integer"}}"#, #"{"xa": "s", "b": 1, "c": "no"}"#,
                   [#"/c: expected integer, got string "no""#]),
        SchemaCase(#"{"properties": {"nested": {"properties": {"a": true}}}, "unevaluatedProperties": false}"#, #"{"nested": {"a": 1, "b": 2}}"#),
        SchemaCase(#"{"allOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"a": true}}], "unevaluatedProperties": false}"#, #"{"a": 1}"#,
                   ["/a: expected string, got integer 1"]),
        SchemaCase(#"{"allOf": [{"properties": {"a": {"type": "string"}}}], "unevaluatedProperties": false}"#, #"{"a": 1, "b": 2}"#,
                   ["/a: expected string, got integer 1", #"/: unexpected property "b""#]),
    ])
    func unevaluatedProperties(_ testCase: SchemaCase) throws { try testCase.check() }

    @Test(arguments: [
        SchemaCase(#"{"prefixItems": [true], "unevaluatedItems": false}"#, "[1, 2]", ["/: unexpected item at index 1: no unevaluated items are allowed"]),
        SchemaCase(#"{"allOf": [{"prefixItems": [true, true]}], "unevaluatedItems": false}"#, "[1, 2]"),
        SchemaCase(#"{"items": true, "unevaluatedItems": false}"#, "[1, 2]"),
        SchemaCase(#"{"contains": {"type": "string"}, "unevaluatedItems": false}"#, #"["a", "b", 1]"#, ["/: unexpected item at index 2: no unevaluated items are allowed"]),
        SchemaCase(#"{"anyOf": [{"prefixItems": [true]}, {"contains": {"type": "string"}}], "unevaluatedItems": {"type": "number"}}"#, #"[null, "s", 2, true]"#,
                   ["/3: expected number, got boolean true"]),
        SchemaCase(#"{"if": {"prefixItems": [{"const": 1}]}, "then": {"items": {"type": "integer"}}, "unevaluatedItems": false}"#, "[1, 2, 3]"),
        SchemaCase(#"{"if": {"prefixItems": [{"const": 1}]}, "then": {"items": {"type": "integer"}}, "unevaluatedItems": false}"#, "[2, 3]",
                   ["/: unexpected item at index 0: no unevaluated items are allowed"]),
        SchemaCase(##"{"$defs": {"pair": {"prefixItems": [true, true]}}, "$ref": "#/$defs/pair", "unevaluatedItems": false}"##, "[1, 2, 3]",
                   ["/: unexpected item at index 2: no unevaluated items are allowed"]),
    ])
    func unevaluatedItems(_ testCase: SchemaCase) throws { try testCase.check() }
}

@Suite struct SchemaDraftTests {
    static let draft7 = "\"$schema\": \"http://json-schema.org/draft-07/schema#\""

    @Test(arguments: [
        SchemaCase(##"{\##(draft7), "definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s"}}}"##, #"{"a": 1}"#,
                   ["/a: expected string, got integer 1"]),
        SchemaCase(#"{\#(draft7), "items": [{"type": "string"}, {"type": "integer"}]}"#, #"["a", 1, {}]"#),
        SchemaCase(#"{\#(draft7), "items": [{"type": "string"}], "additionalItems": false}"#, #"["a", 1]"#, ["/: has 2 items, at most 1 allowed"]),
        SchemaCase(#"{\#(draft7), "items": [{"type": "string"}], "additionalItems": {"type": "integer"}}"#, #"["a", 1, "b"]"#, [#"/2: expected integer, got string "b""#]),
        SchemaCase(#"{\#(draft7), "items": {"type": "string"}, "additionalItems": false}"#, #"["a", "b"]"#),
        SchemaCase(#"{\#(draft7), "dependencies": {"a": ["b"], "c": {"required": ["d"]}}}"#, #"{"a": 1, "c": 2}"#,
                   [#"/: missing property "b", required when "a" is present"#, #"/: missing required property "d""#]),
        SchemaCase(##"{\##(draft7), "definitions": {"n": {"type": "number"}}, "$ref": "#/definitions/n", "maximum": 0}"##, "5"),
        SchemaCase(#"{"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 5, "exclusiveMaximum": true}"#, "5",
                   ["/: 5 is not less than the exclusive maximum 5"]),
        SchemaCase(#"{"dependencies": {"a": ["b"]}}"#, #"{"a": 1}"#),
        SchemaCase(##"{\##(draft7), "definitions": {"x": {"$id": "#thing", "type": "null"}}, "$ref": "#thing"}"##, "1", ["/: expected null, got integer 1"]),
    ])
    func olderDrafts(_ testCase: SchemaCase) throws { try testCase.check() }
}

@Suite struct SchemaFormatTests {
    @Test func formatsAreAnnotationsByDefault() throws {
        try SchemaCase(#"{"format": "email"}"#, #""not an email""#).check()
    }

    @Test(arguments: [
        ("date-time", "2024-02-29T23:59:60.5Z", true), ("date-time", "2024-03-01T05:29:60.5+05:30", true), ("date-time", "2024-02-29T23:59:60.5+05:30", false), ("date-time", "2023-02-29T00:00:00Z", false), ("date-time", "2024-01-01 00:00:00Z", false),
        ("date", "2024-12-31", true), ("date", "2024-13-01", false),
        ("time", "08:30:00Z", true), ("time", "08:30", false), ("time", "25:00:00Z", false),
        ("email", "ops+alerts@example.com", true), ("email", "no-at-sign", false), ("email", "a..b@example.com", false),
        ("uri", "https://example.com/a?b=c#d", true), ("uri", "urn:isbn:0451450523", true), ("uri", "/relative/path", false), ("uri", "http://x/%zz", false),
        ("uuid", "123e4567-e89b-12d3-a456-426614174000", true), ("uuid", "123e4567e89b12d3a456426614174000", false),
        ("ipv4", "192.168.0.1", true), ("ipv4", "256.1.1.1", false), ("ipv4", "01.1.1.1", false),
        ("ipv6", "2001:db8::1", true), ("ipv6", "::ffff:192.0.2.1", true), ("ipv6", "1:2:3:4:5:6:7:8:9", false), ("ipv6", "1::2::3", false),
        ("hostname", "api.example.com", true), ("hostname", "-bad.example.com", false), ("hostname", "under_score.com", false),
        ("made-up-format", "anything", true),
    ])
    func assertedFormats(_ format: String, _ value: String, _ valid: Bool) throws {
        let validator = JSONSchemaValidator(schema: ["format": .string(format)], options: .init(assertFormats: true))
        let errors = validator.validate(.string(value))
        #expect(errors.isEmpty == valid)
        if !valid {
            #expect(errors.first?.description == "/: \(JSONEncoding.compact(.string(value))) is not a valid \(format)")
        }
        #expect(validator.isValid(42), "formats only constrain strings")
    }
}
