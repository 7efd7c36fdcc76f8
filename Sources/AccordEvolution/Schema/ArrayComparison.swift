import AccordJSON

/// Array keywords: element schemas (`items`), tuples (`prefixItems`, or draft-04..2019-09 array
/// `items` with `additionalItems`), item counts, uniqueItems, contains and unevaluatedItems.
extension SchemaComparisonSession {
    /// How one side spells its elements: an optional tuple prefix, then the schema for the rest.
    struct ArrayShape {
        var prefix: [JSONValue]?
        var prefixKeyword: String
        var rest: JSONValue?
        var restKeyword: String

        init(_ members: [String: JSONValue]) {
            if case .array(let positions)? = members["prefixItems"] {
                prefix = positions; prefixKeyword = "prefixItems"
                rest = members["items"]; restKeyword = "items"
            } else if case .array(let positions)? = members["items"] {
                prefix = positions; prefixKeyword = "items"
                rest = members["additionalItems"]; restKeyword = "additionalItems"
            } else {
                prefix = nil; prefixKeyword = "prefixItems"
                rest = members["items"]; restKeyword = "items"
            }
        }
    }

    func compareArrays(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        compareElements(old, new, at: site)
        compareCount(old, new, upper: "maxItems", lower: "minItems", at: site)
        compareUniqueItems(old, new, at: site)
        compareOptionalSubschema("contains", old, new, at: site, absentIsTrue: false)
        if old.members["contains"] != nil || new.members["contains"] != nil {
            compareCount(old, new, upper: "maxContains", lower: "minContains", lowerFloor: 1, at: site)
        }
        compareOptionalSubschema("unevaluatedItems", old, new, at: site, absentIsTrue: true)
    }

    private func compareElements(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = ArrayShape(old.members), after = ArrayShape(new.members)
        let anything = SchemaSource(value: true, identity: "*")
        let oldRest = before.rest != nil ? old.source(before.restKeyword) ?? anything : anything
        let newRest = after.rest != nil ? new.source(after.restKeyword) ?? anything : anything
        let restSite = site.descending([after.rest != nil ? after.restKeyword : before.restKeyword], .items)

        switch (before.prefix, after.prefix) {
        case (nil, nil):
            if before.rest != nil || after.rest != nil {
                compare(old: oldRest, new: newRest, at: restSite)
            }

        case (let oldPositions?, let newPositions?):
            let oldPrefix = old.source(before.prefixKeyword), newPrefix = new.source(after.prefixKeyword)
            if let oldPrefix, let newPrefix {
                for index in 0..<min(oldPositions.count, newPositions.count) {
                    compare(old: oldPrefix.child(String(index)), new: newPrefix.child(String(index)),
                            at: site.descending([after.prefixKeyword, String(index)], .position(index)))
                }
            }
            if oldPositions.count != newPositions.count {
                report(.tupleChanged, at: site, site.pointer(after.prefixKeyword), old: .array(oldPositions), new: .array(newPositions),
                       "tuple changed from \(oldPositions.count) to \(newPositions.count) positions")
            }
            if before.rest != nil || after.rest != nil {
                compare(old: oldRest, new: newRest, at: restSite)
            }

        case (let oldPositions?, nil):
            // Tuple → plain array: each old position now meets the element schema.
            let found = trial {
                if let oldPrefix = old.source(before.prefixKeyword) {
                    for index in oldPositions.indices {
                        compare(old: oldPrefix.child(String(index)), new: newRest, at: restSite)
                    }
                }
                compare(old: oldRest, new: newRest, at: restSite)
            }
            reportReshape(found, toArray: true, at: site, path: site.pointer(before.prefixKeyword),
                          old: .array(oldPositions), new: after.rest, detail: "tuple of \(oldPositions.count) positions became a plain array")

        case (nil, let newPositions?):
            // Plain array → tuple: the old element schema now meets each position.
            let found = trial {
                if let newPrefix = new.source(after.prefixKeyword) {
                    for index in newPositions.indices {
                        compare(old: oldRest, new: newPrefix.child(String(index)), at: site.descending([after.prefixKeyword, String(index)], .position(index)))
                    }
                }
                compare(old: oldRest, new: newRest, at: restSite)
            }
            reportReshape(found, toArray: false, at: site, path: site.pointer(after.prefixKeyword),
                          old: before.rest, new: .array(newPositions), detail: "plain array became a tuple of \(newPositions.count) positions")
        }
    }

    /// A tuple reshaped: when every position compares as non-breaking, an input tuple that
    /// became a plain array is the rule's N, and other reshapes keep their detailed findings;
    /// otherwise the shape change is reported whole, naming the first position that breaks.
    private func reportReshape(_ found: [SchemaFindingDraft], toArray: Bool, at site: SchemaSite, path: [String], old: JSONValue?, new: JSONValue?, detail: String) {
        let breaking = found.first { $0.severity(in: direction) != .nonBreaking }
        guard let breaking else {
            if toArray, direction == .input, !site.flipped {
                report(.tupleToArray, at: site, path, old: old, new: new, detail)
            } else {
                append(found)
            }
            return
        }
        report(.tupleChanged, at: site, path, old: old, new: new, detail,
               hint: "\(SchemaLabelSegment.subject(breaking.label, direction: direction)): \(breaking.detail)")
    }
}
