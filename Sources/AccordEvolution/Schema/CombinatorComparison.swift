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
        let oldSummaries = oldBranches.enumerated().map { offset, branch in
            SchemaBranchSummary(written: branch, resolved: resolve(oldSource.child(branch, String(offset)), side: .old))
        }
        let newSummaries = newBranches.enumerated().map { offset, branch in
            SchemaBranchSummary(written: branch, resolved: resolve(newSource.child(branch, String(offset)), side: .new))
        }
        let matching = SchemaBranchMatcher.match(old: oldSummaries, new: newSummaries)
        let oldVirtual = old.virtualCombinators.contains(combinator), newVirtual = new.virtualCombinators.contains(combinator)

        for pair in matching.pairs {
            let index = newVirtual ? pair.old : pair.new
            compare(old: oldSource.child(oldBranches[pair.old], String(pair.old)), new: newSource.child(newBranches[pair.new], String(pair.new)),
                    at: site.descending([keyword, String(index)], .branch(combinator, index)))
        }
        for index in matching.removed {
            let branch = oldBranches[index]
            if combinator != .allOf, oldSummaries[index].nullOnly {
                report(.typeNarrowed, at: site, site.pointer(keyword, String(index)), old: branch, new: nil, "null removed (\(keyword) branch \(index))")
            } else if oldVirtual {
                report(.branchRemoved(combinator), at: site, site.pointer(keyword, String(index)), old: branch, new: nil,
                       "the old schema \(SchemaValue.brief(branch)) is no longer among the \(keyword) branches")
            } else {
                report(.branchRemoved(combinator), at: site, site.pointer(keyword, String(index)), old: branch, new: nil,
                       "\(keyword) branch \(index) removed: \(SchemaValue.brief(branch))")
            }
        }
        for index in matching.added {
            let branch = newBranches[index]
            if combinator != .allOf, newSummaries[index].nullOnly {
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
