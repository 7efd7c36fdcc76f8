import AccordJSON

/// Object keywords: properties and required (with the open/closed distinction), additional-,
/// pattern- and unevaluatedProperties, propertyNames, property counts, and dependencies.
extension SchemaComparisonSession {
    func compareObjects(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        compareProperties(old, new, at: site)
        compareAdditionalProperties(old, new, at: site)
        compareSubschemaMap("patternProperties", old, new, at: site) { .patternProperty($0) }
        compareOptionalSubschema("propertyNames", old, new, at: site, absentIsTrue: true)
        compareOptionalSubschema("unevaluatedProperties", old, new, at: site, absentIsTrue: true)
        compareCount(old, new, upper: "maxProperties", lower: "minProperties", at: site)
        compareDependentRequired("dependentRequired", old.members["dependentRequired"], new.members["dependentRequired"], at: site)
        compareSubschemaMap("dependentSchemas", old, new, at: site) { .keyword("dependentSchemas[\($0)]") }
        compareLegacyDependencies(old, new, at: site)
    }

    /// Closed: unlisted properties are rejected or constrained (`additionalProperties` false or a
    /// schema, `unevaluatedProperties: false`).
    static func isClosed(_ members: [String: JSONValue]) -> Bool {
        if members["unevaluatedProperties"] == .bool(false) { return true }
        switch members["additionalProperties"] {
        case .bool(false)?: return true
        case .object(let schema)?: return !schema.isEmpty
        default: return false
        }
    }

    /// The schema a property not listed in `properties` must meet: `additionalProperties`
    /// (`false` when the object is closed, anything when it is open). patternProperties are not
    /// consulted: matching their regular expressions is beyond a structural comparison.
    static func unlisted(_ node: SchemaNode) -> SchemaSource {
        if node.members["unevaluatedProperties"] == .bool(false) {
            return SchemaSource(value: false, identity: node.identity + "/unevaluatedProperties")
        }
        return node.source("additionalProperties") ?? SchemaSource(value: true, identity: "*")
    }

    static func requiredNames(_ members: [String: JSONValue]) -> Set<String> {
        Set((members["required"]?.arrayValue ?? []).compactMap(\.stringValue))
    }

    private func compareProperties(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["properties"]?.objectValue ?? [:]
        let after = new.members["properties"]?.objectValue ?? [:]
        let requiredBefore = Self.requiredNames(old.members), requiredAfter = Self.requiredNames(new.members)
        guard !before.isEmpty || !after.isEmpty || requiredBefore != requiredAfter else { return }
        let oldClosed = Self.isClosed(old.members), newClosed = Self.isClosed(new.members)
        let oldProperties = old.source("properties"), newProperties = new.source("properties")

        var settled: Set<String> = []
        for name in Set(before.keys).union(after.keys).sorted() {
            let propertySite = site.descending(["properties", name], .property(name))
            switch (before[name], after[name]) {
            case (nil, let schema?):
                if requiredBefore.contains(name) {
                    // It was required before, with whatever unlisted properties could be: only
                    // its schema is new.
                    if let newProperties { compare(old: Self.unlisted(old), new: newProperties.child(name), at: propertySite) }
                } else {
                    settled.insert(name)
                    reportAdded(name, schema, required: requiredAfter.contains(name), oldClosed: oldClosed, at: site)
                    if old.members["additionalProperties"]?.objectValue?.isEmpty == false, let newProperties {
                        // The old object constrained it through additionalProperties already.
                        compare(old: Self.unlisted(old), new: newProperties.child(name), at: propertySite)
                    }
                }
            case (let schema?, nil):
                if requiredAfter.contains(name) {
                    // Still required, now with whatever unlisted properties may be.
                    if let oldProperties { compare(old: oldProperties.child(name), new: Self.unlisted(new), at: propertySite) }
                } else {
                    settled.insert(name)
                    reportRemoved(name, schema, wasRequired: requiredBefore.contains(name), newClosed: newClosed, at: site)
                }
            case (_?, _?):
                if let oldProperties, let newProperties {
                    compare(old: oldProperties.child(name), new: newProperties.child(name), at: propertySite)
                }
            case (nil, nil):
                break
            }
        }

        for name in requiredBefore.symmetricDifference(requiredAfter).subtracting(settled).sorted() {
            let nowRequired = requiredAfter.contains(name)
            report(nowRequired ? .propertyBecameRequired : .propertyBecameOptional, at: site, site.pointer("properties", name), label: .property(name),
                   old: .bool(!nowRequired), new: .bool(nowRequired), nowRequired ? "became required" : "became optional")
        }
    }

