import AccordJSON

/// The state of one schema comparison: both documents' reference resolvers, the drafts found so
/// far, and the bookkeeping that makes recursive and shared `$ref` targets cheap and finite.
///
/// Comparison walks both schemas in step. At every location it follows `$ref`s (merging
/// siblings), normalizes shapes that mean the same (``normalize(_:_:)``), then compares keyword
/// by keyword; keyword comparisons live in extensions, one concept per file.
///
/// Cycle guard: a pair of locations reached through a `$ref` is compared once per path — meeting
/// the same pair again below itself means the schemas recurse, and the inner occurrence adds
/// nothing (its differences are the outer one's). Sharing: the result of a pair reached through
/// a `$ref` is stored relative to where it was found and replayed at every other location that
/// references the same pair, so each `$defs` entry is compared once per pairing.
final class SchemaComparisonSession {
    enum Side { case old, new }

    let direction: SchemaDirection
    let options: ComparisonOptions
    private let oldResolver: SchemaReferenceResolver
    private let newResolver: SchemaReferenceResolver
    private let oldDocument: JSONValue
    private let newDocument: JSONValue
    /// Raw equality proves nothing where references may lead to changed targets…
    private lazy var referencesPresent = SchemaValue.containsReference(oldDocument) || SchemaValue.containsReference(newDocument)
    /// …unless every reference leads into `$defs`/`definitions`, and those are unchanged and
    /// refer only among themselves.
    private lazy var definitionsUnchanged: Bool = {
        for keyword in SchemaKeywords.definitions {
            let before = oldDocument[keyword], after = newDocument[keyword]
            guard SchemaValue.equal(before, after) else { return false }
            if let before, !SchemaValue.referencesOnlyDefinitions(before) { return false }
        }
        return true
    }()

    /// Neither document uses a keyword that drafts 07, 2019-09 and 2020-12 read differently.
    private(set) lazy var readsAlikeInCoreDialects = SchemaDialectCore.readsAlike(oldDocument) && SchemaDialectCore.readsAlike(newDocument)

    private(set) var drafts: [SchemaFindingDraft] = []
    private var stored: [String: [SchemaFindingDraft]] = [:]
    private var inProgress: Set<String> = []
    private var remainingSteps: Int
    private var reportedDepthLimit = false
    /// Flattened comparisons under way (each one is done again structurally if it finds a
    /// difference, so their nesting is bounded to keep the work linear).
    private var equivalenceTrials = 0
    static let equivalenceTrialLimit = 2

    /// Locations compared before giving up: far above any real schema, low enough that a
    /// hostile one (references that fan out exponentially) cannot stall a CI run.
    static let stepLimit = 250_000
    /// Nesting below which comparison stops, so that a hostile schema cannot exhaust the stack.
    static let depthLimit = 96
    /// Findings before giving up: a shared `$ref` target is reported at every location that
    /// references it, and references that fan out could otherwise multiply without bound.
    static let findingLimit = 10_000
    /// The largest result kept for replay at other locations referencing the same pair.
    static let storedResultLimit = 2_000

    init(direction: SchemaDirection, options: ComparisonOptions, old: JSONValue, new: JSONValue) {
        self.direction = direction
        self.options = options
        self.oldResolver = SchemaReferenceResolver(document: old)
        self.newResolver = SchemaReferenceResolver(document: new)
        self.oldDocument = old
        self.newDocument = new
        self.remainingSteps = Self.stepLimit
    }

    var exhausted: Bool { remainingSteps <= 0 }

    /// Compares the two documents from their roots.
    func compareRoots() {
        compare(old: SchemaSource(value: oldDocument, identity: "#"), new: SchemaSource(value: newDocument, identity: "#"), at: .root, knownDifferent: true)
        if exhausted {
            drafts.append(SchemaFindingDraft(
                change: .undecidable, path: [], label: [], old: nil, new: nil,
                detail: "comparison stopped early (more than \(Self.stepLimit) locations or \(Self.findingLimit) findings)",
                hint: "the schemas expand through `$ref` too far to compare structurally; review the change by hand",
                flipped: false))
        }
    }

    // MARK: - Recording

    func report(
        _ change: SchemaChange, at site: SchemaSite, _ path: [String], label extra: SchemaLabelSegment? = nil,
        old: JSONValue?, new: JSONValue?, _ detail: String, hint: String? = nil, tags: [String] = [], severity: Severity? = nil
    ) {
        guard drafts.count < Self.findingLimit else { remainingSteps = 0; return }
        drafts.append(SchemaFindingDraft(
            change: change, path: path, label: extra.map { site.label + [$0] } ?? site.label,
            old: old, new: new, detail: detail, hint: hint, tags: tags, flipped: site.flipped, severity: severity,
            insideOverlappingOneOf: site.insideOverlappingOneOf))
    }

