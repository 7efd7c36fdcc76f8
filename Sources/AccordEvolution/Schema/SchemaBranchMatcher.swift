import AccordJSON

/// What branch matching looks at in one `anyOf`/`oneOf`/`allOf` branch.
struct SchemaBranchSummary {
    /// Equal for semantically equal branches as written.
    var key: String
    var types: SchemaTypeSet
    var keywords: Set<String>
    var properties: Set<String>
    /// Properties pinned to one value (`const`, one-value `enum`): the tags of a tagged union.
    var discriminators: [String: String]
    /// The last token of the branch's `$ref`, e.g. `Circle` for `#/$defs/Circle`.
    var referenceName: String?
    var nullOnly: Bool
    var required: Set<String>

    init(written: JSONValue, resolved: SchemaNode) {
        key = SchemaValue.key(written)
        let members = resolved.members
        types = resolved.boolean == false ? [] : SchemaTypeSet.admitted(by: members)
        keywords = Set(members.keys.filter { !SchemaKeywords.siblingsOnly.contains($0) && !$0.hasPrefix("x-") })
        let propertySchemas = members["properties"]?.objectValue ?? [:]
        properties = Set(propertySchemas.keys)
        discriminators = [:]
        for (name, schema) in propertySchemas {
            if let constant = schema["const"] {
                discriminators[name] = SchemaValue.key(constant)
            } else if case .array(let values)? = schema["enum"], values.count == 1 {
                discriminators[name] = SchemaValue.key(values[0])
            }
        }
        referenceName = written["$ref"]?.stringValue.flatMap { $0.split(separator: "/").last.map(String.init) }
        nullOnly = types == .null
        required = SchemaComparisonSession.requiredNames(members)
    }

    /// Whether no value can match both branches: their types are disjoint, or both admit only
    /// objects and a property both require is pinned to different values (`properties` and
    /// `required` say nothing about a string, which could match both).
    func isDisjoint(from other: SchemaBranchSummary) -> Bool {
        if !types.intersects(other.types) { return true }
        guard types.isSubset(of: .object), other.types.isSubset(of: .object) else { return false }
        for (name, value) in discriminators where required.contains(name) && other.required.contains(name) {
            if let otherValue = other.discriminators[name], otherValue != value { return true }
        }
        return false
    }

    /// Whether no value can match two of `branches` (a oneOf behaves as an anyOf then).
    static func arePairwiseDisjoint(_ branches: [SchemaBranchSummary]) -> Bool {
        guard branches.count <= 64 else { return false }
        for i in branches.indices {
            for j in branches.indices where j > i && !branches[i].isDisjoint(from: branches[j]) { return false }
        }
        return true
    }
}

/// Pairs the branches of two versions of a combinator: equal branches first (wherever they
/// moved), then the structurally closest of the rest, so that a changed branch is compared
/// inside rather than reported as removed and added. Branches of disjoint types, or tagged with
/// different discriminator values, never pair.
enum SchemaBranchMatcher {
    struct Matching: Equatable {
        var pairs: [Pair] = []
        var removed: [Int] = []
        var added: [Int] = []
    }

    struct Pair: Equatable {
        var old: Int
        var new: Int
    }

    /// Above this many candidate pairs only equal branches are paired (keeps work linear-ish
    /// on hostile schemas with thousands of branches).
    static let structuralLimit = 4096

    static func match(old: [SchemaBranchSummary], new: [SchemaBranchSummary]) -> Matching {
        var pairedOld = Array(repeating: false, count: old.count)
        var pairedNew = Array(repeating: false, count: new.count)
        var matching = Matching()

        var newByKey: [String: [Int]] = [:]
        for (index, branch) in new.enumerated() { newByKey[branch.key, default: []].append(index) }
        for (index, branch) in old.enumerated() {
            guard var candidates = newByKey[branch.key], !candidates.isEmpty else { continue }
            let chosen = candidates.firstIndex(of: index) ?? 0
            let partner = candidates.remove(at: chosen)
            newByKey[branch.key] = candidates
            pairedOld[index] = true
            pairedNew[partner] = true
            matching.pairs.append(Pair(old: index, new: partner))
        }

        let restOld = old.indices.filter { !pairedOld[$0] }, restNew = new.indices.filter { !pairedNew[$0] }
        if !restOld.isEmpty, !restNew.isEmpty, restOld.count * restNew.count <= structuralLimit {
            var candidates: [(score: Double, old: Int, new: Int)] = []
            for i in restOld {
                for j in restNew {
                    if let score = similarity(old[i], new[j]) { candidates.append((score, i, j)) }
                }
            }
            candidates.sort { lhs, rhs in
                if lhs.score != rhs.score { return lhs.score > rhs.score }
                let lhsDistance = abs(lhs.old - lhs.new), rhsDistance = abs(rhs.old - rhs.new)
                if lhsDistance != rhsDistance { return lhsDistance < rhsDistance }
                return (lhs.old, lhs.new) < (rhs.old, rhs.new)
            }
            for candidate in candidates where !pairedOld[candidate.old] && !pairedNew[candidate.new] {
                pairedOld[candidate.old] = true
                pairedNew[candidate.new] = true
                matching.pairs.append(Pair(old: candidate.old, new: candidate.new))
            }
        }

        matching.pairs.sort { ($0.new, $0.old) < ($1.new, $1.old) }
        matching.removed = old.indices.filter { !pairedOld[$0] }
        matching.added = new.indices.filter { !pairedNew[$0] }
        return matching
    }

    /// How alike two branches are, or `nil` when they cannot be versions of one another.
    static func similarity(_ old: SchemaBranchSummary, _ new: SchemaBranchSummary) -> Double? {
        guard old.nullOnly == new.nullOnly else { return nil }
        guard old.types.intersects(new.types) || (old.types.isEmpty && new.types.isEmpty) else { return nil }
        var sharedTag = false
        for (name, value) in old.discriminators {
            guard let other = new.discriminators[name] else { continue }
            guard other == value else { return nil }
            sharedTag = true
        }
        let sameReference = old.referenceName != nil && old.referenceName == new.referenceName
        if !old.properties.isEmpty, !new.properties.isEmpty, old.properties.isDisjoint(with: new.properties), !sameReference, !sharedTag {
            return nil
        }
        var score = 1.0
        if old.types == new.types { score += 1 }
        score += jaccard(old.keywords, new.keywords)
        score += 2 * jaccard(old.properties, new.properties)
        if sameReference { score += 3 }
        if sharedTag { score += 3 }
        return score
    }

    private static func jaccard(_ lhs: Set<String>, _ rhs: Set<String>) -> Double {
        let union = lhs.union(rhs).count
        return union == 0 ? 1 : Double(lhs.intersection(rhs).count) / Double(union)
    }
}
