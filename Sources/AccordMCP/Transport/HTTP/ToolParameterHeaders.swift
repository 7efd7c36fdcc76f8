import AccordJSON

/// The tool arguments a 2026-07-28 server wants mirrored into `Mcp-Param-{Name}` headers on
/// `tools/call` (the `x-mcp-header` schema extension), learned from `tools/list` results.
///
/// A property of a tool's `inputSchema` reachable from the root through `properties` keys only
/// may carry `"x-mcp-header": "Region"`; each call then sends `Mcp-Param-Region: <value>` when
/// the argument is present (strings as they are, integers in decimal, booleans as `true`/`false`,
/// non-header-safe text as `=?base64?…?=`), so gateways can route without reading the body.
///
/// ```swift
/// var headers = ToolParameterHeaders()
/// headers.learn(fromToolsListResult: result)          // {"tools":[{"name":"execute_sql","inputSchema":…}]}
/// headers.fields(forCall: "execute_sql", arguments: ["region": "us-west1", "query": "…"])
/// // [Mcp-Param-Region: us-west1]
/// ```
struct ToolParameterHeaders: Sendable {
    /// One annotated property: where its value is in the arguments, and the header name part.
    struct Declaration: Sendable, Equatable {
        var path: [String]
        var name: String
    }

    private(set) var declarations: [String: [Declaration]] = [:]
    /// Why tools were refused, one line each, for warnings.
    private(set) var problems: [String] = []

    /// Records the declarations of every tool in one `tools/list` page. A tool whose annotations
    /// break the spec's constraints gets none (and a problem line): the spec has clients exclude
    /// such tools; Accord still lists them, since a snapshot records what the server serves.
    mutating func learn(fromToolsListResult result: JSONValue) {
        for tool in result["tools"]?.arrayValue ?? [] {
            guard let name = tool["name"]?.stringValue else { continue }
            switch Self.declarations(in: tool["inputSchema"] ?? .null) {
            case .success(let found):
                declarations[name] = found.isEmpty ? nil : found
            case .failure(let problem):
                declarations[name] = nil
                let line = "the tool \"\(MCPError.clip(name, 80))\" has an invalid x-mcp-header annotation (\(problem.reason)); a 2026-07-28 client must not call it over HTTP"
                if !problems.contains(line) { problems.append(line) }
            }
        }
    }

    /// The `Mcp-Param-*` headers for calling `tool` with `arguments`.
    func fields(forCall tool: String, arguments: JSONValue?) -> [HTTPHeaderField] {
        (declarations[tool] ?? []).compactMap { declaration in
            var value = arguments
            for key in declaration.path { value = value?[key] }
            guard let text = value.flatMap(Self.headerText) else { return nil }
            return HTTPHeaderField(name: MCPHTTPHeaders.parameterPrefix + declaration.name, value: MCPHTTPHeaders.encodedValue(text))
        }
    }

    struct InvalidDeclaration: Error, Equatable {
        var reason: String
    }

    /// Every `x-mcp-header` in `schema`, or why the annotations are invalid: an empty or
    /// non-token name, a name used twice (case-insensitively), a non-primitive or `number`
    /// property, or an annotation not reachable through `properties` alone.
    static func declarations(in schema: JSONValue) -> Result<[Declaration], InvalidDeclaration> {
        var found: [Declaration] = []
        var invalid: InvalidDeclaration?
        func visit(_ node: JSONValue, path: [String]) {
            guard invalid == nil, let object = node.objectValue else { return }
            if let annotation = object["x-mcp-header"] {
                guard let name = annotation.stringValue, !name.isEmpty, name.unicodeScalars.allSatisfy(isTokenCharacter) else {
                    invalid = InvalidDeclaration(reason: "\(path.joined(separator: ".")): the header name must be a non-empty HTTP token")
                    return
                }
                guard ["string", "integer", "boolean"].contains(object["type"]?.stringValue ?? "") else {
                    invalid = InvalidDeclaration(reason: "\(path.joined(separator: ".")): only string, integer and boolean properties may be mirrored")
                    return
                }
                guard !found.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
                    invalid = InvalidDeclaration(reason: "the header name \(name) is used twice")
                    return
                }
                found.append(Declaration(path: path, name: name))
            }
            for (key, child) in object["properties"]?.objectValue ?? [:] { visit(child, path: path + [key]) }
        }
        visit(schema, path: [])
        if let invalid { return .failure(invalid) }
        let everywhere = annotationCount(in: schema)
        guard everywhere == found.count else {
            return .failure(InvalidDeclaration(reason: "an annotation sits below items, a combinator, a condition or $ref, where it is not statically reachable"))
        }
        return .success(found.sorted { $0.name.lowercased() < $1.name.lowercased() })
    }

    /// Every `x-mcp-header` in the schema wherever it sits (subschema keywords only: a property
    /// *named* `x-mcp-header` or an `enum` value holding one does not count).
    private static func annotationCount(in schema: JSONValue) -> Int {
        guard let object = schema.objectValue else {
            return schema.arrayValue?.reduce(0) { $0 + annotationCount(in: $1) } ?? 0
        }
        var count = object["x-mcp-header"] == nil ? 0 : 1
        for (key, value) in object {
            if schemaMapKeywords.contains(key) {
                count += (value.objectValue ?? [:]).values.reduce(0) { $0 + annotationCount(in: $1) }
            } else if schemaKeywords.contains(key) {
                count += annotationCount(in: value)
            }
        }
        return count
    }

    private static let schemaMapKeywords: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    private static let schemaKeywords: Set<String> = [
        "items", "prefixItems", "additionalItems", "additionalProperties", "contains", "not", "if", "then", "else",
        "allOf", "anyOf", "oneOf", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
    ]

    /// The spec's type conversion: strings as they are, integers in decimal, booleans lowercase;
    /// `null` and anything else sends no header.
    private static func headerText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            guard let integer = Int64(exactly: number.doubleValue), (-9_007_199_254_740_991...9_007_199_254_740_991).contains(integer) else { return nil }
            return String(integer)
        default: return nil
        }
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        case "!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~": true
        default: false
        }
    }
}
