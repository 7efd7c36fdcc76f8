import AccordJSON

/// Numeric bounds (maximum/exclusiveMaximum, minimum/exclusiveMinimum, including draft-04's
/// boolean `exclusiveMaximum`), count bounds (maxLength, maxItems, maxProperties, maxContains
/// and their min mirrors), multipleOf and uniqueItems.
///
/// Numeric bounds are compared by their effect: the tightest bound a side states, so moving
/// `maximum: 10, exclusiveMaximum: true` to `exclusiveMaximum: 10` is no change at all. Where
/// the only numbers both sides admit are integers, bounds are compared by the integers they
/// admit: `exclusiveMinimum: 0`, `minimum: 0.5` and `minimum: 1` are one bound there.
extension SchemaComparisonSession {
    /// The tightest numeric bound one side states in one direction.
    struct NumericBound {
        var number: JSONNumber
        var exclusive: Bool
        var keyword: String

        var value: Double { number.doubleValue }

        /// "≤ 10", "> 0".
        func text(upper: Bool) -> String {
            (upper ? (exclusive ? "< " : "≤ ") : (exclusive ? "> " : "≥ ")) + number.text
        }

        /// Whether `self` admits fewer values than `other`.
        func isTighter(than other: NumericBound, upper: Bool) -> Bool {
            if value != other.value { return upper ? value < other.value : value > other.value }
            return exclusive && !other.exclusive
        }

        static func of(_ members: [String: JSONValue], upper: Bool) -> NumericBound? {
            let inclusiveKeyword = upper ? "maximum" : "minimum"
            let exclusiveKeyword = upper ? "exclusiveMaximum" : "exclusiveMinimum"
            var candidates: [NumericBound] = []
            if let number = members[inclusiveKeyword]?.numberValue {
                // Draft 04: `exclusiveMaximum: true` makes `maximum` exclusive.
                candidates.append(NumericBound(number: number, exclusive: members[exclusiveKeyword] == .bool(true), keyword: inclusiveKeyword))
            }
            if let number = members[exclusiveKeyword]?.numberValue {
                candidates.append(NumericBound(number: number, exclusive: true, keyword: exclusiveKeyword))
            }
            return candidates.min { $0.isTighter(than: $1, upper: upper) }
        }

        /// The extreme integer this bound admits: `> 0` and `≥ 0.5` admit 1 and up, `< 10`
        /// and `≤ 9.5` admit 9 and down. `nil` where the bound is too large to say exactly.
        func integerLimit(upper: Bool) -> Double? {
            let value = value
            guard value.isFinite, abs(value) < 9_007_199_254_740_992 else { return nil }
            if upper { return exclusive ? value.rounded(.up) - 1 : value.rounded(.down) }
            return exclusive ? value.rounded(.down) + 1 : value.rounded(.up)
        }
    }

    func compareNumericBounds(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        // The numbers both sides admit are integers only: compare bounds by the integers they admit.
        let integersOnly = SchemaTypeSet.admitted(by: old.members).intersection(.numbers) == .integer
            && SchemaTypeSet.admitted(by: new.members).intersection(.numbers) == .integer
        for upper in [true, false] {
            compareNumericBound(NumericBound.of(old.members, upper: upper), NumericBound.of(new.members, upper: upper), upper: upper,
                                integersOnly: integersOnly, old, new, at: site)
        }
    }

    private func compareNumericBound(_ before: NumericBound?, _ after: NumericBound?, upper: Bool, integersOnly: Bool,
                                     _ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let tightened: SchemaChange = upper ? .upperBoundTightened : .lowerBoundTightened
        let loosened: SchemaChange = upper ? .upperBoundLoosened : .lowerBoundLoosened
        if integersOnly, let before, let after, let limit = before.integerLimit(upper: upper), limit == after.integerLimit(upper: upper) {
            // Another spelling of the same integer bound.
            return
        }
        switch (before, after) {
        case (nil, let bound?):
            report(tightened, at: site, site.pointer(bound.keyword), old: nil, new: .number(bound.number),
                   "\(bound.keyword) set to \(bound.number)" + (bound.exclusive && !bound.keyword.hasPrefix("exclusive") ? " (exclusive)" : ""))
        case (let bound?, nil):
            report(loosened, at: site, site.pointer(bound.keyword), old: .number(bound.number), new: nil, "\(bound.keyword) removed (was \(bound.number))")
        case (let before?, let after?):
            let change: SchemaChange
            if after.isTighter(than: before, upper: upper) {
                change = tightened
            } else if before.isTighter(than: after, upper: upper) {
                change = loosened
            } else {
                return
            }
            let sameForm = before.keyword == after.keyword && before.exclusive == after.exclusive
            if sameForm {
                let verb = (after.value < before.value) ? "lowered" : "raised"
                report(change, at: site, site.pointer(after.keyword), old: .number(before.number), new: .number(after.number),
                       "\(after.keyword) \(verb) from \(before.number) to \(after.number)")
            } else {
                // Only the exclusivity flag (draft 04) or the keyword changed.
                let flagOnly = before.keyword == after.keyword && before.number.isNumericallyEqual(to: after.number)
                let exclusiveKeyword = upper ? "exclusiveMaximum" : "exclusiveMinimum"
                let path = flagOnly ? site.pointer(exclusiveKeyword) : site.pointer(after.keyword)
                let oldValue = flagOnly ? old.members[exclusiveKeyword] : .number(before.number)
                let newValue = flagOnly ? new.members[exclusiveKeyword] : .number(after.number)
                report(change, at: site, path, old: oldValue, new: newValue,
                       "\(upper ? "upper" : "lower") bound \(change == tightened ? "tightened" : "loosened") from \(before.text(upper: upper)) to \(after.text(upper: upper))")
            }
        case (nil, nil):
            break
        }
    }

