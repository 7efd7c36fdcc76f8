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
        var findings = compareUnpaired(context)
        for kind in DefinitionKind.allCases {
            for pair in changes[kind].changed { findings += compareChangedPair(kind, pair.name, pair.old.value, pair.new.value, context) }
        }
        return result(findings, changes)
    }

    /// The server itself, and every definition without a counterpart: renames, removals,
    /// additions, re-keyed templates.
    func compareUnpaired(_ context: ComparisonContext) -> [Finding] {
        ServerComparison(context: context).compare()
            + ToolComparison(context: context).compareUnpaired()
            + ResourceComparison(context: context).compareUnpairedResources()
            + ResourceComparison(context: context).compareUnpairedTemplates()
            + PromptComparison(context: context).compareUnpaired()
    }

    /// One definition present on both sides with a different content.
    func compareChangedPair(_ kind: DefinitionKind, _ name: String, _ old: JSONValue, _ new: JSONValue, _ context: ComparisonContext) -> [Finding] {
        switch kind {
        case .tool: ToolComparison(context: context).compare(old, new, path: ObjectPath(kind: .tool, name: name))
        case .resource: ResourceComparison(context: context).compareCommon(old, new, path: ObjectPath(kind: .resource, name: name))
        case .resourceTemplate: ResourceComparison(context: context).compareTemplate(old, new, path: ObjectPath(kind: .resourceTemplate, name: name))
        case .prompt: PromptComparison(context: context).compare(old, new, path: ObjectPath(kind: .prompt, name: name))
        }
    }

    /// The findings in report order, with every object either side defines.
    func result(_ findings: [Finding], _ changes: SnapshotChanges) -> Result {
        var objects: Set<ComparedObject> = [ComparedObject(kind: .server, name: changes.old.serverName ?? "server")]
        for kind in DefinitionKind.allCases {
            let definitions = changes[kind]
            for slot in definitions.old + definitions.new { if let name = slot.identity { objects.insert(ComparedObject(kind: ObjectKind(kind), name: name)) } }
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

/// The unpaired definitions of one kind, held for rename detection.
struct DefinitionPairing {
    var removed: [(name: String, value: JSONValue)]
    var added: [(name: String, value: JSONValue)]

    init(_ changes: DefinitionChanges) {
        removed = changes.removed.compactMap { slot in slot.identity.map { ($0, slot.value) } }
        added = changes.added.compactMap { slot in slot.identity.map { ($0, slot.value) } }
    }
}
