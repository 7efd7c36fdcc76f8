/// Turns a schema document into a ``CompiledSchema``: decodes every keyword's arguments once,
/// compiles regular expressions once and resolves every `$ref` to a node index.
///
/// Nodes are memoised by their pointer in the document, and a node's index is reserved before
/// its keywords are compiled, so `{"$ref": "#"}` and mutually recursive `$defs` compile to
/// cycles and terminate.
struct SchemaCompiler {
    let document: JSONValue
    let dialect: SchemaDialect
    let resolver: SchemaResolver
    private(set) var nodes: [SchemaNode] = []
    private var nodeAtPointer: [JSONPointer: Int] = [:]
    private var usesUnevaluated = false

    init(document: JSONValue) {
        self.document = document
        dialect = SchemaDialect(schema: document)
        resolver = SchemaResolver(document: document)
    }

    /// Compiles the whole document (lazily reaching only what the root can reach).
    static func compile(_ document: JSONValue) -> CompiledSchema {
        var compiler = SchemaCompiler(document: document)
        let root = compiler.node(at: .root)
        return compiler.result(root: root)
    }

    func result(root: Int) -> CompiledSchema {
        CompiledSchema(nodes: nodes, root: root, usesUnevaluated: usesUnevaluated)
    }

    /// The node for the subschema at `pointer` in the document, compiling it on first use.
    mutating func node(at pointer: JSONPointer) -> Int {
        if let existing = nodeAtPointer[pointer] { return existing }
        return compile(document[pointer: pointer] ?? .bool(true), at: pointer, inDocument: true)
    }

    /// Compiles a schema value that is not (necessarily) part of the document, such as one the
    /// instance generator assembled; its `$ref`s still resolve against the document.
    mutating func compileDetached(_ schema: JSONValue, at pointer: JSONPointer) -> Int {
        compile(schema, at: pointer, inDocument: false)
    }

    private mutating func compile(_ schema: JSONValue, at pointer: JSONPointer, inDocument: Bool) -> Int {
        if inDocument, let existing = nodeAtPointer[pointer] { return existing }
        let index = nodes.count
        nodes.append(.placeholder(at: pointer))
        if inDocument { nodeAtPointer[pointer] = index }
        let node: SchemaNode
        switch schema {
        case .bool(let flag):
            node = SchemaNode(location: pointer, constant: flag, keywords: [])
        case .object(let members):
            node = SchemaNode(location: pointer, constant: nil, keywords: keywords(members, at: pointer, inDocument: inDocument))
        default:
            let problem = SchemaKeyword(
                name: "schema", location: pointer,
                check: .invalid("the schema at \(pointer.displayText) is \(schema.typeName), not an object or boolean"))
            node = SchemaNode(location: pointer, constant: nil, keywords: [problem])
        }
        nodes[index] = node
        return index
    }

    private mutating func child(_ schema: JSONValue, at pointer: JSONPointer, inDocument: Bool) -> Int {
        compile(schema, at: pointer, inDocument: inDocument)
    }

