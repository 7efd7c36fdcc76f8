import AccordSnapshot
/// How much a change can hurt the other side.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// Non-breaking: no correct client or consumer is affected.
    case nonBreaking = "non-breaking"
    /// Review: LLM-facing text a person should read before release (hidden characters,
    /// instruction-like text, shadowing, new URLs, a rug pull). Never a semver bump; between
    /// non-breaking and potentially breaking, so `fail-on: review` also fails on P and B while
    /// `breaking` and `potentially-breaking` never fail on it (docs/review.md).
    case review
    /// Potentially breaking: some clients may be affected; needs a human's acknowledgement.
    case potentiallyBreaking = "potentially-breaking"
    /// Breaking: some call valid before is invalid now, or a consumer may see what it never expected.
    case breaking

    var rank: Int {
        switch self {
        case .nonBreaking: 0
        case .review: 1
        case .potentiallyBreaking: 2
        case .breaking: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// The one-letter code RULES.md uses (B, P, N; R for review).
    public var code: String {
        switch self {
        case .breaking: "B"
        case .potentiallyBreaking: "P"
        case .nonBreaking: "N"
        case .review: "R"
        }
    }
}

/// Which way the changed data flows, which decides whether narrowing or widening breaks.
public enum Direction: String, Sendable, Codable, CaseIterable {
    /// Client → server (inputSchema, prompt arguments): narrowing breaks callers.
    case input
    /// Server → client (outputSchema): widening breaks consumers.
    case output
    /// What exists (tools, prompts, resources, capabilities).
    case surface
    /// Descriptive text and metadata.
    case metadata
    /// What the server does (annotations, task support, versions).
    case behaviour
}

/// The semver part a change requires.
public enum SemverEffect: String, Sendable, Codable, CaseIterable, Comparable {
    case none
    case patch
    case minor
    case major

    var rank: Int {
        switch self {
        case .none: 0
        case .patch: 1
        case .minor: 2
        case .major: 3
        }
    }

    public static func < (lhs: SemverEffect, rhs: SemverEffect) -> Bool { lhs.rank < rhs.rank }
}

/// The kinds of objects findings are about.
public enum ObjectKind: String, Sendable, Codable, CaseIterable {
    case server
    case tool
    case resource
    case resourceTemplate = "resource-template"
    case prompt
}

extension ObjectKind {
    /// The object kind of a snapshot's definitions of `kind`.
    public init(_ kind: DefinitionKind) {
        switch kind {
        case .tool: self = .tool
        case .resource: self = .resource
        case .resourceTemplate: self = .resourceTemplate
        case .prompt: self = .prompt
        }
    }

    /// "tool", "resource template": the kind in a sentence (messages and report headings).
    public var noun: String {
        switch self {
        case .server: "server"
        case .tool: "tool"
        case .resource: "resource"
        case .resourceTemplate: "resource template"
        case .prompt: "prompt"
        }
    }
}
