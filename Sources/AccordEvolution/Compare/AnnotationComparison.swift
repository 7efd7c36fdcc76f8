import AccordJSON

/// Tool annotations compared by their effective values: an absent hint means the spec default
/// (readOnly false, destructive true, idempotent false, openWorld true), so making a default
/// explicit is not a behaviour change.
enum AnnotationComparison {
    struct Hint {
        let key: String
        let defaultValue: Bool
        /// The value change that makes the tool less safe, with its rule.
        let riskier: (from: Bool, to: Bool, rule: String)
    }

    static let hints = [
        Hint(key: "readOnlyHint", defaultValue: false, riskier: (true, false, "annotation-read-only-removed")),
        Hint(key: "destructiveHint", defaultValue: true, riskier: (false, true, "annotation-destructive-added")),
        Hint(key: "idempotentHint", defaultValue: false, riskier: (true, false, "annotation-idempotent-removed")),
        Hint(key: "openWorldHint", defaultValue: true, riskier: (false, true, "annotation-open-world-added")),
    ]

    static func compare(_ old: JSONValue?, _ new: JSONValue?, path: ObjectPath) -> [Finding] {
        var findings: [Finding] = []
        for hint in hints {
            let before = old?[hint.key], after = new?[hint.key]
            guard !semanticallyEqual(before, after) else { continue }
            let effectiveBefore = before?.boolValue ?? hint.defaultValue
            let effectiveAfter = after?.boolValue ?? hint.defaultValue
            if effectiveBefore == hint.riskier.from, effectiveAfter == hint.riskier.to {
                findings.append(path.finding(hint.riskier.rule, ["annotations", hint.key], old: before, new: after,
                                             message: "\(path.label): \(hint.key) went from \(effectiveBefore) to \(effectiveAfter)\(before == nil || after == nil ? " (effective value)" : "")"))
            } else {
                let what = effectiveBefore == effectiveAfter ? "made explicit or implicit (effective value stays \(effectiveAfter))" : "became safer (\(effectiveBefore) → \(effectiveAfter))"
                findings.append(path.finding("annotation-safer", ["annotations", hint.key], old: before, new: after, message: "\(path.label): \(hint.key) \(what)"))
            }
        }
        let titleBefore = old?["title"], titleAfter = new?["title"]
        if !semanticallyEqual(titleBefore, titleAfter) {
            findings.append(path.finding("tool-title-changed", ["annotations", "title"], old: titleBefore, new: titleAfter, message: "\(path.label): annotations.title changed"))
        }
        return findings
    }
}
