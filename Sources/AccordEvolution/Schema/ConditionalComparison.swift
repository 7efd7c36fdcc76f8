import AccordJSON

/// `not` and `if`/`then`/`else`.
///
/// Inside `not` the direction flips: a subschema that admits more makes the schema admit less.
/// The comparison goes on inside with the site marked negated, and each finding there is judged
/// by the mirror rule (see ``SchemaFindingDraft/severity(in:)``). An `if` condition that changed
/// cannot be judged at all — which values take which branch moved — so it is undecidable.
extension SchemaComparisonSession {
    func compareNegation(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        switch (old.members["not"], new.members["not"]) {
        case (nil, let value?):
            report(.constraintAdded, at: site, site.pointer("not"), old: nil, new: value, "not \(SchemaValue.brief(value)) added")
        case (let value?, nil):
            report(.constraintRemoved, at: site, site.pointer("not"), old: value, new: nil, "not \(SchemaValue.brief(value)) removed")
        case (_?, _?):
            if let oldSource = old.source("not"), let newSource = new.source("not") {
                compare(old: oldSource, new: newSource, at: site.descending(["not"], .keyword("not")).negated())
            }
        case (nil, nil):
            break
        }
    }

    func compareConditional(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["if"], after = new.members["if"]
        switch (before, after) {
        case (nil, nil):
            return
        case (nil, _?), (_?, nil):
            let group = { (members: [String: JSONValue]) -> JSONValue? in
                let parts = members.filter { ["if", "then", "else"].contains($0.key) }
                return parts.isEmpty ? nil : .object(parts)
            }
            if after != nil {
                report(.constraintAdded, at: site, site.pointer("if"), old: group(old.members), new: group(new.members), "if/then/else added")
            } else {
                report(.constraintRemoved, at: site, site.pointer("if"), old: group(old.members), new: group(new.members), "if/then/else removed")
            }
            return
        case (let before?, let after?):
            if !SchemaValue.equal(before, after) || (SchemaValue.containsReference(before) && conditionTargetsDiffer(old, new, at: site)) {
                report(.undecidable, at: site, site.pointer("if"), old: before, new: after, "the `if` condition changed",
                       hint: "which values take the then or else branch moved; whether any call or result is affected cannot be decided structurally")
            }
        }
        for branch in ["then", "else"] {
            compareOptionalSubschema(branch, old, new, at: site, absentIsTrue: true)
        }
    }

    /// A condition written the same on both sides whose references lead to different schemas.
    private func conditionTargetsDiffer(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) -> Bool {
        guard let oldSource = old.source("if"), let newSource = new.source("if") else { return false }
        let found = trial { compare(old: oldSource, new: newSource, at: site.descending(["if"], .keyword("if"))) }
        return !found.isEmpty
    }
}
