/// Resolves `$ref` values inside one schema document to JSON Pointers into it.
///
/// Accord never fetches anything: a reference resolves when it points into the document itself —
/// `#`, `#/$defs/x`, `#/definitions/x`, any JSON Pointer fragment (with `~0`/`~1` and
/// percent-encoding), `#name` via `$anchor`/`$dynamicAnchor`, or a URI equal to a `$id` in the
/// document (the root's or an embedded schema's, optionally with a fragment). Anything else is an
/// external reference and is reported, not followed.
///
/// ```swift
/// let resolver = SchemaResolver(document: ["$defs": ["id": ["type": "string"]]])
/// try resolver.resolve("#/$defs/id").get()   // JSONPointer "/$defs/id"
/// try resolver.target(of: "#/$defs/id").get() // {"type":"string"}
/// ```
///
/// The validator and the instance generator use it; so can anything else that must look through
/// `$ref`s, such as a schema differ.
public struct SchemaResolver: Sendable {
    /// The schema document references are resolved in.
    public let document: JSONValue
    private(set) var anchors: [String: JSONPointer] = [:]
    private(set) var dynamicAnchors: [String: JSONPointer] = [:]
    private(set) var identifiers: [String: JSONPointer] = [:]
    private let rootIdentifier: String?

    /// Indexes the `$anchor`s, `$dynamicAnchor`s and `$id`s of `document` once.
    public init(document: JSONValue) {
        self.document = document
        rootIdentifier = document["$id"]?.stringValue.map(SchemaResolver.withoutFragment)
        index(document, at: .root, depth: 0)
    }

    /// Where `reference` points in ``document``, or why it does not resolve.
    public func resolve(_ reference: String) -> Result<JSONPointer, SchemaReferenceError> {
        resolve(reference, dynamic: false)
    }

    /// The schema `reference` points to. When that schema is itself nothing but a `$ref`, the
    /// chain is followed to its end; a chain that comes back on itself is a
    /// ``SchemaReferenceError/cycle(_:)``, not an endless loop.
    public func target(of reference: String) -> Result<JSONValue, SchemaReferenceError> {
        var chain: [String] = []
        var visited: Set<JSONPointer> = []
        var current = reference
        while true {
            chain.append(current)
            let pointer: JSONPointer
            switch resolve(current) {
            case .success(let found): pointer = found
            case .failure(let error): return .failure(error)
            }
            guard visited.insert(pointer).inserted else { return .failure(.cycle(chain)) }
            let schema = document[pointer: pointer] ?? .bool(true)
            guard case .object(let members) = schema, members.count == 1, let next = members["$ref"]?.stringValue else {
                return .success(schema)
            }
            current = next
        }
    }

