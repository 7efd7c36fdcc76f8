import AccordJSON
import AccordSnapshot

/// Compares two snapshots of one server and classifies every change (RULES.md).
///
/// The stages: pair definitions by identity (detecting renames and template re-keyings), compare
/// each pair field by field — schemas through ``SchemaComparator`` in their direction — and
/// compare the server itself (capabilities, protocol version, instructions, info). Policy is
/// applied afterwards, by ``PolicyApplication``.
public struct SnapshotComparator: Sendable {
    public var options: ComparisonOptions

    public init(options: ComparisonOptions = ComparisonOptions()) {
        self.options = options
    }

    /// What a comparison produced before policy.
    public struct Result: Sendable, Equatable {
        public var findings: [Finding]
        public var comparedObjects: [ComparedObject]
    }

    public func compare(old: Snapshot, new: Snapshot) -> Result {
        compare(SnapshotChanges(old: old, new: new))
    }

    /// Compares what `changes` pairs; definitions identical on both sides are never looked at.
    public func compare(_ changes: SnapshotChanges) -> Result {
        let context = ComparisonContext(changes: changes, options: options)
        var findings: [Finding] = []
        findings += ServerComparison(context: context).compare()
        findings += ToolComparison(context: context).compareAll()
        findings += ResourceComparison(context: context).compareResources()
        findings += ResourceComparison(context: context).compareTemplates()
        findings += PromptComparison(context: context).compareAll()

        var objects: Set<ComparedObject> = [ComparedObject(kind: .server, name: changes.old.serverName ?? "server")]
        for (kind, objectKind) in [(DefinitionKind.tool, ObjectKind.tool), (.resource, .resource), (.resourceTemplate, .resourceTemplate), (.prompt, .prompt)] {
            let definitions = changes[kind]
            for slot in definitions.old + definitions.new { if let name = slot.identity { objects.insert(ComparedObject(kind: objectKind, name: name)) } }
        }
        return Result(
            findings: findings.sorted(by: Self.order),
            comparedObjects: objects.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
        )
    }

    /// Most severe first, then by pointer and rule id: a stable order for every report.
    static func order(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        let left = lhs.pointer.description, right = rhs.pointer.description
        if left != right { return left.utf8.lexicographicallyPrecedes(right.utf8) }
        return lhs.ruleID < rhs.ruleID
    }
}

/// Both sides' changes and the options, shared by the per-kind comparisons.
struct ComparisonContext: Sendable {
    let changes: SnapshotChanges
    let options: ComparisonOptions

    var old: SnapshotHeader { changes.old }
    var new: SnapshotHeader { changes.new }

    /// Whether a field is comparable between the two snapshots' protocol versions.
    func comparable(_ field: String) -> Bool {
        FieldAvailability.comparable(field, old.protocolVersion, new.protocolVersion)
    }

    var sameEra: Bool { old.era == new.era }
}

/// The definitions of one kind that a comparison reports on: removed and added ones (held, for
/// rename detection) and the changed pairs, each read only when its turn comes.
struct DefinitionPairing {
    var removed: [(name: String, value: JSONValue)]
    var added: [(name: String, value: JSONValue)]
    let changed: [DefinitionChanges.Pair]

    init(_ changes: DefinitionChanges) {
        removed = changes.removed.compactMap { slot in slot.identity.map { ($0, slot.value) } }
        added = changes.added.compactMap { slot in slot.identity.map { ($0, slot.value) } }
        changed = changes.changed
    }

    /// The changed pairs' values, one pair at a time.
    var matched: some Sequence<(name: String, old: JSONValue, new: JSONValue)> {
        changed.lazy.map { ($0.name, $0.old.value, $0.new.value) }
    }
}