    private func reportAdded(_ name: String, _ schema: JSONValue, required: Bool, oldClosed: Bool, at site: SchemaSite) {
        var severity: Severity?
        var hint: String?
        switch direction {
        case .input where !required && !oldClosed && options.strictContentModel:
            severity = .potentiallyBreaking
            hint = "strict-content-model: the old object was open, so callers may already send `\(name)` with values the server will now interpret"
        case .output where oldClosed:
            hint = "the old object was closed: consumers that reject unknown properties may reject the new one"
        default:
            break
        }
        report(.propertyAdded(required: required, oldObjectClosed: oldClosed), at: site, site.pointer("properties", name), label: .property(name),
               old: nil, new: schema, required ? "added as required" : "added as optional", hint: hint, severity: severity)
    }

    private func reportRemoved(_ name: String, _ schema: JSONValue, wasRequired: Bool, newClosed: Bool, at site: SchemaSite) {
        let detail: String
        switch direction {
        case .input:
            detail = newClosed ? "removed from a closed object (calls sending it are rejected)" : "removed from an open object (still accepted, now ignored)"
        case .output:
            detail = wasRequired ? "removed (was required)" : "removed (was optional)"
        }
        report(.propertyRemoved(wasRequired: wasRequired, newObjectClosed: newClosed), at: site, site.pointer("properties", name), label: .property(name),
               old: schema, new: nil, detail)
    }

    // MARK: - additionalProperties

    private enum AdditionalProperties {
        case open, closed, schema

        init(_ value: JSONValue?) {
            switch value {
            case nil, .bool(true)?: self = .open
            case .bool(false)?: self = .closed
            case .object(let members)?: self = members.isEmpty ? .open : .schema
            default: self = .open
            }
        }
    }

    private func compareAdditionalProperties(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["additionalProperties"], after = new.members["additionalProperties"]
        let change: SchemaChange, detail: String
        switch (AdditionalProperties(before), AdditionalProperties(after)) {
        case (.open, .open), (.closed, .closed):
            return
        case (.schema, .schema):
            if let oldSource = old.source("additionalProperties"), let newSource = new.source("additionalProperties") {
                compare(old: oldSource, new: newSource, at: site.descending(["additionalProperties"], .additionalProperties))
            }
            return
        case (.open, .closed): change = .additionalPropertiesNarrowed; detail = "additionalProperties closed (was open)"
        case (.open, .schema): change = .additionalPropertiesNarrowed; detail = "additionalProperties constrained by a schema (was open)"
        case (.schema, .closed): change = .additionalPropertiesNarrowed; detail = "additionalProperties closed (was a schema)"
        case (.closed, .open): change = .additionalPropertiesWidened; detail = "additionalProperties opened (was closed)"
        case (.closed, .schema): change = .additionalPropertiesWidened; detail = "additionalProperties opened to a schema (was closed)"
        case (.schema, .open): change = .additionalPropertiesWidened; detail = "additionalProperties opened (was a schema)"
        }
        report(change, at: site, site.pointer("additionalProperties"), old: before, new: after, detail)
    }

    // MARK: - Subschema keywords

    /// A keyword holding one subschema that constrains when present (`propertyNames`,
    /// `unevaluatedProperties`, `contains`): added or removed as a whole, else compared inside.
    func compareOptionalSubschema(_ keyword: String, _ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite, absentIsTrue: Bool) {
        var before = old.members[keyword], after = new.members[keyword]
        if absentIsTrue {
            if before == .bool(true) || before == .object([:]) { before = nil }
            if after == .bool(true) || after == .object([:]) { after = nil }
        }
        switch (before, after) {
        case (nil, let value?):
            report(.constraintAdded, at: site, site.pointer(keyword), old: nil, new: value, "\(keyword) added")
        case (let value?, nil):
            report(.constraintRemoved, at: site, site.pointer(keyword), old: value, new: nil, "\(keyword) removed")
        case (_?, _?):
            if let oldSource = old.source(keyword), let newSource = new.source(keyword) {
                compare(old: oldSource, new: newSource, at: site.descending([keyword], .keyword(keyword)))
            }
        case (nil, nil):
            break
        }
    }