    /// Runs `body` and returns what it found instead of keeping it, for judging a change as a
    /// whole before deciding how to report it (tuple reshapes).
    func trial(_ body: () -> Void) -> [SchemaFindingDraft] {
        let start = drafts.count
        body()
        let found = Array(drafts[start...])
        drafts.removeSubrange(start...)
        return found
    }

    func append(_ found: [SchemaFindingDraft]) { drafts += found }

    // MARK: - Walking

    /// Compares the subschemas `old` and `new` found at `site`.
    func compare(old: SchemaSource, new: SchemaSource, at site: SchemaSite, knownDifferent: Bool = false) {
        guard !exhausted else { return }
        remainingSteps -= 1
        if !knownDifferent, SchemaValue.equal(old.value, new.value), isSelfContained(old.value) { return }
        guard site.depth <= Self.depthLimit else {
            if !reportedDepthLimit {
                reportedDepthLimit = true
                report(.undecidable, at: site, site.path, old: nil, new: nil, "nesting deeper than \(Self.depthLimit) levels was not compared",
                       hint: "the schemas nest too deeply to compare structurally; review the change by hand")
            }
            return
        }

        let oldNode = resolve(old, side: .old)
        let newNode = resolve(new, side: .new)
        if oldNode.unresolved != nil || newNode.unresolved != nil {
            guard let oldReference = oldNode.unresolved?.reference, oldReference == newNode.unresolved?.reference else {
                let reason = oldNode.unresolved?.reason ?? newNode.unresolved?.reason ?? ""
                report(.undecidable, at: site, site.pointer("$ref"),
                       old: oldNode.unresolved.map { .string($0.reference) } ?? old.value,
                       new: newNode.unresolved.map { .string($0.reference) } ?? new.value,
                       "subschema behind a `$ref` changed and cannot be compared", hint: reason)
                return
            }
            // The same unresolvable reference on both sides: compare what sits beside it.
        }

        // The root counts as a reference target too: `{"$ref": "#"}` leads back to it.
        guard oldNode.reachedByReference || newNode.reachedByReference || site.path.isEmpty else {
            compareResolved(oldNode, newNode, at: site)
            return
        }
        let key = oldNode.identity + "\u{1}" + newNode.identity + (site.flipped ? "\u{1}!" : "") + (site.insideOverlappingOneOf ? "\u{1}~" : "")
        if inProgress.contains(key) { return }
        if let replay = stored[key] {
            guard drafts.count + replay.count <= Self.findingLimit else { remainingSteps = 0; return }
            drafts += replay.map { $0.prefixed(path: site.path, label: site.label) }
            return
        }
        inProgress.insert(key)
        let start = drafts.count
        compareResolved(oldNode, newNode, at: site)
        inProgress.remove(key)
        // Large results are cheaper to find again than to keep.
        guard drafts.count - start <= Self.storedResultLimit else { return }
        let prefixLength = site.path.count, labelLength = site.label.count
        stored[key] = drafts[start...].map { draft in
            var relative = draft
            relative.path.removeFirst(prefixLength)
            relative.label.removeFirst(labelLength)
            return relative
        }
    }

    /// Both sides resolved and normalized: boolean schemas first, then keyword by keyword.
    private func compareResolved(_ oldNode: SchemaNode, _ newNode: SchemaNode, at site: SchemaSite) {
        var old = oldNode, new = newNode
        // Two allOfs nested differently (`allOf: [X]` against `allOf: [{allOf: [X]}]`) pair
        // their branches wrongly: where both flatten, the flattened schemas are compared first,
        // and if nothing that validates differs, that is the answer.
        if Self.has(.allOf, old), Self.has(.allOf, new), equivalenceTrials < Self.equivalenceTrialLimit,
           !SchemaValue.equal(old.members["allOf"], new.members["allOf"]), let (flatOld, flatNew) = flattenedAllOfs(old, new) {
            equivalenceTrials += 1
            let found = trial { compareResolved(flatOld, flatNew, at: site) }
            equivalenceTrials -= 1
            if !found.contains(where: \.change.affectsValidation) {
                append(found)
                return
            }
        }
        normalize(&old, &new)

        if old.rejectsEverything || new.rejectsEverything {
            guard old.rejectsEverything != new.rejectsEverything else { return }
            if new.rejectsEverything {
                report(.typeNarrowed, at: site, site.path, old: old.written, new: new.written, "now accepts no value (`false`)")
            } else {
                report(.typeWidened, at: site, site.path, old: old.written, new: new.written, "accepted no value (`false`) and now accepts some")
            }
            return
        }
        compareKeywords(old, new, at: site)
    }

