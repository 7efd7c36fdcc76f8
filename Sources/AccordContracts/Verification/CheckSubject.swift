/// What a ``VerificationCheck`` is about: the provider object it concerns and which aspect of
/// the contract's reliance on it. Consumer-aware diffs use it to tie a finding to the checks it
/// can break; JUnit reports use the object as the test case's class.
///
/// ```swift
/// CheckSubject(kind: .tool, name: "get_invoice", aspect: .read)   // tool:get_invoice:reads:/customerName
/// ```
public struct CheckSubject: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case tool
        case prompt
        case resource
        case resourceTemplate
        /// The provider as a whole (its `serverInfo.name`).
        case provider
    }

    public enum Aspect: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        /// The object is offered.
        case exists
        /// Example arguments validate against the input schema.
        case example
        /// A structuredContent field read is guaranteed by the output schema.
        case read
        /// Annotations relied on still hold.
        case annotations
        /// Prompt arguments exist and the required ones are passed.
        case arguments
        /// An interaction: the call is made (live) or checked against the definitions (static).
        case interaction
    }

    public var kind: Kind
    /// Tool or prompt name, resource URI (also for a `resources/read` interaction), template.
    public var name: String
    public var aspect: Aspect

    public init(kind: Kind, name: String, aspect: Aspect) {
        self.kind = kind
        self.name = name
        self.aspect = aspect
    }

    /// The subject of an interaction's check.
    public static func interaction(_ call: InteractionCall) -> CheckSubject {
        switch call {
        case .callTool(let name, _): CheckSubject(kind: .tool, name: name, aspect: .interaction)
        case .readResource(let uri): CheckSubject(kind: .resource, name: uri, aspect: .interaction)
        case .getPrompt(let name, _): CheckSubject(kind: .prompt, name: name, aspect: .interaction)
        }
    }
}
