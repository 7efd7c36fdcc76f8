import AccordJSON
@testable import AccordMCP
import Testing

/// `x-mcp-header` declarations and the `Mcp-Param-*` headers they produce (2026-07-28).
@Suite("tool parameter headers")
struct ToolParameterHeadersTests {
    private let schema: JSONValue = [
        "type": "object",
        "properties": [
            "region": ["type": "string", "x-mcp-header": "Region"],
            "query": ["type": "string"],
            "options": ["type": "object", "properties": ["limit": ["type": "integer", "x-mcp-header": "Limit"]]],
            "confirm": ["type": "boolean", "x-mcp-header": "Confirm"],
            "greeting": ["type": "string", "x-mcp-header": "Greeting"],
        ],
    ]

    private func learned(_ schema: JSONValue, name: String = "execute_sql") -> ToolParameterHeaders {
        var headers = ToolParameterHeaders()
        headers.learn(fromToolsListResult: ["tools": [["name": .string(name), "inputSchema": schema]]])
        return headers
    }

    private func fields(_ arguments: JSONValue) -> [String: String] {
        Dictionary(uniqueKeysWithValues: learned(schema).fields(forCall: "execute_sql", arguments: arguments).map { ($0.name, $0.value) })
    }

    @Test func valuesAreMirroredConvertedAndEncoded() {
        let sent = fields(["region": "us-west1", "query": "SELECT 1", "options": ["limit": 42], "confirm": false, "greeting": "Hello, 世界"])
        #expect(sent == [
            "Mcp-Param-Region": "us-west1",
            "Mcp-Param-Limit": "42",
            "Mcp-Param-Confirm": "false",
            "Mcp-Param-Greeting": "=?base64?SGVsbG8sIOS4lueVjA==?=",
        ])
    }

    @Test(arguments: [
        (" padded ", "=?base64?IHBhZGRlZCA=?="),
        ("line1\nline2", "=?base64?bGluZTEKbGluZTI=?="),
        ("=?base64?literal?=", "=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?="),
    ])
    func specEncodingExamples(_ value: String, _ encoded: String) {
        #expect(fields(["region": .string(value)])["Mcp-Param-Region"] == encoded)
    }

    @Test func absentNullAndNonIntegralValuesSendNoHeader() {
        #expect(fields(["query": "x"]).isEmpty)
        #expect(fields(["region": .null, "options": ["limit": 1.5]]).isEmpty)
        #expect(fields(["options": "not an object"]).isEmpty)
        #expect(fields(["options": ["limit": 9_007_199_254_740_993]]).isEmpty)
        #expect(ToolParameterHeaders().fields(forCall: "unknown", arguments: ["region": "x"]).isEmpty)
    }

    @Test(arguments: [
        ("below items", ["type": "object", "properties": ["rows": ["type": "array", "items": ["type": "string", "x-mcp-header": "Row"]]]]),
        ("in oneOf", ["type": "object", "oneOf": [["properties": ["a": ["type": "string", "x-mcp-header": "A"]]]]]),
        ("number type", ["type": "object", "properties": ["n": ["type": "number", "x-mcp-header": "N"]]]),
        ("empty name", ["type": "object", "properties": ["s": ["type": "string", "x-mcp-header": ""]]]),
        ("not a token", ["type": "object", "properties": ["s": ["type": "string", "x-mcp-header": "Bad Name"]]]),
        ("duplicate", ["type": "object", "properties": ["a": ["type": "string", "x-mcp-header": "Dup"], "b": ["type": "string", "x-mcp-header": "dup"]]]),
        ("object type", ["type": "object", "properties": ["o": ["type": "object", "x-mcp-header": "O"]]]),
    ] as [(String, JSONValue)])
    func invalidAnnotationsDeclareNothingAndAreReported(_ label: String, _ schema: JSONValue) {
        let headers = learned(schema, name: "bad")
        #expect(headers.declarations["bad"] == nil, "\(label)")
        #expect(headers.problems.count == 1, "\(label)")
        #expect(headers.problems.first?.contains("\"bad\"") == true)
    }

    @Test func aPropertyNamedLikeTheKeywordIsNotAnAnnotation() {
        let schema: JSONValue = ["type": "object", "properties": ["x-mcp-header": ["type": "string"]], "default": ["x-mcp-header": "V"]]
        let headers = learned(schema, name: "odd")
        #expect(headers.problems.isEmpty)
        #expect(headers.declarations["odd"] == nil)
    }

    @Test func modernToolsCallCarriesTheParameterHeadersAfterTheStandardOnes() {
        let call: JSONValue = ["jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": [
            "name": "execute_sql", "arguments": ["region": "eu"],
            "_meta": ["io.modelcontextprotocol/protocolVersion": "2026-07-28"],
        ]]
        let parameters = learned(schema).fields(forCall: "execute_sql", arguments: call["params"]?["arguments"])
        let sent = MCPHTTPHeaders.streamablePost(for: call, custom: [HTTPHeaderField(name: "mcp-param-region", value: "spoofed")], sessionID: nil, negotiatedVersion: nil, parameters: parameters)
        let names = sent.map(\.name)
        #expect(names.contains("Mcp-Method") && names.contains("Mcp-Name"))
        #expect(sent.filter { $0.name.lowercased() == "mcp-param-region" }.map(\.value) == ["eu"], "a custom header may not override a mirrored argument")
        #expect(MCPHTTPHeaders.isModern(call))
    }
}
