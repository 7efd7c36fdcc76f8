import AccordJSON

/// Several schemas that must all hold, written as one: what `allOf` branches, the keywords
/// beside a `$ref`, and the keywords beside a nullable `anyOf` mean together.
///
/// Merging is only done where it is exact: no keyword is said twice differently (except
/// `properties` with distinct names and `required`, which combine, and annotations, where the
/// first part wins), and no part closes what another extends — `additionalProperties` only
/// sees the properties of its own schema, `items` only the `prefixItems` beside it.
enum SchemaConjunction {
    static func merge(_ parts: [[String: JSONValue]]) -> [String: JSONValue]? {
        let parts = parts.map { $0.filter { !SchemaKeywords.definitions.contains($0.key) } }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return parts.first ?? [:] }
        guard !interfere(parts) else { return nil }

        var merged: [String: JSONValue] = [:]
        for part in parts {
            for key in JSONEncoding.sortedKeys(part) {
                guard let value = part[key] else { continue }
                guard let existing = merged[key] else {
                    merged[key] = value
                    continue
                }
                if SchemaValue.equal(existing, value) { continue }
                switch key {
                case "properties":
                    guard var properties = existing.objectValue, let more = value.objectValue else { return nil }
                    for (name, schema) in more {
                        if let present = properties[name], !SchemaValue.equal(present, schema) { return nil }
                        properties[name] = schema
                    }
                    merged[key] = .object(properties)
                case "required":
                    let names = (existing.arrayValue ?? []) + (value.arrayValue ?? [])
                    var seen: Set<String> = []
                    merged[key] = .array(names.filter { $0.stringValue.map { seen.insert($0).inserted } ?? false })
                default:
                    // Annotations: the first part says it. Constraints said twice: not one schema.
                    guard SchemaKeywords.siblingsOnly.contains(key) || key.hasPrefix("x-") else { return nil }
                }
            }
        }
        return merged
    }

    private static let closesObjects: Set<String> = ["additionalProperties", "unevaluatedProperties"]
    private static let declaresProperties: Set<String> = ["properties", "patternProperties"]
    private static let closesArrays: Set<String> = ["items", "additionalItems", "unevaluatedItems"]
    private static let declaresPositions: Set<String> = ["prefixItems"]

    /// Whether one part's closing keywords would see another part's properties or positions
    /// once merged (or `unevaluated*`, which sees every part, meets more than one).
    private static func interfere(_ parts: [[String: JSONValue]]) -> Bool {
        let constraining = parts.filter { $0.keys.contains { !SchemaKeywords.siblingsOnly.contains($0) && !$0.hasPrefix("x-") } }
        if constraining.count > 1, constraining.contains(where: { $0["unevaluatedProperties"] != nil || $0["unevaluatedItems"] != nil }) {
            return true
        }
        for (index, part) in parts.enumerated() {
            let others = parts.indices.filter { $0 != index }.map { parts[$0] }
            let closes = part.contains { closesObjects.contains($0.key) && !isTrivial($0.value) }
            if closes, others.contains(where: { $0.keys.contains(where: declaresProperties.contains) }) { return true }
            let closesItems = part.contains { closesArrays.contains($0.key) && !isTrivial($0.value) }
            let declaresTuple: ([String: JSONValue]) -> Bool = { other in
                other.keys.contains(where: declaresPositions.contains) || other["items"]?.arrayValue != nil
            }
            if closesItems, others.contains(where: declaresTuple) { return true }
        }
        return false
    }

    /// `true` and `{}`: a closing keyword that closes nothing.
    private static func isTrivial(_ value: JSONValue) -> Bool {
        value == .bool(true) || value == .object([:])
    }
}
