@testable import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// The tape against the recursive parser JSONValue(parsing:) used before it (ReferenceJSONParser):
/// the same values and the same located errors on every input.
@Suite struct JSONTapeDifferentialTests {
    static let fixtureFiles: [String] = {
        let folder = PackagePaths.path("Tests/Fixtures")
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".json") { files.append(folder + "/" + relative) }
        }
        return files.sorted()
    }()

    @Test func everyFixtureFileParsesToTheReferenceValueAtEveryDepth() async throws {
        #expect(Self.fixtureFiles.count > 100)
        for file in Self.fixtureFiles {
            await Task.yield()   // long CPU work: let the suite's other tests (in-process servers) run
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            let expected = TapeCheck.reference(bytes)
            #expect(TapeCheck.parsed(bytes) == expected, "\(file)")
            for maxDepth in [0, 1, 2, Int.max] {
                #expect(TapeCheck.tapeOutcome(bytes, maxDepth: maxDepth) == expected, "\(file) at maxDepth \(maxDepth)")
                guard case .success(let tape) = TapeCheck.tape(bytes, maxDepth: maxDepth) else { continue }
                let problems = TapeCheck.problems(in: tape, bytes, node: tape.root, maxDepth: maxDepth, checkDepth: 3)
                #expect(problems.isEmpty, "\(file) at maxDepth \(maxDepth): \(problems.prefix(5))")
            }
        }
    }

    @Test func randomDocumentsParseToTheReferenceValueWithExactNodes() async {
        var generator = RandomJSON(seed: 0x7A9E)
        var duplicates = 0
        for round in 0..<1500 {
            if round % 50 == 0 { await Task.yield() }
            let bytes = generator.document()
            let expected = TapeCheck.reference(bytes)
            guard case .success = expected else {
                Issue.record("generated document \(round) is not JSON: \(expected)")
                continue
            }
            #expect(TapeCheck.parsed(bytes) == expected, "document \(round): \(String(decoding: bytes, as: UTF8.self))")
            let maxDepth = round % 4 == 0 ? Int.max : round % 3
            guard case .success(let tape) = TapeCheck.tape(bytes, maxDepth: maxDepth) else {
                Issue.record("the tape rejects document \(round)")
                continue
            }
            if tape.hasDuplicateKeys { duplicates += 1 }
            let problems = TapeCheck.problems(in: tape, bytes, node: tape.root, maxDepth: maxDepth)
            #expect(problems.isEmpty, "document \(round) at maxDepth \(maxDepth): \(problems.prefix(5)) in \(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(duplicates > 100, "the generator exercises duplicate keys")
    }

    @Test func randomEditsOfDocumentsGiveTheReferenceErrors() async {
        var generator = RandomJSON(seed: 0xBAD)
        var errors = 0
        for round in 0..<4000 {
            if round % 100 == 0 { await Task.yield() }
            let bytes = generator.mutated(generator.document(maxDepth: 3))
            let expected = TapeCheck.reference(bytes)
            if case .failure = expected { errors += 1 }
            #expect(TapeCheck.parsed(bytes) == expected, "edit \(round): \(bytes)")
            #expect(TapeCheck.tapeOutcome(bytes, maxDepth: round % 3) == expected, "edit \(round): \(bytes)")
        }
        #expect(errors > 1000, "most edits break the document")
    }

    static let truncated: [String] = [
        #"{"name": "echo", "n": [1, -2.5e+3, 0, true, false, null], "s": "a\"b\\c\/\b\f\n\r\t\u00e9\ud83d\ude00x"}"#,
        "[\n  {\n    \"k\u{00e9}\": {},\n    \"z\": []\n  },\n  \"\u{1F600}\",\n  1e21\n]\n",
        #"  {"a":{"b":{"c":[[],[{}],"\ud800\u0041"]}},"a":0.000001 }  "#,
    ]

    @Test(arguments: truncated)
    func everyTruncationGivesTheReferenceError(_ document: String) async {
        let bytes = Array(document.utf8)
        for length in 0...bytes.count {
            if length % 200 == 0 { await Task.yield() }
            let prefix = Array(bytes[..<length])
            let expected = TapeCheck.reference(prefix)
            #expect(TapeCheck.parsed(prefix) == expected, "prefix of \(length) bytes")
            #expect(TapeCheck.tapeOutcome(prefix, maxDepth: 0) == expected, "prefix of \(length) bytes")
        }
    }

    static let malformed: [[UInt8]] = [
        "", " ", "nul", "nulL", "tru", "truex", "fals", "falsy", "[", "]", "{", "}", "[1,]", "[,1]", "{,}", "{\"a\"}",
        "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{1:2}", "{\"k\u{00e9}\\u0041\" 1}", "[1 2]", "[1] x",
        "01", "-", "-01", "1.", ".5", "1e", "1e+", "+1", "1.2.3", "1-2", "1e5-3", "--1", "0x10", "1E+2e", "[-]", "[1.e2]",
        "\"abc", "\"a\\", "\"\\x\"", "\"\\u12\"", "\"\\u12", "\"\\uZZZZ\"", "\"\\u00G0\"", "\"\\ud800\\uZZZZ\"", "\"\\ud800\\u12\"",
        "\"\\\n\"", "\"a\tb\"", "\"a\nb\"", "\"\u{1F}\"", "[\"ok\", \"bad\u{0}\"]", "\u{FEFF}{}", "{}{}", "[]]", "\n\n  }",
        String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
        String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600),
    ].map { Array($0.utf8) } + [
        [0x22, 0xFF, 0xFE, 0x22], [0x22, 0xC3, 0x22], [0x5B, 0xFF, 0x5D], [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x20, 0x31, 0x7D], [0x80], [0x22, 0x5C, 0x75, 0x00, 0x30, 0x30, 0x30, 0x22],
    ]

    @Test func malformedInputsGiveTheReferenceErrors() {
        for bytes in Self.malformed {
            let expected = TapeCheck.reference(bytes)
            #expect(TapeCheck.parsed(bytes) == expected, "\(String(decoding: bytes.prefix(40), as: UTF8.self))")
            #expect(TapeCheck.tapeOutcome(bytes) == expected, "\(String(decoding: bytes.prefix(40), as: UTF8.self))")
        }
        // Invalid UTF-8 inside strings is not an error: it decodes to U+FFFD, as it always did.
        #expect(TapeCheck.parsed([0x22, 0xFF, 0x22]) == .success(.string("\u{FFFD}")))
        #expect(TapeCheck.parsed(Array("[1.e2]".utf8)) == .failure(JSONParseError(line: 1, column: 2, reason: "invalid number 1.e2")))
    }

    @Test func nestingIsLimitedTo512LevelsWhateverTheMaxDepth() {
        let deepest = Array((String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).utf8)
        let tooDeep = Array((String(repeating: "[", count: 513) + String(repeating: "]", count: 513)).utf8)
        #expect((try? JSONTape(parsing: JSONInput(bytes: deepest), maxDepth: 3)) != nil)
        #expect(TapeCheck.tapeOutcome(tooDeep, maxDepth: 3) == .failure(JSONParseError(line: 1, column: 513, reason: "nesting deeper than 512 levels")))
    }
}

