import AccordJSON

/// Compares two versions of one JSON Schema in a direction and classifies every change by the
/// rules of RULES.md (the inputSchema and outputSchema tables).
///
/// Input schemas are contravariant — a change breaks when some call valid before is now
/// rejected — and output schemas covariant — a change breaks when the server may now return
/// something old consumers did not expect. Local `$ref`s are followed (cycles guarded), each
/// finding points at the deepest location that changed, and where a change cannot be decided
/// structurally the finding says so (`*-change-undecidable`) instead of guessing.
///
/// ```swift
/// let findings = SchemaComparator(direction: .input, options: ComparisonOptions())
///     .compare(old: oldSchema, new: newSchema,
///              schemaPointer: JSONPointer(tokens: ["tools", "search", "inputSchema"]),
///              kind: .tool, name: "search")
/// // [input-upper-bound-tightened at /tools/search/inputSchema/properties/limit/maximum:
/// //  "input property `limit`: maximum lowered from 100 to 50"]
/// ```
public struct SchemaComparator: Sendable {
    public let direction: SchemaDirection
    public let options: ComparisonOptions

    public init(direction: SchemaDirection, options: ComparisonOptions) {
        self.direction = direction
        self.options = options
    }

    /// Compares two schemas of one object. `schemaPointer` is the full path of the schema root in
    /// the snapshot, e.g. `/tools/search/inputSchema`; findings point below it at the deepest
    /// changed location (e.g. `/tools/search/inputSchema/properties/limit/maximum`).
    ///
    /// Findings are sorted by pointer, then rule id; identical schemas (also after key
    /// reordering, and `1` vs `1.0`) give none.
    public func compare(old: JSONValue, new: JSONValue, schemaPointer: JSONPointer, kind: ObjectKind, name: String) -> [Finding] {
        if SchemaValue.equal(old, new) { return [] }
        let session = SchemaComparisonSession(direction: direction, options: options, old: old, new: new)
        session.compareRoots()

        var seen: Set<DraftIdentity> = []
        var findings: [Finding] = []
        findings.reserveCapacity(session.drafts.count)
        for draft in session.drafts {
            let finding = draft.finding(direction: direction, schemaPointer: schemaPointer, kind: kind, name: name)
            // Tuple reshapes and shared references can find one change twice.
            guard seen.insert(DraftIdentity(path: draft.path, rule: finding.ruleID, message: finding.message)).inserted else { continue }
            findings.append(finding)
        }
        findings.sort { lhs, rhs in
            if lhs.pointer != rhs.pointer { return lhs.pointer < rhs.pointer }
            if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
            return lhs.message < rhs.message
        }
        return findings
    }
}

/// What makes two findings the same finding.
private struct DraftIdentity: Hashable {
    var path: [String]
    var rule: String
    var message: String
}
