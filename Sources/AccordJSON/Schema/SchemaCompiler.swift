/// Turns a schema document into a ``CompiledSchema``: decodes every keyword's arguments once,
/// compiles regular expressions once and resolves every `$ref` to a node index — into the
/// document itself, into one of the documents the caller supplied, or into a built-in
/// metaschema (see ``SchemaResourceIndex``).
///
/// Nodes are memoised by their location, and a node's index is reserved before its keywords are
/// compiled, so `{"$ref": "#"}` and mutually recursive `$defs` compile to cycles and terminate.
/// A `$dynamicRef` whose first target declares the same `$dynamicAnchor` compiles to a dynamic
/// reference, chosen at evaluation time from the resources in the dynamic scope.
struct SchemaCompiler {
    private var index: SchemaResourceIndex
    private(set) var nodes: [SchemaNode] = []
    private var nodeAt: [SchemaLocation: Int] = [:]
    private var usesUnevaluated = false
    /// What each document's dialect and metaschema allow, read once per document.
    private var rules: [String: DocumentRules] = [:]

    /// The dialect of a document and the vocabularies its `$schema` metaschema declares.
    struct DocumentRules {
        var dialect: SchemaDialect
        /// Whether `type`, `enum`, `minimum` … apply (the validation vocabulary is declared, or
        /// the metaschema is unknown).
        var validation: Bool
        /// Whether `format` is an assertion here (the format-assertion vocabulary is declared).
        var formatAssertion: Bool
    }

    init(document: JSONValue, documents: [String: JSONValue] = [:]) {
        index = SchemaResourceIndex(root: document, documents: documents)
    }

    /// Compiles the whole document (lazily reaching only what the root can reach).
    static func compile(_ document: JSONValue, documents: [String: JSONValue] = [:]) -> CompiledSchema {
        var compiler = SchemaCompiler(document: document, documents: documents)
        let root = compiler.node(at: SchemaLocation(document: SchemaResourceIndex.rootDocument, pointer: .root))
        // The dynamic anchors of every resource a node came from, compiled until no new
        // resource turns up, so a `$dynamicRef` can jump to any of them.
        var dynamicAnchors: [Int: [String: Int]] = [:]
        while let resource = Set(compiler.nodes.map(\.resource)).subtracting(dynamicAnchors.keys).first {
            dynamicAnchors[resource] = [:]
            for (name, location) in compiler.index.resources[resource].dynamicAnchors {
                dynamicAnchors[resource]?[name] = compiler.node(at: location)
            }
        }
        return CompiledSchema(nodes: compiler.nodes, root: root, usesUnevaluated: compiler.usesUnevaluated, dynamicAnchors: dynamicAnchors)
    }

    /// The node for the subschema at `location`, compiling it on first use.
    mutating func node(at location: SchemaLocation) -> Int {
        if let existing = nodeAt[location] { return existing }
        let schema = index.documents[location.document]?[pointer: location.pointer] ?? .bool(true)
        let (base, resource) = index.scope(of: location)
        let slot = nodes.count
        nodes.append(.placeholder(at: location.pointer, resource: resource))
        nodeAt[location] = slot
        let node: SchemaNode
        switch schema {
        case .bool(let flag):
            node = SchemaNode(location: location.pointer, constant: flag, keywords: [], resource: resource)
        case .object(let members):
            node = SchemaNode(location: location.pointer, constant: nil, keywords: keywords(members, at: location, base: base), resource: resource)
        default:
            let problem = SchemaKeyword(
                name: "schema", location: location.pointer,
                check: .invalid("the schema at \(location.pointer.displayText) is \(schema.typeName), not an object or boolean"))
            node = SchemaNode(location: location.pointer, constant: nil, keywords: [problem], resource: resource)
        }
        nodes[slot] = node
        return slot
    }

    /// The keywords of the 2020-12 validation vocabulary (and their draft-04 spellings).
    static let validationVocabulary: Set<String> = [
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
        "maxProperties", "minProperties", "required", "dependentRequired",
    ]

    private mutating func documentRules(_ document: String) -> DocumentRules {
        if let known = rules[document] { return known }
        let vocabularies = index.vocabularies(of: document)
        let vocabulary = "https://json-schema.org/draft/2020-12/vocab/"
        let found = DocumentRules(
            dialect: SchemaDialect(schema: index.documents[document] ?? .bool(true)),
            validation: vocabularies.map { $0.contains(vocabulary + "validation") } ?? true,
            formatAssertion: vocabularies?.contains(vocabulary + "format-assertion") ?? false)
        rules[document] = found
        return found
    }

    private mutating func keywords(_ members: [String: JSONValue], at location: SchemaLocation, base: String) -> [SchemaKeyword] {
        let pointer = location.pointer
        let rules = documentRules(location.document)
        let dialect = rules.dialect
        var result: [SchemaKeyword] = []
        func add(_ name: String, _ check: SchemaCheck) {
            // Under a metaschema without the validation vocabulary only the applicators apply.
            if !rules.validation, Self.validationVocabulary.contains(name) { return }
            result.append(SchemaKeyword(name: name, location: pointer.appending(name), check: check))
        }
        func at(_ tokens: String...) -> SchemaLocation {
            SchemaLocation(document: location.document, pointer: tokens.reduce(pointer) { $0.appending($1) })
        }
        func child(_ name: String) -> Int? {
            guard members[name] != nil else { return nil }
            return node(at: at(name))
        }
        func children(_ name: String) -> [Int]? {
            guard case .array(let values)? = members[name] else { return nil }
            return values.indices.map { offset in node(at: at(name, String(offset))) }
        }
        func namedChildren(_ name: String) -> [(String, Int)]? {
            guard case .object(let values)? = members[name] else { return nil }
            return JSONEncoding.sortedKeys(values).map { key in (key, node(at: at(name, key))) }
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
            switch index.locate(target, from: base) {
            case .success(let found):
                let anchor = SchemaURI.split(target).fragment
                if name == "$dynamicRef", !anchor.isEmpty, !anchor.hasPrefix("/"), index.hasDynamicAnchor(anchor, at: found) {
                    add(name, .dynamicReference(node(at: found), anchor: anchor))
                } else {
                    add(name, .reference(node(at: found)))
                }
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
        if let format = members["format"]?.stringValue { add("format", .format(format, asserted: rules.formatAssertion)) }

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
                    schemas.append((key, node(at: at("dependencies", key))))
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
