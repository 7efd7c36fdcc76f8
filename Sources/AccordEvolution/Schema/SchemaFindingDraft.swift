import AccordJSON

/// A finding before it knows where its schema sits in the snapshot. Paths are relative to the
/// schema root, so the result of comparing a shared `$ref` target can be stored once and replayed
/// at every location that references it (see ``SchemaComparisonSession``).
struct SchemaFindingDraft: Sendable {
    var change: SchemaChange
    /// Pointer tokens below the schema root.
    var path: [String]
    /// The human-readable location, for the message.
    var label: [SchemaLabelSegment]
    var old: JSONValue?
    var new: JSONValue?
    /// What happened, e.g. "maximum lowered from 100 to 50".
    var detail: String
    var hint: String?
    var tags: [String] = []
    /// The change lies inside an odd number of `not`s: its effect on accepted values is reversed.
    var flipped: Bool
    /// A severity other than the rule's default, decided by the comparison (strict-content-model,
    /// a oneOf branch removed that may have overlapped another).
    var severity: Severity?
    /// The change lies inside a oneOf whose branches may overlap, where narrowing a branch can
    /// admit values that used to match twice (and widening can reject them): not monotonic.
    var insideOverlappingOneOf = false

    /// The same draft placed `path`/`label` deeper (used when replaying a stored result).
    func prefixed(path prefix: [String], label labelPrefix: [SchemaLabelSegment]) -> SchemaFindingDraft {
        var copy = self
        copy.path = prefix + path
        copy.label = labelPrefix + label
        return copy
    }

    /// The severity this draft is reported with in `direction`.
    func severity(in direction: SchemaDirection) -> Severity {
        let judged: Severity
        if flipped {
            // Inside `not` the accepted values move against the subschema: the inverse change
            // judges, and where there is no clear inverse the change is only potentially breaking.
            judged = change.inverse.map { RuleCatalogue.rule($0.ruleID(in: direction)).severity } ?? .potentiallyBreaking
        } else {
            judged = severity ?? RuleCatalogue.rule(change.ruleID(in: direction)).severity
        }
        if insideOverlappingOneOf, change.affectsValidation, judged == .nonBreaking { return .potentiallyBreaking }
        return judged
    }

    func finding(direction: SchemaDirection, schemaPointer: JSONPointer, kind: ObjectKind, name: String) -> Finding {
        var notes: [String] = hint.map { [$0] } ?? []
        if flipped {
            notes.append("inside `not`: the values it excludes changed, so the accepted values moved the other way")
        }
        if insideOverlappingOneOf, change.affectsValidation {
            notes.append("inside a oneOf whose branches may overlap: a value matching two branches is rejected, so any change to a branch can move values either way")
        }
        let fullHint = notes.isEmpty ? nil : notes.joined(separator: "; ")
        return Finding(
            rule: change.ruleID(in: direction),
            kind: kind,
            name: name,
            pointer: JSONPointer(tokens: schemaPointer.tokens + path),
            old: old,
            new: new,
            message: "\(SchemaLabelSegment.subject(label, direction: direction)): \(detail)",
            hint: fullHint,
            tags: tags,
            severity: severity(in: direction)
        )
    }
}

/// One step of the human-readable location of a change: `filters.limit`, `tags[]`, `pair[0]`.
enum SchemaLabelSegment: Sendable, Hashable {
    case property(String)
    /// Every element of an array (`items`, `additionalItems`).
    case items
    /// One position of a tuple (`prefixItems`).
    case position(Int)
    /// Any property not listed (`additionalProperties`).
    case additionalProperties
    case patternProperty(String)
    /// A subschema keyword such as `not`, `then`, `contains`, `propertyNames`.
    case keyword(String)
    case branch(SchemaCombinator, Int)

    /// "input property `filters.limit`", "output schema", "input schema `anyOf[1].radius`".
    static func subject(_ label: [SchemaLabelSegment], direction: SchemaDirection) -> String {
        guard let first = label.first else { return "\(direction.word) schema" }
        var text = ""
        for segment in label {
            switch segment {
            case .property(let name): text += text.isEmpty ? name : ".\(name)"
            case .items: text += "[]"
            case .position(let index): text += "[\(index)]"
            case .additionalProperties: text += text.isEmpty ? "*" : ".*"
            case .patternProperty(let pattern): text += (text.isEmpty ? "" : ".") + "/\(pattern)/"
            case .keyword(let keyword): text += (text.isEmpty ? "" : ".") + keyword
            case .branch(let combinator, let index): text += (text.isEmpty ? "" : ".") + "\(combinator.rawValue)[\(index)]"
            }
        }
        if case .property = first { return "\(direction.word) property `\(text)`" }
        return "\(direction.word) schema `\(text)`"
    }
}
