import AccordJSON

/// `allOf`, `anyOf` and `oneOf`: branches are paired (see ``SchemaBranchMatcher``), paired
/// branches compared inside, the rest reported as added or removed. A `{"type": "null"}`
/// branch added to or removed from an anyOf/oneOf is reported as the type change it is.
extension SchemaComparisonSession {
    func compareBranches(_ combinator: SchemaCombinator, _ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let keyword = combinator.rawValue
        let before = old.members[keyword]?.arrayValue, after = new.members[keyword]?.arrayValue
        guard before != nil || after != nil else { return }
        if combinator != .allOf, before == nil || after == nil {
            // Introduced or dropped whole, with nothing on the other side to match it against.
            if let after {
                report(.constraintAdded, at: site, site.pointer(keyword), old: nil, new: .array(after), "\(keyword) with \(after.count) branches added")
            } else if let before {
                report(.constraintRemoved, at: site, site.pointer(keyword), old: .array(before), new: nil, "\(keyword) with \(before.count) branches removed")
            }
            return
        }

        let oldBranches = before ?? [], newBranches = after ?? []
        let oldSource = SchemaSource(value: .array(oldBranches), identity: old.identity + SchemaSource.escaped(keyword))
        let newSource = SchemaSource(value: .array(newBranches), identity: new.identity + SchemaSource.escaped(keyword))
        func branchSource(_ node: SchemaNode, _ source: SchemaSource, _ branch: JSONValue, _ offset: Int) -> SchemaSource {
            guard let identity = node.virtualCombinators[combinator] else { return source.child(branch, String(offset)) }
            return SchemaSource(value: branch, identity: identity)
        }
        let oldSummaries = oldBranches.enumerated().map { offset, branch in
            SchemaBranchSummary(written: branch, resolved: resolvedBranch(branchSource(old, oldSource, branch, offset), side: .old))
        }
        let newSummaries = newBranches.enumerated().map { offset, branch in
            SchemaBranchSummary(written: branch, resolved: resolvedBranch(branchSource(new, newSource, branch, offset), side: .new))
        }
        let matching = SchemaBranchMatcher.match(old: oldSummaries, new: newSummaries)
        let oldVirtual = old.virtualCombinators[combinator] != nil, newVirtual = new.virtualCombinators[combinator] != nil
        // A oneOf rejects values that match two branches, so unless its branches provably
        // exclude each other, a change to one branch can move values either way.
        let overlapping = combinator == .oneOf
            && !(SchemaBranchSummary.arePairwiseDisjoint(oldSummaries) && SchemaBranchSummary.arePairwiseDisjoint(newSummaries))

        for pair in matching.pairs {
            let index = newVirtual ? pair.old : pair.new
            let branchSite = site.descending([keyword, String(index)], .branch(combinator, index))
            compare(old: branchSource(old, oldSource, oldBranches[pair.old], pair.old), new: branchSource(new, newSource, newBranches[pair.new], pair.new),
                    at: overlapping ? branchSite.overlapping() : branchSite)
        }
        for index in matching.removed {
            let branch = oldBranches[index]
            // Removing a oneOf branch that overlapped another lets through the values that
            // matched both: more values, which no consumer of the old output expected.
            let overlapped = combinator == .oneOf && newSummaries.contains { !$0.isDisjoint(from: oldSummaries[index]) }
            if combinator != .allOf, oldSummaries[index].nullOnly, !overlapped {
                report(.typeNarrowed, at: site, site.pointer(keyword, String(index)), old: branch, new: nil, "null removed (\(keyword) branch \(index))")
            } else {
                let detail = oldVirtual
                    ? "the old schema \(SchemaValue.brief(branch)) is no longer among the \(keyword) branches"
                    : "\(keyword) branch \(index) removed: \(SchemaValue.brief(branch))"
                report(.branchRemoved(combinator), at: site, site.pointer(keyword, String(index)), old: branch, new: nil, detail,
                       hint: overlapped ? "the removed branch may overlap a remaining one: values that matched both were rejected and are now accepted" : nil,
                       severity: overlapped && direction == .output ? .potentiallyBreaking : nil)
            }
        }
        for index in matching.added {
            let branch = newBranches[index]
            let overlaps = combinator == .oneOf
                && (oldSummaries + newSummaries.enumerated().filter { $0.offset != index }.map(\.element)).contains { !$0.isDisjoint(from: newSummaries[index]) }
            if combinator != .allOf, newSummaries[index].nullOnly, !overlaps {
                report(.typeWidened, at: site, site.pointer(keyword, String(index)), old: nil, new: branch, "null added (\(keyword) branch \(index))")
            } else {
                let detail = newVirtual
                    ? "the new schema \(SchemaValue.brief(branch)) replaces the \(keyword) branches"
                    : "\(keyword) branch \(index) added: \(SchemaValue.brief(branch))"
                report(.branchAdded(combinator), at: site, site.pointer(keyword, String(index)), old: nil, new: branch, detail,
                       hint: combinator == .oneOf && direction == .input ? "a value that matches two oneOf branches is rejected" : nil)
            }
        }
    }
}
