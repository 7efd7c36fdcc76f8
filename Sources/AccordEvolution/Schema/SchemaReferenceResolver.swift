import AccordJSON

/// Resolves the local references of one schema document: JSON Pointer fragments (`#/$defs/a`,
/// `#/definitions/a`, `#/properties/x`), `$anchor` / `$dynamicAnchor` names (`#node`), and
/// `$id`s declared inside the document (absolute, or relative to the root's `$id`).
///
/// Anything else (another file, a URL no `$id` in the document declares) is external and is
/// never fetched: the comparison reports it as undecidable. Every answer is cached, so a
/// reference used a thousand times is looked up once.
final class SchemaReferenceResolver {
    /// Where a reference leads.
    enum Resolution {
        /// The target schema and its location in the document (pointer tokens from the root).
        case resolved(JSONValue, location: [String])
        /// Points outside this document.
        case external
        /// Looks local but leads nowhere.
        case missing
    }

    private let document: JSONValue
    private var cache: [String: Resolution] = [:]
    private var index: Index?

    init(document: JSONValue) {
        self.document = document
    }

    func resolve(_ reference: String) -> Resolution {
        if let cached = cache[reference] { return cached }
        let resolution = lookUp(reference)
        cache[reference] = resolution
        return resolution
    }

    private func lookUp(_ reference: String) -> Resolution {
        let base: Substring, fragment: Substring?
        if let hash = reference.firstIndex(of: "#") {
            base = reference[..<hash]
            fragment = reference[reference.index(after: hash)...]
        } else {
            base = reference[...]
            fragment = nil
        }

        var baseLocation: [String] = []
        if !base.isEmpty {
            let index = self.index ?? buildIndex()
            guard let location = index.identifiers[index.absolute(String(base))] else { return .external }
            baseLocation = location
        }

        let location: [String]
        switch fragment {
        case nil, "":
            location = baseLocation
        case let fragment? where fragment.hasPrefix("/"):
            guard let decoded = Self.percentDecoded(fragment),
                  let pointer = try? JSONPointer(parsing: decoded) else { return .missing }
            location = baseLocation + pointer.tokens
        case let fragment?:
            let index = self.index ?? buildIndex()
            guard let anchored = index.anchors[String(fragment)] else { return base.isEmpty ? .missing : .external }
            location = anchored
        }
        guard let target = document[pointer: JSONPointer(tokens: location)], Self.isSchema(target) else { return .missing }
        return .resolved(target, location: location)
    }

    private static func isSchema(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .bool: true
        default: false
        }
    }

    // MARK: - Identifiers and anchors

    private struct Index {
        /// The root's `$id` without its file name, for resolving relative ids and references.
        var baseDirectory: String?
        var identifiers: [String: [String]] = [:]
        var anchors: [String: [String]] = [:]

        /// `id` made absolute against the root `$id`, without an empty trailing fragment.
        func absolute(_ id: String) -> String {
            var id = id
            if id.hasSuffix("#") { id.removeLast() }
            if SchemaReferenceResolver.isAbsolute(id) { return id }
            guard let baseDirectory else { return id }
            return baseDirectory + id
        }
    }

    private func buildIndex() -> Index {
        var index = Index()
        if let rootID = (document["$id"] ?? document["id"])?.stringValue, Self.isAbsolute(rootID) {
            var trimmed = rootID
            if trimmed.hasSuffix("#") { trimmed.removeLast() }
            if let slash = trimmed.lastIndex(of: "/") {
                index.baseDirectory = String(trimmed[...slash])
            }
        }
        var location: [String] = []
        collect(document, location: &location, into: &index)
        self.index = index
        return index
    }

    /// Keywords whose values are data, not schemas: identifiers inside them mean nothing.
    private static let dataKeywords: Set<String> = ["enum", "const", "default", "examples", "example"]

    private func collect(_ value: JSONValue, location: inout [String], into index: inout Index) {
        switch value {
        case .object(let members):
            if let anchor = members["$anchor"]?.stringValue, index.anchors[anchor] == nil { index.anchors[anchor] = location }
            if let anchor = members["$dynamicAnchor"]?.stringValue, index.anchors[anchor] == nil { index.anchors[anchor] = location }
            if let id = (members["$id"] ?? members["id"])?.stringValue {
                if id.hasPrefix("#") {
                    // Draft-06/07 plain-name fragments: `"$id": "#node"`.
                    let name = String(id.dropFirst())
                    if !name.isEmpty, index.anchors[name] == nil { index.anchors[name] = location }
                } else {
                    let absolute = index.absolute(id)
                    if index.identifiers[absolute] == nil { index.identifiers[absolute] = location }
                }
            }
            for (key, member) in members where !Self.dataKeywords.contains(key) {
                location.append(key)
                collect(member, location: &location, into: &index)
                location.removeLast()
            }
        case .array(let elements):
            for (offset, element) in elements.enumerated() {
                location.append(String(offset))
                collect(element, location: &location, into: &index)
                location.removeLast()
            }
        default:
            break
        }
    }

    /// Whether `id` names a resource on its own (`https://…`, `urn:…`) rather than relative to a base.
    static func isAbsolute(_ id: String) -> Bool {
        id.hasPrefix("urn:") || id.utf8.firstRange(of: "://".utf8) != nil
    }

    /// RFC 3986 percent-decoding of a URI fragment (`%24defs` → `$defs`); `nil` if malformed.
    static func percentDecoded(_ text: Substring) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
