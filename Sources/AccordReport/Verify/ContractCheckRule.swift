import AccordContracts

/// The rules failed contract checks are reported under in SARIF: one per aspect of a consumer's
/// reliance (``CheckSubject/Aspect``), so code scanning groups alerts by what broke. The ids are
/// stable; they are documented in the rules' metadata and in docs/reports.md.
///
/// ```swift
/// ContractCheckRule.rule(for: .read).id   // "contract-read-not-guaranteed"
/// ```
struct ContractCheckRule: Sendable, Equatable {
    let aspect: CheckSubject.Aspect
    let id: String
    /// One sentence: what a failure under this rule means.
    let summary: String
    /// What the provider (or the consumer) can do about it.
    let help: String

    /// Every rule, in a stable order: the SARIF driver's `rules`.
    static let all: [ContractCheckRule] = [.exists, .example, .read, .annotations, .arguments, .interaction].map(rule(for:))

    static func rule(for aspect: CheckSubject.Aspect) -> ContractCheckRule {
        switch aspect {
        case .exists:
            ContractCheckRule(aspect: aspect, id: "contract-object-missing",
                              summary: "A tool, prompt, resource, resource template or provider a consumer's contract relies on is not offered.",
                              help: "Offer it again, or agree a migration with the consumer and update its contract before releasing.")
        case .example:
            ContractCheckRule(aspect: aspect, id: "contract-example-invalid",
                              summary: "Example arguments from a consumer's contract do not validate against the tool's inputSchema.",
                              help: "Accept the arguments the consumer sends (keep new properties optional, do not narrow types), or have the consumer update its calls and contract.")
        case .read:
            ContractCheckRule(aspect: aspect, id: "contract-read-not-guaranteed",
                              summary: "A structuredContent field a consumer reads is not guaranteed by the tool's outputSchema.",
                              help: "Keep the field declared and required in the outputSchema with a compatible type, or have the consumer stop reading it.")
        case .annotations:
            ContractCheckRule(aspect: aspect, id: "contract-annotation-changed",
                              summary: "A tool annotation a consumer relies on (such as readOnlyHint or destructiveHint) no longer holds.",
                              help: "Restore the annotation, or tell the consumer: it may call the tool under assumptions that are no longer true.")
        case .arguments:
            ContractCheckRule(aspect: aspect, id: "contract-prompt-arguments-mismatch",
                              summary: "A prompt argument a consumer passes does not exist, or a required argument is not passed.",
                              help: "Keep the prompt's arguments compatible (no new required ones, no removals), or have the consumer update its contract.")
        case .interaction:
            ContractCheckRule(aspect: aspect, id: "contract-interaction-failed",
                              summary: "An interaction from a consumer's contract failed: the call could not be made or its result does not match the contract's matchers.",
                              help: "Compare the result with the contract's expectation; check the provider state the interaction is given.")
        }
    }
}
