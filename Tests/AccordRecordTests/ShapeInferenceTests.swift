import AccordContracts
import AccordJSON
@testable import AccordRecord
import Testing

@Suite struct ShapeInferenceTests {
    let inference = ShapeInference()

    @Test(arguments: [
        ("2025-03-15T09:30:00Z", Matcher.format(.dateTime)),
        ("2026-12-06T18:57:06+00:00", .format(.dateTime)),
        ("2025-03-15", .format(.date)),
        ("8f14e45f-ea2b-4c2a-9d1b-3b1f4e5a6c7d", .format(.uuid)),
        ("ap@acme.example", .format(.email)),
        ("ledgerly://invoices/INV-1003", .format(.uri)),
        ("https://example.com/a?b=c", .format(.uri)),
        ("mailto:ap@acme.example", .format(.uri)),
        ("10.0.0.1", .regex(EvidentFormat.ipv4Pattern)),
        ("INV-1001", .like("INV-1001")),
        ("key:value", .like("key:value")),
        ("{\"recipient\":\"ap@acme.example\"}", .like("{\"recipient\":\"ap@acme.example\"}")),
        ("999.1.1.1", .like("999.1.1.1")),
    ] as [(String, Matcher)])
    func stringsGetTheirEvidentFormat(_ text: String, _ expected: Matcher) {
        #expect(inference.matcher(for: .string(text)) == expected, "\(text)")
    }

    @Test func scalarsBecomeTypeMatchersNotLiterals() {
        #expect(inference.matcher(for: 42) == .integer)
        #expect(inference.matcher(for: .number(JSONNumber(text: "1.50")!)) == .number)
        #expect(inference.matcher(for: true) == .like(true))
        #expect(inference.matcher(for: .null) == .like(.null))
    }

    @Test func likeExamplesNeverKeepGeneratedLongOrSecretText() {
        for text in ["order 2025-03-15 shipped", "trace 1733500000123", "id deadbeefdeadbeefdeadbeef", "Bearer abcdefghijklmnop",
                     String(repeating: "x", count: 41), "two\nlines"] {
            #expect(inference.matcher(for: .string(text)) == .like(.string(ShapeInference.neutralText)), "\(text)")
        }
        #expect(inference.matcher(for: ["password": "hunter2"]) == .object(["password": .like(.string(SecretScrubber.placeholder))]))
    }

    @Test func arraysBecomeEachLikeOfWhatEveryElementShares() {
        let value: JSONValue = [["id": 1, "name": "a", "note": "x"], ["id": 2, "name": "b"]]
        #expect(inference.matcher(for: value) == .eachLike(.object(["id": .integer, "name": .like("a")]), min: 1))
        #expect(inference.matcher(for: []) == .like([]))
        #expect(inference.matcher(for: [1, "a"]) == .like([]), "no shared type: any array")
    }

    @Test func typeDiscriminatedUnionsKeepOneShapePerKind() {
        let messages: JSONValue = [
            ["role": "user", "content": ["type": "resource", "resource": ["uri": "ledgerly://invoices/INV-1003", "text": "{}"]]],
            ["role": "user", "content": ["type": "text", "text": "Draft a reminder"]],
            ["role": "user", "content": ["type": "text", "text": "Keep it short"]],
        ]
        #expect(inference.matcher(for: messages) == .includesElements([
            .object(["role": .like("user"), "content": .object(["type": .like("resource"), "resource": .object(["uri": .format(.uri), "text": .like("{}")])])]),
            .object(["role": .like("user"), "content": .object(["type": .like("text"), "text": .like("Draft a reminder")])]),
        ]))
        let blocks: JSONValue = [["type": "text", "text": "a"], ["type": "text", "text": "b"]]
        #expect(inference.matcher(for: blocks) == .eachLike(.object(["type": .like("text"), "text": .like("a")]), min: 1))
    }

    @Test func metaAndDollarKeysAreNotPartOfAShape() {
        let value: JSONValue = ["_meta": ["progressToken": 7], "$ref": "x", "ok": true]
        #expect(inference.matcher(for: value) == .object(["ok": .like(true)]))
    }

    @Test func summarisingStopsAtTheDepthLimit() {
        let shallow = ShapeInference(maximumDepth: 1, keepsExamples: false)
        let value: JSONValue = ["a": ["b": ["c": 1]], "list": [["x": 1]], "name": "kept?"]
        #expect(shallow.matcher(for: value) == .object(["a": .like(.object([:])), "list": .like([]), "name": .like(.string(ShapeInference.neutralText))]))
    }
}

@Suite struct ShapeMergingTests {
    @Test func mergingKeepsSharedMembersAndWidensNumbers() {
        let merged = ShapeMerging.merge(.object(["a": .integer, "b": .like("x"), "c": .format(.date)]),
                                        .object(["a": .number, "c": .format(.dateTime)]))
        #expect(merged == .object(["a": .number, "c": .like(.string(ShapeInference.neutralText))]))
        #expect(ShapeMerging.merge(.integer, .like("x")) == nil)
        #expect(ShapeMerging.merge(.eachLike(.integer, min: 1), .like([])) == .like([]))
        #expect(ShapeMerging.merge(.format(.uuid), .like("abc")) == .like("abc"))
    }

    @Test func shapeKeysIgnoreExamples() {
        #expect(ShapeMerging.key(Matcher.object(["a": .like("x")])) == ShapeMerging.key(Matcher.object(["a": .like("y")])))
        #expect(ShapeMerging.key(Matcher.object(["a": .like("x")])) != ShapeMerging.key(Matcher.object(["a": .integer])))
        #expect(ShapeMerging.key(["city": "Paris"] as JSONValue) == ShapeMerging.key(["city": "Oslo"] as JSONValue))
        #expect(ShapeMerging.key(["city": "Paris"] as JSONValue) != ShapeMerging.key(["city": 3] as JSONValue))
    }
}
