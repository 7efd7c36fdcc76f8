import AccordJSON
import Testing

@Suite struct JSONParsingTests {
    @Test(arguments: ["1.0", "1e21", "-0.0", "12345678901234567890123", "1E+2", "0.000001", "-12"])
    func numbersKeepTheirText(_ literal: String) throws {
        let value = try JSONValue(parsing: "{\"n\": \(literal)}")
        #expect(value["n"]?.numberValue?.text == literal)
        #expect(JSONEncoding.compact(value) == "{\"n\":\(literal)}")
    }

    @Test func unknownFieldsAndNestingSurviveARoundTrip() throws {
        let text = #"{"z":{"x-vendor":{"deep":[1,{"k":null}]}},"a":"é\n\u0001","b":[true,false]}"#
        let value = try JSONValue(parsing: text)
        let again = try JSONValue(parsing: JSONEncoding.compact(value))
        #expect(again == value)
        #expect(value[pointer: try JSONPointer(parsing: "/z/x-vendor/deep/1/k")] == .null)
        #expect(value["a"]?.stringValue == "é\n\u{01}")
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try JSONValue(parsing: #""\ud83d\ude00""#) == .string("😀"))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9),
        ("[1,\n 2,\n 01]", 3, 2),
        ("{\"a\" 1}", 1, 6),
        ("\"unterminated", 1, 14),
        ("[1] x", 1, 5),
        ("", 1, 1),
    ])
    func errorsNameLineAndColumn(_ text: String, _ line: Int, _ column: Int) {
        #expect {
            _ = try JSONValue(parsing: text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column
        }
    }

    @Test func deepNestingIsRejectedNotCrashing() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }
}

@Suite struct CanonicalEncodingTests {
    @Test func sortsKeysIndentsTwoSpacesAndEndsWithNewline() throws {
        let value = try JSONValue(parsing: #"{"b":{"y":[],"x":{}},"a":[1.0,"s"],"A":null}"#)
        #expect(JSONEncoding.canonical(value) == """
            {
              "A": null,
              "a": [
                1.0,
                "s"
              ],
              "b": {
                "x": {},
                "y": []
              }
            }

            """)
    }

    @Test func escapesOnlyWhatJSONRequires() {
        let value: JSONValue = .string("quote\" back\\ slash/ tab\t nul\u{0} é 😀")
        #expect(JSONEncoding.compact(value) == #""quote\" back\\ slash/ tab\t nul\u0000 é 😀""#)
    }

    @Test func keyOrderIsByteOrderNotLocale() {
        let value: JSONValue = ["b": 1, "B": 2, "é": 3, "a": 4, "_": 5]
        #expect(JSONEncoding.compact(value) == #"{"B":2,"_":5,"a":4,"b":1,"é":3}"#)
    }
}

@Suite struct JSONPointerTests {
    @Test func escapesRoundTrip() throws {
        let pointer = try JSONPointer(parsing: "/properties/a~1b/c~0d/0")
        #expect(pointer.tokens == ["properties", "a/b", "c~d", "0"])
        #expect(pointer.description == "/properties/a~1b/c~0d/0")
        #expect(JSONPointer.root.appending("x/y").description == "/x~1y")
    }

    @Test func resolvesIntoObjectsAndArrays() throws {
        let document = try JSONValue(parsing: #"{"a":[{"b":"c"}],"":{"":1}}"#)
        #expect(document[pointer: try JSONPointer(parsing: "/a/0/b")] == "c")
        #expect(document[pointer: try JSONPointer(parsing: "/a/01")] == nil)
        #expect(document[pointer: try JSONPointer(parsing: "/a/1")] == nil)
        #expect(document[pointer: try JSONPointer(parsing: "//")] == 1)
        #expect(document[pointer: .root] == document)
    }

    @Test func rejectsMalformedPointers() {
        #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: "a/b") }
        #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: "/a~2") }
    }
}