@Suite struct JSONTapeNodeTests {
    static let document = #"{"tools": [{"name": "echo", "n": 1.50, "ok": true, "no": false, "nil": null, "s": "a\nb\u00e9"}, {"deep": {"x": [1, [2]]}, "e": {}, "a": []}], "dup": 1, "dup": [true]}"#

    @Test func accessorsReadScalarsKeysAndOrder() throws {
        let tape = try JSONTape(parsing: JSONInput(bytes: Array(Self.document.utf8)))
        #expect(tape.kind(tape.root) == .object)
        #expect(tape.members(tape.root).map(\.key) == ["tools", "dup", "dup"])
        let dup = try #require(tape.member(tape.root, "dup"))
        #expect(tape.kind(dup) == .array, "the last duplicate wins")
        #expect(tape.hasDuplicateKeys)
        let tools = try #require(tape.member(tape.root, "tools"))
        let first = try #require(tape.elements(tools).first)
        #expect(tape.childCount(tools) == 2)
        #expect(tape.member(first, "name").flatMap(tape.string) == "echo")
        let number = try #require(tape.member(first, "n"))
        #expect(tape.numberText(number) == "1.50")
        #expect(tape.string(number) == nil)
        #expect(tape.member(first, "ok").flatMap(tape.bool) == true)
        #expect(tape.member(first, "no").flatMap(tape.bool) == false)
        #expect(tape.member(first, "nil").map(tape.kind) == .null)
        let string = try #require(tape.member(first, "s"))
        #expect(tape.string(string) == "a\nb\u{e9}")
        let text = Array(Self.document.utf8)
        #expect(String(decoding: text[tape.byteRange(string)], as: UTF8.self) == #""a\nb\u00e9""#)
        #expect(tape.member(first, "missing") == nil)
        #expect(tape.member(number, "n") == nil)
        #expect(tape.elements(first).isEmpty)
        #expect(tape.value(tape.root) == (try JSONValue(parsing: Self.document)))
    }

