import AccordJSON

/// The definitions of one kind on both sides of a diff, paired by identity, with the pairs whose
/// content is identical set aside: they cannot hold a change, so nothing compares them.
///
/// Pairing: each old definition meets the new one of its identity (the last, should a
/// hand-written file repeat one); an old one without a counterpart is removed, a new one whose
/// identity the old side lacks is added.
///
/// ```swift
/// let tools = DefinitionChanges(old: old.tools, new: new.tools, kind: .tool)
/// for pair in tools.changed { compare(pair.old.value, pair.new.value) }
/// ```
public struct DefinitionChanges: Sendable {
    public typealias Pair = (name: String, old: DefinitionSlot, new: DefinitionSlot)

    /// Both sides' definitions as listed (identity order in a snapshot).
    public let old: [DefinitionSlot]
    public let new: [DefinitionSlot]
    /// Paired definitions whose content differs (or may differ), in old-side order.
    public private(set) var changed: [Pair] = []
    /// Definitions only the old side has.
    public private(set) var removed: [DefinitionSlot] = []
    /// Definitions only the new side has.
    public private(set) var added: [DefinitionSlot] = []
    /// Identities whose definition is the same on both sides.
    public private(set) var unchanged: Set<String> = []

    public init(old: [DefinitionSlot], new: [DefinitionSlot]) {
        self.old = old
        self.new = new
        var newByName: [String: DefinitionSlot] = [:]
        for slot in new { if let name = slot.identity { newByName[name] = slot } }
        var seen: Set<String> = []
        for slot in old {
            guard let name = slot.identity else { continue }
            seen.insert(name)
            guard let counterpart = newByName[name] else { removed.append(slot); continue }
            if slot.hasSameContent(as: counterpart) {
                unchanged.insert(name)
            } else {
                changed.append((name, slot, counterpart))
            }
        }
        for slot in new {
            guard let name = slot.identity, !seen.contains(name) else { continue }
            added.append(slot)
        }
    }

    public init(old: [JSONValue], new: [JSONValue], kind: DefinitionKind) {
        self.init(old: old.map { DefinitionSlot(value: $0, kind: kind) }, new: new.map { DefinitionSlot(value: $0, kind: kind) })
    }
}