    func resolve(_ reference: String, dynamic: Bool) -> Result<JSONPointer, SchemaReferenceError> {
        let base: Substring
        let fragment: Substring
        if let hash = reference.firstIndex(of: "#") {
            base = reference[..<hash]
            fragment = reference[reference.index(after: hash)...]
        } else {
            base = Substring(reference)
            fragment = ""
        }
        var resource = JSONPointer.root
        if !base.isEmpty {
            guard let found = resourcePointer(for: String(base)) else {
                return .failure(.external(reference))
            }
            resource = found
        }
        let decoded = SchemaResolver.percentDecode(fragment)
        if decoded.isEmpty { return .success(resource) }
        if decoded.hasPrefix("/") {
            // Lenient like most implementations: a `~` not followed by 0 or 1 stays a `~`.
            let tokens = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
                String($0).replacing("~1", with: "/").replacing("~0", with: "~")
            }
            let pointer = JSONPointer(tokens: tokens)
            let target = resource.appending(pointer)
            guard document[pointer: target] != nil else { return .failure(.unresolvable(reference)) }
            return .success(target)
        }
        if dynamic, let pointer = dynamicAnchors[decoded] { return .success(pointer) }
        if let pointer = anchors[decoded] ?? dynamicAnchors[decoded] { return .success(pointer) }
        return .failure(.unresolvable(reference))
    }

    private func resourcePointer(for base: String) -> JSONPointer? {
        if let root = rootIdentifier, base == root || SchemaResolver.resolve(base, against: root) == root { return .root }
        if let pointer = identifiers[base] { return pointer }
        if let root = rootIdentifier, let pointer = identifiers[SchemaResolver.resolve(base, against: root)] { return pointer }
        return nil
    }

    /// Walks schema positions only, so an `$anchor` inside an `enum` value is not taken for one.
    private mutating func index(_ schema: JSONValue, at pointer: JSONPointer, depth: Int) {
        guard depth < 256, case .object(let members) = schema else { return }
        if let anchor = members["$anchor"]?.stringValue { anchors[anchor] = anchors[anchor] ?? pointer }
        if let anchor = members["$dynamicAnchor"]?.stringValue { dynamicAnchors[anchor] = dynamicAnchors[anchor] ?? pointer }
        if !pointer.tokens.isEmpty, let identifier = members["$id"]?.stringValue {
            let plain = SchemaResolver.withoutFragment(identifier)
            if !plain.isEmpty {
                identifiers[plain] = pointer
                if let root = rootIdentifier { identifiers[SchemaResolver.resolve(plain, against: root)] = pointer }
            } else if identifier.hasPrefix("#"), identifier.count > 1 {
                // draft-06/07 spelling of an anchor: `"$id": "#name"`.
                anchors[String(identifier.dropFirst())] = pointer
            }
        }
        for (key, value) in members {
            switch key {
            case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
                guard case .object(let children) = value else { continue }
                for (name, child) in children { index(child, at: pointer.appending(key).appending(name), depth: depth + 1) }
            case "items", "prefixItems", "allOf", "anyOf", "oneOf":
                if case .array(let children) = value {
                    for (offset, child) in children.enumerated() { index(child, at: pointer.appending(key).appending(offset), depth: depth + 1) }
                } else {
                    index(value, at: pointer.appending(key), depth: depth + 1)
                }
            case "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "additionalItems", "propertyNames",
                 "contains", "not", "if", "then", "else":
                index(value, at: pointer.appending(key), depth: depth + 1)
            default:
                continue
            }
        }
    }

    static func withoutFragment(_ uri: String) -> String {
        guard let hash = uri.firstIndex(of: "#") else { return uri }
        return String(uri[..<hash])
    }

    /// Enough of RFC 3986 §5.2 for ids: absolute stays, `/path` keeps the authority, anything
    /// else replaces the last path segment of the base.
    static func resolve(_ reference: String, against base: String) -> String {
        if let colon = reference.firstIndex(of: ":"), !reference[..<colon].contains("/") { return reference }
        guard let schemeEnd = base.firstRange(of: "://") else {
            guard let slash = base.lastIndex(of: "/") else { return reference }
            return String(base[...slash]) + reference
        }
        if reference.hasPrefix("/") {
            let afterScheme = base[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex(of: "/") ?? base.endIndex
            return String(base[..<authorityEnd]) + reference
        }
        guard let slash = base.lastIndex(of: "/"), slash >= schemeEnd.upperBound else { return base + "/" + reference }
        return String(base[...slash]) + reference
    }

    static func percentDecode(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count, let high = hex(utf8[index + 1]), let low = hex(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Why a `$ref` did not resolve.
public enum SchemaReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Points outside the document; Accord does not fetch schemas.
    case external(String)
    /// Points into the document at something that is not there.
    case unresolvable(String)
    /// A chain of references that only point at each other, in the order followed.
    case cycle([String])

    /// What went wrong, naming the reference(s).
    public var description: String {
        switch self {
        case .external(let reference): "unsupported external reference \"\(reference)\""
        case .unresolvable(let reference): "cannot resolve the reference \"\(reference)\""
        case .cycle(let chain): "the references \(chain.map { "\"\($0)\"" }.joined(separator: " → ")) form a cycle"
        }
    }
}
