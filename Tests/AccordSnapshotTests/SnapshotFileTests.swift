import AccordJSON
import AccordMCP
import AccordSnapshot
import Foundation
import Testing

@Suite struct SnapshotCanonicalFormTests {
    static let tools: [JSONValue] = [
        ["name": "zeta", "inputSchema": ["type": "object"]],
        ["name": "alpha", "inputSchema": ["type": "object", "maximum": .number(JSONNumber(text: "1e21")!)]],
        ["name": "Beta", "inputSchema": ["type": "object"]],
    ]

    static func snapshot(tools: [JSONValue] = tools) -> Snapshot {
        Snapshot(
            serverInfo: ["name": "s", "version": "1.0.0"],
            protocolVersion: "2025-11-25",
            era: .handshake,
            capabilities: ["tools": [:]],
            instructions: "Use it.",
            tools: tools,
            resources: [["uri": "b://x", "name": "x"], ["uri": "a://y", "name": "y"]],
            resourceTemplates: [],
            prompts: []
        )
    }

    @Test func definitionsAreSortedByIdentityInByteOrder() {
        let snapshot = Self.snapshot()
        #expect(snapshot.tools.compactMap { $0["name"]?.stringValue } == ["Beta", "alpha", "zeta"])
        #expect(snapshot.resources.compactMap { $0["uri"]?.stringValue } == ["a://y", "b://x"])
    }

    @Test func textIsIndependentOfServedOrder() {
        let shuffled = Self.snapshot(tools: Self.tools.reversed())
        #expect(shuffled.canonicalText == Self.snapshot().canonicalText)
        #expect(Self.snapshot().canonicalText.hasSuffix("}\n"))
    }

    @Test func fileRoundTripKeepsNumberSpelling() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-\(UUID().uuidString)").path
        let path = folder + "/nested/s.json"
        try SnapshotFile.write(Self.snapshot(), to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"maximum\": 1e21"))
        #expect(try SnapshotFile.read(path) == Self.snapshot())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/nested") == ["s.json"])
    }

    @Test(arguments: [
        ("{\"formatVersion\": 1,\n  \"era\": }", 2, String?.none, "not valid JSON"),
        ("[]", Int?.none, String?.some(""), "must be a JSON object"),
        (#"{"formatVersion": 1, "era": "handshake", "protocolVersion": "x", "tools": {}, "resources": [], "resourceTemplates": [], "prompts": []}"#, nil, "/tools", "must be an array"),
        (#"{"formatVersion": 1, "era": "handshake", "protocolVersion": "x", "tools": [{"title": "t"}], "resources": [], "resourceTemplates": [], "prompts": []}"#, nil, "/tools/0/name", "missing"),
        (#"{"formatVersion": 99, "era": "handshake"}"#, nil, "/formatVersion", "newer"),
        (#"{"formatVersion": 1, "era": "ancient"}"#, nil, "/era", "handshake"),
    ])
    func invalidFilesNameLineOrField(_ text: String, _ line: Int?, _ field: String?, _ reason: String) {
        #expect {
            _ = try SnapshotFile.decode(Array(text.utf8), path: "snap.json")
        } throws: { error in
            guard let error = error as? SnapshotFileError else { return false }
            return error.line == line && error.field == field && error.reason.contains(reason) && error.description.hasPrefix("snap.json")
        }
    }

    @Test func writingIntoAnUnwritablePlaceFailsWithoutLeavingFiles() {
        #expect(throws: SnapshotFileError.self) {
            try SnapshotFile.write(Self.snapshot(), to: "/proc/accord-cannot-write/s.json")
        }
    }
}

@Suite struct SnapshotLineMapTests {
    @Test func identityPointersMapToTheLinesOfTheCanonicalFile() throws {
        let snapshot = SnapshotCanonicalFormTests.snapshot()
        let lines = snapshot.canonicalText.split(separator: "\n", omittingEmptySubsequences: false)
        let map = snapshot.lines(of: [try JSONPointer(parsing: "/tools/alpha/inputSchema/maximum"), try JSONPointer(parsing: "/resources/b:~1~1x/uri"), try JSONPointer(parsing: "/tools/gone/title")])
        #expect(map[try JSONPointer(parsing: "/tools/gone/title")] == nil)
        #expect(map[try JSONPointer(parsing: "/tools")] != nil, "ancestors are mapped too")
        let maximum = try #require(map[try JSONPointer(parsing: "/tools/alpha/inputSchema/maximum")])
        #expect(lines[maximum - 1].contains("\"maximum\": 1e21"))
        let resource = try #require(map[try JSONPointer(parsing: "/resources/b:~1~1x/uri")])
        #expect(lines[resource - 1].contains("\"uri\": \"b://x\""))
        #expect(map[.root] == 1)
    }
}
