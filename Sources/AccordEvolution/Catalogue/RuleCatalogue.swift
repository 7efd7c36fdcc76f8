/// The change-rule catalogue as data: the engine, the docs generator (`accord rules`) and the
/// tests all read this one table. Adding a rule is one row here plus one test pair.
///
/// Severity: B breaking (major), P potentially breaking (minor; major under `strict`),
/// N non-breaking (minor for additions, widenings, deprecations; patch for text and metadata).
public enum RuleCatalogue {
    public static let all: [Rule] = surface + toolMetadata + inputSchema + outputSchema + resourcesAndPrompts + versions + policy + review

    private static let byID: [String: Rule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// The rule with this id. Ids are compile-time constants of the engine, so a missing one is
    /// a programming error caught by the catalogue tests.
    public static func rule(_ id: String) -> Rule {
        guard let rule = byID[id] else { preconditionFailure("rule \(id) is not in the catalogue") }
        return rule
    }

    public static func contains(_ id: String) -> Bool { byID[id] != nil }

    static let surface: [Rule] = [
        Rule("tool-added", .nonBreaking, .surface, .minor, .surface, "A tool was added."),
        Rule("prompt-added", .nonBreaking, .surface, .minor, .surface, "A prompt was added."),
        Rule("resource-added", .nonBreaking, .surface, .minor, .surface, "A resource (by URI) was added."),
        Rule("resource-template-added", .nonBreaking, .surface, .minor, .surface, "A resource template was added."),
        Rule("tool-removed", .breaking, .surface, .major, .surface, "A tool was removed: calls to it fail."),
        Rule("prompt-removed", .breaking, .surface, .major, .surface, "A prompt was removed."),
        Rule("resource-removed", .breaking, .surface, .major, .surface, "A resource (by URI) was removed."),
        Rule("resource-template-removed", .breaking, .surface, .major, .surface, "A resource template was removed."),
        Rule("tool-removed-after-deprecation", .potentiallyBreaking, .surface, .minor, .surface, "A deprecated tool was removed after its deprecation window."),
        Rule("tool-renamed", .breaking, .surface, .major, .surface, "A tool was renamed (removed and added with the same schemas)."),
        Rule("prompt-renamed", .breaking, .surface, .major, .surface, "A prompt was renamed (removed and added with the same arguments)."),
        Rule("capability-removed", .breaking, .surface, .major, .surface, "A server capability (tools, resources, prompts, completions, logging, resources.subscribe) was removed."),
        Rule("capability-added", .nonBreaking, .surface, .minor, .surface, "A server capability was added."),
        Rule("list-changed-removed", .potentiallyBreaking, .surface, .minor, .surface, "A capability no longer announces listChanged notifications."),
        Rule("list-changed-added", .nonBreaking, .surface, .minor, .surface, "A capability now announces listChanged notifications."),
        Rule("protocol-version-dropped", .breaking, .surface, .major, .surface, "The server no longer speaks the protocol version it negotiated before."),
    ]

    static let toolMetadata: [Rule] = [
        Rule("tool-title-changed", .nonBreaking, .metadata, .patch, .toolMetadata, "A tool's title changed."),
        Rule("tool-description-changed", .nonBreaking, .metadata, .patch, .toolMetadata, "A tool's description changed (LLM-facing: review for tool poisoning)."),
        Rule("tool-icons-changed", .nonBreaking, .metadata, .patch, .toolMetadata, "A tool's icons changed."),
        Rule("tool-meta-changed", .nonBreaking, .metadata, .patch, .toolMetadata, "A tool's _meta changed."),
        Rule("server-instructions-changed", .nonBreaking, .metadata, .patch, .toolMetadata, "The server's instructions changed (LLM-facing)."),
        Rule("server-info-changed", .nonBreaking, .metadata, .patch, .toolMetadata, "serverInfo fields other than the version changed."),
        Rule("tool-deprecated", .nonBreaking, .metadata, .minor, .toolMetadata, "A tool was marked deprecated."),
        Rule("output-schema-added", .nonBreaking, .output, .minor, .toolMetadata, "A tool gained an outputSchema."),
        Rule("output-schema-removed", .breaking, .output, .major, .toolMetadata, "A tool lost its outputSchema: consumers of structuredContent lose their guarantee."),
        Rule("annotation-read-only-removed", .breaking, .behaviour, .major, .toolMetadata, "readOnlyHint went from true to false: the tool may now modify its environment."),
        Rule("annotation-destructive-added", .breaking, .behaviour, .major, .toolMetadata, "destructiveHint went from false to true: the tool may now destroy data."),
        Rule("annotation-idempotent-removed", .breaking, .behaviour, .major, .toolMetadata, "idempotentHint went from true to false: retries are no longer safe."),
        Rule("annotation-open-world-added", .potentiallyBreaking, .behaviour, .minor, .toolMetadata, "openWorldHint went from false to true: the tool now reaches outside systems."),
        Rule("annotation-safer", .nonBreaking, .behaviour, .patch, .toolMetadata, "An annotation became safer or was only made explicit (effective values compared with spec defaults)."),
        Rule("task-support-required", .breaking, .behaviour, .major, .toolMetadata, "execution.taskSupport became required: plain calls fail."),
        Rule("task-support-dropped", .potentiallyBreaking, .behaviour, .minor, .toolMetadata, "execution.taskSupport was dropped: task-based callers are affected."),
        Rule("task-support-optional", .nonBreaking, .behaviour, .minor, .toolMetadata, "execution.taskSupport was made optional."),
    ]

    static let inputSchema: [Rule] = [
        Rule("input-property-added-optional", .nonBreaking, .input, .minor, .inputSchema, "An optional input property was added (potentially breaking under strict-content-model when the object was open)."),
        Rule("input-property-added-required", .breaking, .input, .major, .inputSchema, "A required input property was added (even with a default): old calls lack it."),
        Rule("input-property-became-required", .breaking, .input, .major, .inputSchema, "An input property became required."),
        Rule("input-property-became-optional", .nonBreaking, .input, .minor, .inputSchema, "An input property became optional."),
        Rule("input-property-removed-closed", .breaking, .input, .major, .inputSchema, "A property was removed from a closed input object: calls sending it are rejected."),
        Rule("input-property-removed-open", .potentiallyBreaking, .input, .minor, .inputSchema, "A property was removed from an open input object: it is accepted but ignored."),
        Rule("input-additional-properties-narrowed", .breaking, .input, .major, .inputSchema, "additionalProperties was closed or narrowed."),
        Rule("input-additional-properties-widened", .nonBreaking, .input, .minor, .inputSchema, "additionalProperties was opened or widened."),
        Rule("input-type-narrowed", .breaking, .input, .major, .inputSchema, "An input type was narrowed (a type removed, number→integer, null removed)."),
        Rule("input-type-widened", .nonBreaking, .input, .minor, .inputSchema, "An input type was widened."),
        Rule("input-type-changed", .breaking, .input, .major, .inputSchema, "An input type changed to an unrelated one."),
        Rule("input-enum-value-removed", .breaking, .input, .major, .inputSchema, "An input enum value was removed."),
        Rule("input-enum-value-added", .nonBreaking, .input, .minor, .inputSchema, "An input enum value was added."),
        Rule("input-enum-introduced", .breaking, .input, .major, .inputSchema, "An input gained an enum."),
        Rule("input-enum-dropped", .nonBreaking, .input, .minor, .inputSchema, "An input lost its enum."),
        Rule("input-const-changed", .breaking, .input, .major, .inputSchema, "An input const was added or changed."),
        Rule("input-const-removed", .nonBreaking, .input, .minor, .inputSchema, "An input const was removed."),
        Rule("input-upper-bound-tightened", .breaking, .input, .major, .inputSchema, "maximum, exclusiveMaximum, maxLength, maxItems, maxProperties or maxContains was lowered or set."),
        Rule("input-upper-bound-loosened", .nonBreaking, .input, .minor, .inputSchema, "An input upper bound was raised or removed."),
        Rule("input-lower-bound-tightened", .breaking, .input, .major, .inputSchema, "minimum, exclusiveMinimum, minLength, minItems, minProperties or minContains was raised or set."),
        Rule("input-lower-bound-loosened", .nonBreaking, .input, .minor, .inputSchema, "An input lower bound was lowered or removed."),
        Rule("input-multiple-of-changed", .breaking, .input, .major, .inputSchema, "multipleOf was added or changed so that old values may fail."),
        Rule("input-multiple-of-relaxed", .nonBreaking, .input, .minor, .inputSchema, "multipleOf was removed or changed to a divisor of the old value."),
        Rule("input-unique-items-added", .breaking, .input, .major, .inputSchema, "uniqueItems was added."),
        Rule("input-unique-items-removed", .nonBreaking, .input, .minor, .inputSchema, "uniqueItems was removed."),
        Rule("input-pattern-added", .breaking, .input, .major, .inputSchema, "An input pattern was added."),
        Rule("input-pattern-changed", .potentiallyBreaking, .input, .minor, .inputSchema, "An input pattern changed (cannot be decided structurally)."),
        Rule("input-pattern-removed", .nonBreaking, .input, .minor, .inputSchema, "An input pattern was removed."),
        Rule("input-format-added", .potentiallyBreaking, .input, .minor, .inputSchema, "An input format was added (2020-12 treats format as an annotation by default)."),
        Rule("input-format-changed", .potentiallyBreaking, .input, .minor, .inputSchema, "An input format changed."),
        Rule("input-format-removed", .nonBreaking, .input, .minor, .inputSchema, "An input format was removed."),
        Rule("input-any-of-branch-added", .nonBreaking, .input, .minor, .inputSchema, "An anyOf branch was added to an input."),
        Rule("input-any-of-branch-removed", .breaking, .input, .major, .inputSchema, "An anyOf branch was removed from an input."),
        Rule("input-one-of-branch-added", .potentiallyBreaking, .input, .minor, .inputSchema, "A oneOf branch was added to an input (a value may now match twice)."),
        Rule("input-one-of-branch-removed", .breaking, .input, .major, .inputSchema, "A oneOf branch was removed from an input."),
        Rule("input-all-of-branch-added", .breaking, .input, .major, .inputSchema, "An allOf branch was added to an input."),
        Rule("input-all-of-branch-removed", .nonBreaking, .input, .minor, .inputSchema, "An allOf branch was removed from an input."),
        Rule("input-constraint-added", .breaking, .input, .major, .inputSchema, "not, if/then/else, dependentRequired, dependentSchemas, patternProperties, propertyNames or unevaluated* was added to an input."),
        Rule("input-constraint-removed", .nonBreaking, .input, .minor, .inputSchema, "not, if/then/else, dependentRequired, dependentSchemas, patternProperties, propertyNames or unevaluated* was removed from an input."),
        Rule("input-tuple-changed", .breaking, .input, .major, .inputSchema, "An input tuple shape (prefixItems, items) changed."),
        Rule("input-tuple-to-array", .nonBreaking, .input, .minor, .inputSchema, "An input tuple became a plain array."),
        Rule("input-default-changed", .potentiallyBreaking, .input, .minor, .inputSchema, "An input default was added, changed or removed (behaviour changes when the value is omitted)."),
        Rule("input-schema-dialect-changed", .potentiallyBreaking, .input, .minor, .inputSchema, "The inputSchema's $schema dialect changed."),
        Rule("input-annotation-changed", .nonBreaking, .metadata, .patch, .inputSchema, "An input title, description, examples or $comment changed."),
        Rule("input-property-deprecated", .nonBreaking, .input, .minor, .inputSchema, "An input property was marked deprecated."),
        Rule("input-change-undecidable", .potentiallyBreaking, .input, .minor, .inputSchema, "An input change cannot be decided structurally (the finding says why)."),
    ]

    static let outputSchema: [Rule] = [
        Rule("output-required-property-removed", .breaking, .output, .major, .outputSchema, "A required output property was removed: consumers reading it break."),
        Rule("output-property-became-optional", .breaking, .output, .major, .outputSchema, "An output property became optional: it may now be missing."),
        Rule("output-optional-property-removed", .potentiallyBreaking, .output, .minor, .outputSchema, "An optional output property was removed."),
        Rule("output-property-added", .nonBreaking, .output, .minor, .outputSchema, "An output property was added."),
        Rule("output-property-added-to-closed", .potentiallyBreaking, .output, .minor, .outputSchema, "A property was added to a closed output object: strict consumers may reject it."),
        Rule("output-property-became-required", .nonBreaking, .output, .minor, .outputSchema, "An output property became required."),
        Rule("output-type-widened", .breaking, .output, .major, .outputSchema, "An output type was widened (incl. null added): consumers may see unexpected values."),
        Rule("output-type-narrowed", .nonBreaking, .output, .minor, .outputSchema, "An output type was narrowed."),
        Rule("output-type-changed", .breaking, .output, .major, .outputSchema, "An output type changed to an unrelated one."),
        Rule("output-enum-value-added", .potentiallyBreaking, .output, .minor, .outputSchema, "An output enum value was added (exhaustive consumers may break; see extensible-enums)."),
        Rule("output-enum-dropped", .potentiallyBreaking, .output, .minor, .outputSchema, "An output lost its enum: any value may now appear."),
        Rule("output-enum-value-removed", .nonBreaking, .output, .minor, .outputSchema, "An output enum value was removed."),
        Rule("output-enum-introduced", .nonBreaking, .output, .minor, .outputSchema, "An output gained an enum."),
        Rule("output-const-changed", .breaking, .output, .major, .outputSchema, "An output const was removed or changed."),
        Rule("output-const-added", .nonBreaking, .output, .minor, .outputSchema, "An output const was added."),
        Rule("output-constraint-loosened", .breaking, .output, .major, .outputSchema, "An output bound was loosened (max raised or removed, min lowered or removed, multipleOf or uniqueItems relaxed)."),
        Rule("output-constraint-tightened", .nonBreaking, .output, .minor, .outputSchema, "An output bound was tightened."),
        Rule("output-pattern-changed", .potentiallyBreaking, .output, .minor, .outputSchema, "An output pattern or format was removed or changed."),
        Rule("output-pattern-added", .nonBreaking, .output, .minor, .outputSchema, "An output pattern or format was added."),
        Rule("output-branch-added", .breaking, .output, .major, .outputSchema, "An anyOf or oneOf branch was added to an output."),
        Rule("output-branch-removed", .nonBreaking, .output, .minor, .outputSchema, "An anyOf or oneOf branch was removed from an output."),
        Rule("output-all-of-branch-removed", .potentiallyBreaking, .output, .minor, .outputSchema, "An allOf branch was removed from an output."),
        Rule("output-all-of-branch-added", .nonBreaking, .output, .minor, .outputSchema, "An allOf branch was added to an output."),
        Rule("output-additional-properties-opened", .potentiallyBreaking, .output, .minor, .outputSchema, "additionalProperties of an output was opened."),
        Rule("output-additional-properties-closed", .nonBreaking, .output, .minor, .outputSchema, "additionalProperties of an output was closed."),
        Rule("output-constraint-removed", .breaking, .output, .major, .outputSchema, "not, if/then/else, dependent*, patternProperties, propertyNames or unevaluated* was removed from an output."),
        Rule("output-constraint-added", .nonBreaking, .output, .minor, .outputSchema, "not, if/then/else, dependent*, patternProperties, propertyNames or unevaluated* was added to an output."),
        Rule("output-tuple-changed", .breaking, .output, .major, .outputSchema, "An output tuple shape (prefixItems, items) changed."),
        Rule("output-schema-dialect-changed", .potentiallyBreaking, .output, .minor, .outputSchema, "The outputSchema's $schema dialect changed."),
        Rule("output-annotation-changed", .nonBreaking, .metadata, .patch, .outputSchema, "An output default, title, description, examples or $comment changed."),
        Rule("output-change-undecidable", .potentiallyBreaking, .output, .minor, .outputSchema, "An output change cannot be decided structurally (the finding says why)."),
    ]

    static let resourcesAndPrompts: [Rule] = [
        Rule("resource-mime-type-changed", .breaking, .output, .major, .resourcesAndPrompts, "A resource's or template's mimeType changed."),
        Rule("resource-mime-type-removed", .potentiallyBreaking, .output, .minor, .resourcesAndPrompts, "A resource's or template's mimeType was removed."),
        Rule("resource-mime-type-added", .nonBreaking, .output, .minor, .resourcesAndPrompts, "A resource or template gained a mimeType."),
        Rule("resource-metadata-changed", .nonBreaking, .metadata, .patch, .resourcesAndPrompts, "A resource's or template's name, title, description, size, annotations, icons or _meta changed."),
        Rule("template-uri-changed", .breaking, .input, .major, .resourcesAndPrompts, "A template's literal text changed, or a variable was removed or renamed."),
        Rule("template-variable-added", .potentiallyBreaking, .input, .minor, .resourcesAndPrompts, "A template gained a variable."),
        Rule("template-operator-changed", .potentiallyBreaking, .input, .minor, .resourcesAndPrompts, "A template expression's operator changed ({x} → {+x}, {?x})."),
        Rule("prompt-argument-added-optional", .nonBreaking, .input, .minor, .resourcesAndPrompts, "An optional prompt argument was added."),
        Rule("prompt-argument-added-required", .breaking, .input, .major, .resourcesAndPrompts, "A required prompt argument was added."),
        Rule("prompt-argument-removed", .potentiallyBreaking, .input, .minor, .resourcesAndPrompts, "A prompt argument was removed."),
        Rule("prompt-argument-became-required", .breaking, .input, .major, .resourcesAndPrompts, "A prompt argument became required."),
        Rule("prompt-argument-became-optional", .nonBreaking, .input, .minor, .resourcesAndPrompts, "A prompt argument became optional."),
        Rule("prompt-text-changed", .nonBreaking, .metadata, .patch, .resourcesAndPrompts, "A prompt's or argument's title or description changed (LLM-facing)."),
        Rule("prompt-metadata-changed", .nonBreaking, .metadata, .patch, .resourcesAndPrompts, "A prompt's icons or _meta changed."),
    ]

    static let versions: [Rule] = [
        Rule("version-bump-insufficient", .breaking, .behaviour, .none, .versions, "serverInfo.version did not bump as much as the changes require."),
        Rule("version-decreased", .breaking, .behaviour, .none, .versions, "serverInfo.version went down."),
        Rule("version-not-bumped", .breaking, .behaviour, .none, .versions, "serverInfo.version is unchanged although definitions changed."),
    ]

    static let policy: [Rule] = [
        Rule("policy-accept-stale", .potentiallyBreaking, .metadata, .none, .policy, "An accept entry in the policy matches no finding: remove it."),
        Rule("policy-accept-expired", .potentiallyBreaking, .metadata, .none, .policy, "An accept entry has expired: the finding it silenced is reported again."),
    ]

    /// LLM-facing text (descriptions, titles, instructions, schema text): severity `review`,
    /// never a semver bump (docs/review.md). The two informational rules run only on a single
    /// snapshot (`accord review`); on a diff the others run on the changed text.
    static let review: [Rule] = [
        Rule("llm-hidden-characters", .review, .metadata, .none, .review, "LLM-facing text contains hidden characters a reader does not see but a model reads: Unicode tag, zero-width or bidi-control characters."),
        Rule("llm-instruction-like-text", .review, .metadata, .none, .review, "LLM-facing text contains instructions aimed at the model (the versioned pattern list): overriding instructions, hidden <IMPORTANT> blocks, concealment from the user, reading files or credentials."),
        Rule("llm-mentions-other-tool", .review, .metadata, .none, .review, "LLM-facing text instructs about another tool of the snapshot or about other servers' tools (tool shadowing)."),
        Rule("llm-url-added", .review, .metadata, .none, .review, "A URL was added to LLM-facing text (diff: present in the new text, not in the old)."),
        Rule("llm-text-changed-without-version-bump", .review, .metadata, .none, .review, "LLM-facing text changed while serverInfo.version stayed the same (a rug pull)."),
        Rule("llm-url-present", .nonBreaking, .metadata, .none, .review, "LLM-facing text contains a URL (informational; single-snapshot review only)."),
        Rule("llm-tool-reference", .nonBreaking, .metadata, .none, .review, "LLM-facing text names another tool of the snapshot without instructing about it (informational; single-snapshot review only)."),
    ]
}