    private mutating func keywords(_ members: [String: JSONValue], at pointer: JSONPointer, inDocument: Bool) -> [SchemaKeyword] {
        var result: [SchemaKeyword] = []
        func add(_ name: String, _ check: SchemaCheck) {
            result.append(SchemaKeyword(name: name, location: pointer.appending(name), check: check))
        }
        func child(_ name: String) -> Int? {
            guard let value = members[name] else { return nil }
            return self.child(value, at: pointer.appending(name), inDocument: inDocument)
        }
        func children(_ name: String) -> [Int]? {
            guard case .array(let values)? = members[name] else { return nil }
            return values.enumerated().map { offset, value in
                self.child(value, at: pointer.appending(name).appending(offset), inDocument: inDocument)
            }
        }
        func namedChildren(_ name: String) -> [(String, Int)]? {
            guard case .object(let values)? = members[name] else { return nil }
            return JSONEncoding.sortedKeys(values).map { key in
                (key, self.child(values[key] ?? .bool(true), at: pointer.appending(name).appending(key), inDocument: inDocument))
            }
        }
        func count(_ name: String) -> Int? {
            guard let number = members[name]?.numberValue else { return nil }
            let decimal = SchemaDecimal(number)
            guard !decimal.isNegative, decimal.isIntegral else { return nil }
            let value = decimal.doubleValue
            return value >= Double(Int.max) ? Int.max : Int(value)
        }
        func compilePattern(_ source: String, keyword: String) -> SchemaPattern? {
            do {
                return try SchemaPattern(source)
            } catch {
                add(keyword, .invalid("cannot use the pattern \(JSONValue.string(source)): \(error.reason)"))
                return nil
            }
        }

        for name in ["$ref", "$dynamicRef", "$recursiveRef"] {
            guard let reference = members[name]?.stringValue else { continue }
            let target = name == "$recursiveRef" ? "#" : reference
            switch resolver.resolve(target, dynamic: name == "$dynamicRef") {
            case .success(let targetPointer):
                add(name, .reference(node(at: targetPointer)))
            case .failure(let error):
                add(name, .unresolvedReference(error))
            }
            if dialect.refOverridesSiblings, name == "$ref" { return result }
        }

        if let type = members["type"] {
            let names: [String] = switch type {
            case .string(let name): [name]
            case .array(let values): values.compactMap(\.stringValue)
            default: []
            }
            let unknown = names.filter { SchemaType(rawValue: $0) == nil }
            if unknown.isEmpty {
                add("type", .types(names.compactMap(SchemaType.init(rawValue:))))
            } else {
                add("type", .invalid("unknown type \(JSONValue.string(unknown[0])); JSON Schema types are "
                    + SchemaType.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        if case .array(let values)? = members["enum"] { add("enum", .enumeration(values)) }
        if let value = members["const"] { add("const", .constant(value)) }

        if let number = members["multipleOf"]?.numberValue, SchemaDecimal(number) > .zero {
            add("multipleOf", .multipleOf(SchemaDecimal(number), text: number.text))
        }
        let draft4ExclusiveMaximum = members["exclusiveMaximum"]?.boolValue ?? false
        let draft4ExclusiveMinimum = members["exclusiveMinimum"]?.boolValue ?? false
        if let number = members["maximum"]?.numberValue {
            add("maximum", .maximum(SchemaDecimal(number), text: number.text, exclusive: draft4ExclusiveMaximum))
        }
        if let number = members["exclusiveMaximum"]?.numberValue {
            add("exclusiveMaximum", .maximum(SchemaDecimal(number), text: number.text, exclusive: true))
        }
        if let number = members["minimum"]?.numberValue {
            add("minimum", .minimum(SchemaDecimal(number), text: number.text, exclusive: draft4ExclusiveMinimum))
        }
        if let number = members["exclusiveMinimum"]?.numberValue {
            add("exclusiveMinimum", .minimum(SchemaDecimal(number), text: number.text, exclusive: true))
        }

        if let limit = count("maxLength") { add("maxLength", .maxLength(limit)) }
        if let limit = count("minLength") { add("minLength", .minLength(limit)) }
        if let source = members["pattern"]?.stringValue, let pattern = compilePattern(source, keyword: "pattern") {
            add("pattern", .pattern(pattern))
        }
        if let format = members["format"]?.stringValue { add("format", .format(format)) }

        if case .array(let values)? = members["required"] {
            add("required", .required(values.compactMap(\.stringValue)))
        }
        if case .object(let values)? = members["dependentRequired"] {
            let table = JSONEncoding.sortedKeys(values).map { key in (property: key, required: values[key]?.arrayValue?.compactMap(\.stringValue) ?? []) }
            add("dependentRequired", .dependentRequired(table))
        }
        if dialect.hasDependencies, case .object(let values)? = members["dependencies"] {
            var required: [(property: String, required: [String])] = []
            var schemas: [(property: String, node: Int)] = []
            for key in JSONEncoding.sortedKeys(values) {
                guard let value = values[key] else { continue }
                if case .array(let names) = value {
                    required.append((key, names.compactMap(\.stringValue)))
                } else {
                    schemas.append((key, self.child(value, at: pointer.appending("dependencies").appending(key), inDocument: inDocument)))
                }
            }
            if !required.isEmpty { add("dependencies", .dependentRequired(required)) }
            if !schemas.isEmpty { add("dependencies", .dependentSchemas(schemas)) }
        }
        if let limit = count("maxProperties") { add("maxProperties", .maxProperties(limit)) }
        if let limit = count("minProperties") { add("minProperties", .minProperties(limit)) }
        if let names = child("propertyNames") { add("propertyNames", .propertyNames(names)) }
        let properties = namedChildren("properties") ?? []
        if members["properties"]?.objectValue != nil {
            add("properties", .properties(properties.map { (name: $0.0, node: $0.1) }))
        }
        var patterns: [(pattern: SchemaPattern, node: Int)] = []
        if let entries = namedChildren("patternProperties") {
            for (source, node) in entries {
                if let pattern = compilePattern(source, keyword: "patternProperties") { patterns.append((pattern, node)) }
            }
            add("patternProperties", .patternProperties(patterns))
        }
        if let additional = child("additionalProperties") {
            add("additionalProperties", .additionalProperties(additional, declared: Set(properties.map(\.0)), patterns: patterns.map(\.pattern)))
        }
        if let entries = namedChildren("dependentSchemas") {
            add("dependentSchemas", .dependentSchemas(entries.map { (property: $0.0, node: $0.1) }))
        }

        if let limit = count("maxItems") { add("maxItems", .maxItems(limit)) }
        if let limit = count("minItems") { add("minItems", .minItems(limit)) }
        if members["uniqueItems"]?.boolValue == true { add("uniqueItems", .uniqueItems) }
        var prefixCount = 0
        if let prefix = children("prefixItems") {
            add("prefixItems", .prefixItems(prefix))
            prefixCount = prefix.count
        }
        if let tuple = children("items") {
            // An array-valued `items` is the pre-2020 tuple form; it cannot mean anything else,
            // so it is read that way in every dialect, together with `additionalItems`.
            add("items", .prefixItems(tuple))
            if let additional = child("additionalItems") { add("additionalItems", .items(additional, start: tuple.count)) }
        } else if let items = child("items") {
            add("items", .items(items, start: prefixCount))
        }
        if let contains = child("contains") {
            add("contains", .contains(contains, minimum: count("minContains") ?? 1, maximum: count("maxContains")))
        }

        if let nodes = children("allOf") { add("allOf", .allOf(nodes)) }
        if let nodes = children("anyOf") { add("anyOf", .anyOf(nodes)) }
        if let nodes = children("oneOf") { add("oneOf", .oneOf(nodes)) }
        if let node = child("not") { add("not", .not(node)) }
        if let condition = child("if") {
            // A lone `if` still contributes annotations to `unevaluated*`, so it is kept.
            add("if", .conditional(condition: condition, then: child("then"), else: child("else")))
        }

        if let node = child("unevaluatedProperties") {
            usesUnevaluated = true
            add("unevaluatedProperties", .unevaluatedProperties(node))
        }
        if let node = child("unevaluatedItems") {
            usesUnevaluated = true
            add("unevaluatedItems", .unevaluatedItems(node))
        }
        return result
    }
}

extension JSONPointer {
    /// The pointer as users read it in messages: `/` for the whole document.
    var displayText: String { tokens.isEmpty ? "/" : description }
}