    /// A pair of count keywords (`maxLength`/`minLength`, …): absent upper means unbounded,
    /// absent lower means `floor` (0, or 1 for `minContains`).
    func compareCount(_ old: SchemaNode, _ new: SchemaNode, upper: String, lower: String, lowerFloor: Double = 0, at site: SchemaSite) {
        let oldUpper = old.members[upper]?.numberValue, newUpper = new.members[upper]?.numberValue
        switch (oldUpper, newUpper) {
        case (nil, let value?):
            report(.upperBoundTightened, at: site, site.pointer(upper), old: nil, new: .number(value), "\(upper) set to \(value)")
        case (let value?, nil):
            report(.upperBoundLoosened, at: site, site.pointer(upper), old: .number(value), new: nil, "\(upper) removed (was \(value))")
        case (let before?, let after?) where before.doubleValue != after.doubleValue:
            let lowered = after.doubleValue < before.doubleValue
            report(lowered ? .upperBoundTightened : .upperBoundLoosened, at: site, site.pointer(upper), old: .number(before), new: .number(after),
                   "\(upper) \(lowered ? "lowered" : "raised") from \(before) to \(after)")
        default:
            break
        }

        let oldLower = old.members[lower]?.numberValue, newLower = new.members[lower]?.numberValue
        let before = oldLower?.doubleValue ?? lowerFloor, after = newLower?.doubleValue ?? lowerFloor
        guard before != after else { return }
        let raised = after > before
        let detail: String
        switch (oldLower, newLower) {
        case (nil, let value?): detail = "\(lower) set to \(value)"
        case (let value?, nil): detail = "\(lower) removed (was \(value))"
        default: detail = "\(lower) \(raised ? "raised" : "lowered") from \(oldLower?.text ?? "absent") to \(newLower?.text ?? "absent")"
        }
        report(raised ? .lowerBoundTightened : .lowerBoundLoosened, at: site, site.pointer(lower),
               old: oldLower.map(JSONValue.number), new: newLower.map(JSONValue.number), detail)
    }

    /// multipleOf: a new value that divides the old one admits more values (relaxed); a multiple
    /// of the old one admits fewer (tightened); anything else is unrelated.
    func compareMultipleOf(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["multipleOf"]?.numberValue, after = new.members["multipleOf"]?.numberValue
        switch (before, after) {
        case (nil, let value?):
            report(.multipleOfTightened, at: site, site.pointer("multipleOf"), old: nil, new: .number(value), "multipleOf set to \(value)")
        case (let value?, nil):
            report(.multipleOfRelaxed, at: site, site.pointer("multipleOf"), old: .number(value), new: nil, "multipleOf removed (was \(value))")
        case (let before?, let after?) where !before.isNumericallyEqual(to: after):
            let change: SchemaChange
            if Self.isWholeMultiple(before.doubleValue, of: after.doubleValue) {
                change = .multipleOfRelaxed
            } else if Self.isWholeMultiple(after.doubleValue, of: before.doubleValue) {
                change = .multipleOfTightened
            } else {
                change = .multipleOfChanged
            }
            let relation = switch change {
            case .multipleOfRelaxed: " (\(after) divides \(before))"
            case .multipleOfTightened: " (\(after) is a multiple of \(before))"
            default: ""
            }
            report(change, at: site, site.pointer("multipleOf"), old: .number(before), new: .number(after),
                   "multipleOf changed from \(before) to \(after)\(relation)")
        default:
            break
        }
    }

    /// Whether `value` is a whole multiple of `divisor` (within floating-point noise:
    /// 0.1 is a multiple of 0.01).
    static func isWholeMultiple(_ value: Double, of divisor: Double) -> Bool {
        guard value.isFinite, divisor.isFinite, divisor > 0, value > 0 else { return false }
        let ratio = value / divisor
        return abs(ratio - ratio.rounded()) <= 1e-9 * max(1, abs(ratio))
    }

    func compareUniqueItems(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["uniqueItems"] == .bool(true), after = new.members["uniqueItems"] == .bool(true)
        guard before != after else { return }
        if after {
            report(.uniqueItemsAdded, at: site, site.pointer("uniqueItems"), old: old.members["uniqueItems"], new: new.members["uniqueItems"], "uniqueItems added")
        } else {
            report(.uniqueItemsRemoved, at: site, site.pointer("uniqueItems"), old: old.members["uniqueItems"], new: new.members["uniqueItems"], "uniqueItems removed")
        }
    }
}