    /// A keyword holding a map of subschemas (`patternProperties`, `dependentSchemas`): each
    /// entry added or removed, or compared inside.
    private func compareSubschemaMap(_ keyword: String, _ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite, segment: (String) -> SchemaLabelSegment) {
        let before = old.members[keyword]?.objectValue, after = new.members[keyword]?.objectValue
        guard before != nil || after != nil else { return }
        let beforeMap = before ?? [:], afterMap = after ?? [:]
        for key in Set(beforeMap.keys).union(afterMap.keys).sorted() {
            switch (beforeMap[key], afterMap[key]) {
            case (nil, let value?):
                report(.constraintAdded, at: site, site.pointer(keyword, key), old: nil, new: value, "\(keyword) `\(key)` added")
            case (let value?, nil):
                report(.constraintRemoved, at: site, site.pointer(keyword, key), old: value, new: nil, "\(keyword) `\(key)` removed")
            case (_?, _?):
                if let oldSource = old.source(keyword), let newSource = new.source(keyword) {
                    compare(old: oldSource.child(key), new: newSource.child(key), at: site.descending([keyword, key], segment(key)))
                }
            case (nil, nil):
                break
            }
        }
    }

    /// `dependentRequired` (and array entries of draft-07 `dependencies`): names that must be
    /// present when a property is.
    private func compareDependentRequired(_ keyword: String, _ before: JSONValue?, _ after: JSONValue?, at site: SchemaSite, only keys: Set<String>? = nil) {
        guard before != nil || after != nil else { return }
        let beforeMap = before?.objectValue ?? [:], afterMap = after?.objectValue ?? [:]
        for key in Set(beforeMap.keys).union(afterMap.keys).sorted() where keys?.contains(key) ?? true {
            let oldNames = beforeMap[key]?.arrayValue.map { $0.compactMap(\.stringValue) }
            let newNames = afterMap[key]?.arrayValue.map { $0.compactMap(\.stringValue) }
            let path = site.pointer(keyword, key)
            switch (oldNames, newNames) {
            case (nil, let names?):
                report(.constraintAdded, at: site, path, old: nil, new: afterMap[key], "\(keyword) `\(key)` added: requires \(names.joined(separator: ", "))")
            case (let names?, nil):
                report(.constraintRemoved, at: site, path, old: beforeMap[key], new: nil, "\(keyword) `\(key)` removed: required \(names.joined(separator: ", "))")
            case (let oldNames?, let newNames?):
                let added = newNames.filter { !oldNames.contains($0) }, removed = oldNames.filter { !newNames.contains($0) }
                if !added.isEmpty {
                    report(.constraintAdded, at: site, path, old: beforeMap[key], new: afterMap[key],
                           "\(keyword) `\(key)` now also requires \(added.joined(separator: ", "))")
                }
                if !removed.isEmpty {
                    report(.constraintRemoved, at: site, path, old: beforeMap[key], new: afterMap[key],
                           "\(keyword) `\(key)` no longer requires \(removed.joined(separator: ", "))")
                }
            case (nil, nil):
                break
            }
        }
    }

    /// Draft-07 `dependencies`: each entry is a list of names or a schema.
    private func compareLegacyDependencies(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["dependencies"]?.objectValue, after = new.members["dependencies"]?.objectValue
        guard before != nil || after != nil else { return }
        let beforeMap = before ?? [:], afterMap = after ?? [:]
        var nameLists: Set<String> = []
        for key in Set(beforeMap.keys).union(afterMap.keys).sorted() {
            let oldEntry = beforeMap[key], newEntry = afterMap[key]
            let oldIsList = oldEntry?.arrayValue != nil, newIsList = newEntry?.arrayValue != nil
            switch (oldEntry, newEntry) {
            case (_?, _?) where oldIsList && newIsList, (nil, _?) where newIsList, (_?, nil) where oldIsList:
                nameLists.insert(key)
            case (_?, _?) where oldIsList != newIsList:
                report(.undecidable, at: site, site.pointer("dependencies", key), old: oldEntry, new: newEntry,
                       "dependencies `\(key)` changed between a list of names and a schema",
                       hint: "a name list and a schema constrain differently; compare them by hand")
            case (nil, let value?):
                report(.constraintAdded, at: site, site.pointer("dependencies", key), old: nil, new: value, "dependencies `\(key)` added")
            case (let value?, nil):
                report(.constraintRemoved, at: site, site.pointer("dependencies", key), old: value, new: nil, "dependencies `\(key)` removed")
            case (_?, _?):
                if let oldSource = old.source("dependencies"), let newSource = new.source("dependencies") {
                    compare(old: oldSource.child(key), new: newSource.child(key), at: site.descending(["dependencies", key], .keyword("dependencies[\(key)]")))
                }
            case (nil, nil):
                break
            }
        }
        compareDependentRequired("dependencies", old.members["dependencies"], new.members["dependencies"], at: site, only: nameLists)
    }
}
