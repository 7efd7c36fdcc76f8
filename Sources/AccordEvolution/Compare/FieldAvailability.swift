/// Which definition fields a protocol version can carry, so that comparing snapshots captured
/// under different versions never reports a field one of them could not have held.
enum FieldAvailability {
    /// The first version (and, for fields later removed, the last) that carries each field.
    private static let ranges: [String: (from: String, through: String?)] = [
        "annotations": ("2025-03-26", nil),
        "title": ("2025-06-18", nil),
        "outputSchema": ("2025-06-18", nil),
        "_meta": ("2025-06-18", nil),
        "icons": ("2025-11-25", nil),
        "execution": ("2025-11-25", "2025-11-25"),
    ]

    static func carries(_ field: String, in version: String) -> Bool {
        guard let range = ranges[field] else { return true }
        if version < range.from { return false }
        if let last = range.through, version > last { return false }
        return true
    }

    /// True when both versions can carry `field`, so a difference in it is a real change.
    static func comparable(_ field: String, _ old: String, _ new: String) -> Bool {
        carries(field, in: old) && carries(field, in: new)
    }
}
