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
        let context = ComparisonContext(old: old, new: new, options: options)
        var findings: [Finding] = []
        findings += ServerComparison(context: context).compare()
        findings += ToolComparison(context: context).compareAll()
        findings += ResourceComparison(context: context).compareResources()
        findings += ResourceComparison(context: context).compareTemplates()
        findings += PromptComparison(context: context).compareAll()

        var objects = Self.definitions(of: old).union(Self.definitions(of: new))
        objects.insert(ComparedObject(kind: .server, name: old.serverInfo["name"]?.stringValue ?? "server"))
        return Result(
            findings: findings.sorted(by: Self.order),
            comparedObjects: objects.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
        )
    }

    /// The tools, resources, templates and prompts a snapshot defines, by kind and identity.
    static func definitions(of snapshot: Snapshot) -> Set<ComparedObject> {
        var objects: Set<ComparedObject> = []
        for (kind, definitions) in [(ObjectKind.tool, snapshot.tools), (.resource, snapshot.resources), (.resourceTemplate, snapshot.resourceTemplates), (.prompt, snapshot.prompts)] {
            let identity = kind == .resource ? "uri" : kind == .resourceTemplate ? "uriTemplate" : "name"
            for definition in definitions { if let name = definition[identity]?.stringValue { objects.insert(ComparedObject(kind: kind, name: name)) } }
        }
        return objects
    }

    /// Most severe first, then by pointer and rule id: a stable order for every report.
    static func order(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        let left = lhs.pointer.description, right = rhs.pointer.description
        if left != right { return left.utf8.lexicographicallyPrecedes(right.utf8) }
        return lhs.ruleID < rhs.ruleID
    }
}

/// Both snapshots and the options, shared by the per-kind comparisons.
struct ComparisonContext: Sendable {
    let old: Snapshot
    let new: Snapshot
    let options: ComparisonOptions

    /// Whether a field is comparable between the two snapshots' protocol versions.
    func comparable(_ field: String) -> Bool {
        FieldAvailability.comparable(field, old.protocolVersion, new.protocolVersion)
    }

    var sameEra: Bool { old.era == new.era }
}

/// Definitions of one kind paired by identity.
struct DefinitionPairing {
    var matched: [(name: String, old: JSONValue, new: JSONValue)] = []
    var removed: [(name: String, value: JSONValue)] = []
    var added: [(name: String, value: JSONValue)] = []

    init(old: [JSONValue], new: [JSONValue], identity: String) {
        var newByName: [String: JSONValue] = [:]
        for definition in new { if let name = definition[identity]?.stringValue { newByName[name] = definition } }
        var seen: Set<String> = []
        for definition in old {
            guard let name = definition[identity]?.stringValue else { continue }
            seen.insert(name)
            if let counterpart = newByName[name] {
                matched.append((name, definition, counterpart))
            } else {
                removed.append((name, definition))
            }
        }
        for definition in new {
            guard let name = definition[identity]?.stringValue, !seen.contains(name) else { continue }
            added.append((name, definition))
        }
    }
}
