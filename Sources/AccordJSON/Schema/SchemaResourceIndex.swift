/// Where a subschema lives: the document (by the URI it was loaded from) and the pointer in it.
struct SchemaLocation: Hashable, Sendable {
    var document: String
    var pointer: JSONPointer
}

/// The schema resources the validator can reach: the schema being compiled, the documents given
/// in ``JSONSchemaValidator/Options/documents`` and the built-in 2020-12 metaschemas, each
/// indexed when first referenced.
///
/// Indexing walks schema positions only and tracks the base URI as `$id`s change it (RFC 3986
/// resolution against the enclosing base), recording for every subschema its base URI and the
/// resource it belongs to, every resource's URI, and every `$anchor`/`$dynamicAnchor` as
/// `base#name`. References then resolve to a ``SchemaLocation``:
///
/// ```swift
/// var index = SchemaResourceIndex(root: ["$id": "https://example.com/a.json", "$defs": ["b": ["$anchor": "b"]]], documents: [:])
/// try index.locate("a.json#b", from: "https://example.com/a.json").get() // /$defs/b in the root document
/// ```
struct SchemaResourceIndex {
    /// A schema resource: where its root is and the `$dynamicAnchor`s it declares.
    struct Resource {
        var root: SchemaLocation
        var dynamicAnchors: [String: SchemaLocation] = [:]
    }

    /// The document being compiled is known under this key.
    static let rootDocument = SchemaURI.anonymousBase

    private let available: [String: JSONValue]
    private(set) var documents: [String: JSONValue] = [:]
    private(set) var resources: [Resource] = []
    private var resourceAt: [String: Int] = [:]
    private var anchors: [String: SchemaLocation] = [:]
    private var baseURIs: [SchemaLocation: String] = [:]
    private var resourceOf: [SchemaLocation: Int] = [:]

    init(root: JSONValue, documents available: [String: JSONValue]) {
        self.available = available
        load(root, as: Self.rootDocument)
    }

    /// The base URI in effect at `location`, and the resource it belongs to.
    func scope(of location: SchemaLocation) -> (base: String, resource: Int) {
        var pointer = location.pointer
        while true {
            let here = SchemaLocation(document: location.document, pointer: pointer)
            if let base = baseURIs[here], let resource = resourceOf[here] { return (base, resource) }
            guard !pointer.tokens.isEmpty else { return (location.document, 0) }
            pointer = JSONPointer(tokens: Array(pointer.tokens.dropLast()))
        }
    }

    /// The schema `reference` (as written, resolved against `base`) points at. A document not
    /// loaded yet is loaded from the available ones; one that is not available is
    /// ``SchemaReferenceError/external(_:)``.
    mutating func locate(_ reference: String, from base: String) -> Result<SchemaLocation, SchemaReferenceError> {
        let (resource, fragment) = SchemaURI.split(SchemaURI.resolve(reference, against: base))
        if resourceAt[resource] == nil, let document = available[resource] ?? SchemaMetaschemas.documents[resource] {
            load(document, as: resource)
        }
        guard let found = resourceAt[resource] else { return .failure(.external(reference)) }
        let root = resources[found].root
        if fragment.isEmpty { return .success(root) }
        if fragment.hasPrefix("/") {
            // Lenient like most implementations: a `~` not followed by 0 or 1 stays a `~`.
            let tokens = fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
                String($0).replacing("~1", with: "/").replacing("~0", with: "~")
            }
            let target = SchemaLocation(document: root.document, pointer: root.pointer.appending(JSONPointer(tokens: tokens)))
            guard documents[target.document]?[pointer: target.pointer] != nil else { return .failure(.unresolvable(reference)) }
            return .success(target)
        }
        guard let anchor = anchors[resource + "#" + fragment] else { return .failure(.unresolvable(reference)) }
        return .success(anchor)
    }

    /// Whether the subschema at `location` declares `$dynamicAnchor: name`.
    func hasDynamicAnchor(_ name: String, at location: SchemaLocation) -> Bool {
        documents[location.document]?[pointer: location.pointer]?["$dynamicAnchor"]?.stringValue == name
    }

    /// The document's root `$schema` metaschema, when it is one Accord has: its `$vocabulary`.
    func vocabularies(of document: String) -> Set<String>? {
        guard let root = documents[document], let uri = root["$schema"]?.stringValue else { return nil }
        let metaschema = SchemaURI.split(uri).resource
        guard let meta = available[metaschema] ?? SchemaMetaschemas.documents[metaschema],
              case .object(let vocabulary)? = meta["$vocabulary"] else { return nil }
        return Set(vocabulary.keys)
    }

    private mutating func load(_ document: JSONValue, as uri: String) {
        documents[uri] = document
        let location = SchemaLocation(document: uri, pointer: .root)
        resourceAt[uri] = resources.count
        resources.append(Resource(root: location))
        index(document, at: location, base: uri, resource: resources.count - 1, depth: 0, legacyAnchors: SchemaDialect(schema: document).refOverridesSiblings)
    }

    private mutating func index(_ schema: JSONValue, at location: SchemaLocation, base: String, resource: Int, depth: Int, legacyAnchors: Bool) {
        guard depth < 256, case .object(let members) = schema else { return }
        var base = base
        var resource = resource
        if let identifier = members["$id"]?.stringValue {
            if legacyAnchors, identifier.hasPrefix("#"), identifier.count > 1 {
                // draft-06/07 spelling of an anchor: `"$id": "#name"`.
                anchors[base + identifier] = anchors[base + identifier] ?? location
            } else {
                let resolved = SchemaURI.split(SchemaURI.resolve(identifier, against: base)).resource
                base = resolved
                if location.pointer.tokens.isEmpty {
                    resourceAt[resolved] = resourceAt[resolved] ?? resource
                } else if resourceAt[resolved] == nil {
                    resource = resources.count
                    resources.append(Resource(root: location))
                    resourceAt[resolved] = resource
                }
            }
        }
        baseURIs[location] = base
        resourceOf[location] = resource
        if let anchor = members["$anchor"]?.stringValue { anchors[base + "#" + anchor] = anchors[base + "#" + anchor] ?? location }
        if let anchor = members["$dynamicAnchor"]?.stringValue {
            anchors[base + "#" + anchor] = anchors[base + "#" + anchor] ?? location
            resources[resource].dynamicAnchors[anchor] = resources[resource].dynamicAnchors[anchor] ?? location
        }
        func child(_ value: JSONValue, _ tokens: String...) {
            var pointer = location.pointer
            for token in tokens { pointer = pointer.appending(token) }
            index(value, at: SchemaLocation(document: location.document, pointer: pointer), base: base, resource: resource, depth: depth + 1, legacyAnchors: legacyAnchors)
        }
        for (key, value) in members {
            switch key {
            case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
                guard case .object(let children) = value else { continue }
                for (name, schema) in children { child(schema, key, name) }
            case "items", "prefixItems", "allOf", "anyOf", "oneOf":
                if case .array(let children) = value {
                    for (offset, schema) in children.enumerated() { child(schema, key, String(offset)) }
                } else {
                    child(value, key)
                }
            case "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "additionalItems", "propertyNames",
                 "contains", "not", "if", "then", "else", "contentSchema":
                child(value, key)
            default:
                continue
            }
        }
    }
}