    private func compareKeywords(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let present = SchemaKeywordGroups(old.members).union(SchemaKeywordGroups(new.members))
        // Keywords that only constrain types one side rejects need no comparison: the type
        // change already says it.
        let shared = present.isDisjoint(with: [.type, .values]) ? SchemaTypeSet.any : compareTypes(old, new, at: site)
        if present.contains(.values) {
            compareEnumAndConst(old, new, at: site)
        }
        if present.contains(.numbers), shared.intersects(.numbers) {
            compareNumericBounds(old, new, at: site)
            compareMultipleOf(old, new, at: site)
        }
        if present.contains(.strings), shared.contains(.string) {
            compareCount(old, new, upper: "maxLength", lower: "minLength", at: site)
            comparePattern(old, new, at: site)
        }
        if present.contains(.format) {
            compareFormat(old, new, at: site)
        }
        if present.contains(.arrays), shared.contains(.array) {
            compareArrays(old, new, at: site)
        }
        if present.contains(.objects), shared.contains(.object) {
            compareObjects(old, new, at: site)
        }
        for combinator in SchemaCombinator.allCases where present.contains(.combinator(combinator)) {
            compareBranches(combinator, old, new, at: site)
        }
        if present.contains(.not) {
            compareNegation(old, new, at: site)
        }
        if present.contains(.conditional) {
            compareConditional(old, new, at: site)
        }
        if present.contains(.annotations) {
            compareAnnotations(old, new, at: site)
        }
    }

    /// Whether `value`, written the same on both sides, also means the same on both sides.
    private func isSelfContained(_ value: JSONValue) -> Bool {
        guard referencesPresent, SchemaValue.containsReference(value) else { return true }
        return definitionsUnchanged && SchemaValue.referencesOnlyDefinitions(value)
    }

    // MARK: - References

    /// Follows `$ref`s (and chains of them) at `source`, merging keywords written beside a
    /// reference over its target.
    func resolve(_ source: SchemaSource, side: Side) -> SchemaNode {
        let resolver = side == .old ? oldResolver : newResolver
        var value = source.value
        var identity = source.identity
        var followed = false
        var seen: Set<String> = []
        while case .object(let members) = value, let (keyword, reference) = Self.reference(in: members) {
            guard seen.insert(reference).inserted else {
                return SchemaNode(written: source.value, boolean: nil, members: members, identity: identity, reachedByReference: followed,
                                  unresolved: (reference, "`\(keyword)` `\(reference)` only leads back to itself"))
            }
            switch resolver.resolve(reference) {
            case .resolved(let target, let location):
                var siblings = members
                for keyword in SchemaKeywords.references { siblings[keyword] = nil }
                for keyword in SchemaKeywords.definitions { siblings[keyword] = nil }
                let targetIdentity = "#" + location.map(SchemaSource.escaped).joined()
                if siblings.isEmpty {
                    value = target
                    identity = targetIdentity
                } else {
                    value = Self.merging(siblings, over: target)
                    identity = targetIdentity + "&" + JSONEncoding.compact(.object(siblings))
                }
                followed = true
            case .external:
                return SchemaNode(written: source.value, boolean: nil, members: members, identity: identity, reachedByReference: followed,
                                  unresolved: (reference, "`\(keyword)` `\(reference)` points outside this schema and is not fetched; compare the referenced schema by hand"))
            case .missing:
                return SchemaNode(written: source.value, boolean: nil, members: members, identity: identity, reachedByReference: followed,
                                  unresolved: (reference, "`\(keyword)` `\(reference)` does not resolve in the \(side == .old ? "old" : "new") schema"))
            }
        }
        switch value {
        case .bool(let flag):
            return SchemaNode(written: source.value, boolean: flag, members: [:], identity: identity, reachedByReference: followed)
        case .object(let members):
            return SchemaNode(written: source.value, boolean: nil, members: members, identity: identity, reachedByReference: followed)
        default:
            // Not a schema at all: compare it as an empty one rather than guess at its meaning.
            return SchemaNode(written: source.value, boolean: nil, members: [:], identity: identity, reachedByReference: followed)
        }
    }

    private static func reference(in members: [String: JSONValue]) -> (String, String)? {
        for keyword in ["$ref", "$dynamicRef", "$recursiveRef"] {
            if let reference = members[keyword]?.stringValue { return (keyword, reference) }
        }
        return nil
    }

    /// Keywords beside a `$ref` apply together with its target: merged into one schema where
    /// that is exact (an annotation beside the reference describes this use and wins), else
    /// kept apart as `allOf` with the target.
    private static func merging(_ siblings: [String: JSONValue], over target: JSONValue) -> JSONValue {
        switch target {
        case .bool(true):
            return .object(siblings)
        case .object(let members):
            if let merged = SchemaConjunction.merge([siblings, members]) { return .object(merged) }
            var apart = siblings
            apart["allOf"] = .array((siblings["allOf"]?.arrayValue ?? []) + [target])
            return .object(apart)
        default:
            return target
        }
    }
}
