import AccordJSON

/// What the evolution pipeline compares: both sides' server-level fields and, per kind, the
/// definitions paired by identity with the identical ones set aside.
///
/// Built from two snapshots in memory, or from two snapshot files by ``SnapshotOutline``, which
/// reads only the definitions that changed.
///
/// ```swift
/// let changes = SnapshotChanges(old: baseline, new: candidate)
/// changes[.tool].changed.count   // tools whose definition differs
/// ```
public struct SnapshotChanges: Sendable {
    public let old: SnapshotHeader
    public let new: SnapshotHeader
    private let kinds: [DefinitionKind: DefinitionChanges]

    public init(old: SnapshotHeader, new: SnapshotHeader, definitions: [DefinitionKind: DefinitionChanges]) {
        self.old = old
        self.new = new
        kinds = definitions
    }

    public init(old: Snapshot, new: Snapshot) {
        var kinds: [DefinitionKind: DefinitionChanges] = [:]
        for kind in DefinitionKind.allCases {
            kinds[kind] = DefinitionChanges(old: old.definitions(kind), new: new.definitions(kind), kind: kind)
        }
        self.init(old: old.header, new: new.header, definitions: kinds)
    }

    public subscript(kind: DefinitionKind) -> DefinitionChanges {
        kinds[kind] ?? DefinitionChanges(old: [] as [DefinitionSlot], new: [])
    }
}