    @Test func containersBeyondMaxDepthAreOpaqueButKnown() throws {
        let bytes = Array(Self.document.utf8)
        let tape = try JSONTape(parsing: JSONInput(bytes: bytes), maxDepth: 1)
        let tools = try #require(tape.member(tape.root, "tools"))
        #expect(!tape.isOpaque(tools))
        let second = tape.elements(tools)[1]
        #expect(tape.isOpaque(second))
        #expect(tape.kind(second) == .object)
        #expect(String(decoding: bytes[tape.byteRange(second)], as: UTF8.self) == #"{"deep": {"x": [1, [2]]}, "e": {}, "a": []}"#)
        let value = try JSONValue(parsing: #"{"deep": {"x": [1, [2]]}, "e": {}, "a": []}"#)
        #expect(tape.value(second) == value)
        #expect(tape.canonicalLineCount(second) == TapeCheck.canonicalLines(value))
        #expect(tape.canonicalLineCount(second) == 12)
        // Only the root, its keys and values, the two tools and their scalars' parents are recorded.
        let full = try JSONTape(parsing: JSONInput(bytes: bytes))
        #expect(tape.recordedNodeCount < full.recordedNodeCount)
        #expect(tape.contentHash(second) == full.contentHash(full.elements(full.member(full.root, "tools")!)[1]))
    }

    @Test func lineCountsLeaveOutMembersThatDuplicateKeysReplace() throws {
        let text = #"{"a": {"x": 1, "y": 2}, "b": [1, 2, 3], "a": 5, "\u0062": 0, "é": [1], "e\#u{301}": 2}"#
        let bytes = Array(text.utf8)
        let value = try JSONValue(parsing: text)
        #expect(value.objectValue?.count == 3, "\\u0062 is b, and é and e+U+0301 are equal Strings")
        for maxDepth in [0, Int.max] {
            let tape = try JSONTape(parsing: JSONInput(bytes: bytes), maxDepth: maxDepth)
            #expect(tape.hasDuplicateKeys)
            #expect(tape.canonicalLineCount(tape.root) == TapeCheck.canonicalLines(value))
            #expect(tape.value(tape.root) == value)
        }
        let wrapped = try JSONTape(parsing: JSONInput(bytes: Array("[\(text)]".utf8)), maxDepth: 0)
        #expect(wrapped.isOpaque(wrapped.elements(wrapped.root)[0]))
        #expect(wrapped.canonicalLineCount(wrapped.root) == 2 + TapeCheck.canonicalLines(value))
        let tape = try JSONTape(parsing: JSONInput(bytes: bytes))
        for key in ["a", "b", "\u{e9}", "e\u{301}"] {
            #expect(tape.member(tape.root, key).map(tape.value) == value[key], "member \(key)")
        }
        let kelvin = try JSONTape(parsing: JSONInput(bytes: Array(#"{"K": 1, "x\u0041": 2}"#.utf8)))
        #expect(kelvin.member(kelvin.root, "\u{212A}").flatMap(kelvin.numberText) == "1", "String equality is canonical equivalence")
        #expect(kelvin.member(kelvin.root, "xA").flatMap(kelvin.numberText) == "2")
        let distinct = try JSONTape(parsing: JSONInput(bytes: Array(#"{"a": 1, "b": {"a": 2}}"#.utf8)))
        #expect(!distinct.hasDuplicateKeys)
    }

    @Test func contentHashesMatchEqualBytesOnly() throws {
        var seen: [JSONTape.ContentHash: String] = [:]
        for length in 0..<200 {
            let text = "\"" + String(repeating: "x", count: length) + "\""
            let tape = try JSONTape(parsing: JSONInput(bytes: Array(text.utf8)))
            #expect(seen.updateValue(text, forKey: tape.contentHash(tape.root)) == nil, "a collision at length \(length)")
        }
        let base = Array(repeating: UInt8(ascii: "a"), count: 1000)
        for position in stride(from: 0, to: 1000, by: 37) {
            var changed = base
            changed[position] = UInt8(ascii: "b")
            let one = try JSONTape(parsing: JSONInput(bytes: [0x22] + base + [0x22]))
            let other = try JSONTape(parsing: JSONInput(bytes: [0x22] + changed + [0x22]))
            #expect(one.contentHash(one.root) != other.contentHash(other.root), "a change at \(position)")
            #expect(!one.bytesEqual(one.root, other, other.root))
        }
        let left = try JSONTape(parsing: JSONInput(bytes: Array(#"[{"a": [1, 2]}, 3]"#.utf8)))
        let right = try JSONTape(parsing: JSONInput(bytes: Array(#"{"k": {"a": [1, 2]}}"#.utf8)))
        let leftNode = left.elements(left.root)[0]
        let rightNode = try #require(right.member(right.root, "k"))
        #expect(left.contentHash(leftNode) == right.contentHash(rightNode))
        #expect(left.bytesEqual(leftNode, right, rightNode))
    }
}

@Suite struct JSONInputTests {
    private func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("accord-tape-\(UUID().uuidString).json").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aMappedFileParsesLikeItsBytes() throws {
        let bytes = Array(JSONTapeNodeTests.document.utf8)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let input = try JSONInput.mapped(path: path)
        #expect(input.isMapped)
        #expect(input.count == bytes.count)
        #expect(input.withUnsafeBytes { Array($0) } == bytes)
        let tape = try JSONTape(parsing: input, maxDepth: 1)
        #expect(tape.value(tape.root) == (try JSONValue(parsing: bytes)))
    }

    @Test func anEmptyFileIsAnEmptyInputAndAMissingOneATypedError() throws {
        let path = try temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let input = try JSONInput.mapped(path: path)
        #expect(input.count == 0)
        input.releaseResidentPages(below: 100)
        #expect(throws: JSONParseError(line: 1, column: 1, reason: "unexpected end of input, expected a value")) {
            try JSONTape(parsing: input)
        }
        let missing = path + ".missing"
        #expect(throws: JSONInput.MappingError(path: missing, operation: "open", code: ENOENT)) {
            try JSONInput.mapped(path: missing)
        }
        #expect(JSONInput.MappingError(path: missing, operation: "open", code: ENOENT).description.contains(missing))
    }

    @Test func releasingResidentPagesChangesNoResult() throws {
        // About 10 MB: the scanner releases pages twice on the way.
        var text = "[\n"
        for index in 0..<60_000 {
            text += #"  {"name": "tool-\#(index)", "description": "\#(String(repeating: "d", count: 120))", "n": \#(index)},"# + "\n"
        }
        text += "  null\n]\n"
        let bytes = Array(text.utf8)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let input = try JSONInput.mapped(path: path)
        let tape = try JSONTape(parsing: input, maxDepth: 0, releasingPagesBehind: true)
        let reference = try JSONTape(parsing: JSONInput(bytes: bytes), maxDepth: 0)
        let nodes = tape.elements(tape.root)
        #expect(nodes.count == 60_001)
        let hashes = nodes.map(tape.contentHash)
        input.releaseResidentPages(below: input.count)
        #expect(nodes.map(tape.contentHash) == hashes)
        #expect(hashes == reference.elements(reference.root).map(reference.contentHash))
        #expect(tape.value(nodes[59_999]) == reference.value(reference.elements(reference.root)[59_999]))
        #expect(tape.canonicalLineCount(tape.root) == reference.canonicalLineCount(reference.root))
        let copied = JSONInput(bytes: bytes)
        copied.releaseResidentPages(below: bytes.count)
        #expect(copied.withUnsafeBytes { Array($0) } == bytes)
    }
}
