import AccordJSON

/// One way a value failed an expectation: where, what was expected, what was there.
///
/// ```swift
/// Mismatch(pointer: try JSONPointer(parsing: "/structuredContent/status"),
///          expected: "a string matching ^(paid|sent)$", actual: "void").message
/// // /structuredContent/status: expected a string matching ^(paid|sent)$, got "void"
/// ```
public struct Mismatch: Sendable, Equatable, Codable {
    public var pointer: JSONPointer
    /// The expected matcher's description (``Matcher/description``) or the rule that failed.
    public var expected: String
    /// The value found; `nil` when nothing was there.
    public var actual: JSONValue?
    public var message: String

    /// A mismatch with the standard message `<pointer>: expected <expected>, got <actual>`.
    public init(pointer: JSONPointer, expected: String, actual: JSONValue?) {
        self.pointer = pointer
        self.expected = expected
        self.actual = actual
        let got = actual.map { JSONEncoding.compact($0) } ?? "nothing (missing)"
        self.message = "\(Mismatch.location(pointer)): expected \(expected), got \(got)"
    }

    /// A mismatch with its own message (static checks phrase theirs differently).
    public init(pointer: JSONPointer, expected: String, actual: JSONValue?, message: String) {
        self.pointer = pointer
        self.expected = expected
        self.actual = actual
        self.message = message
    }

    static func location(_ pointer: JSONPointer) -> String {
        pointer.tokens.isEmpty ? "(root)" : pointer.description
    }
}

/// Applies an expectation to a real result: the entry point of live verification.
public enum MatcherEvaluator {
    /// Every mismatch between `expectation` and `result` (a `tools/call`, `resources/read` or
    /// `prompts/get` result object), pointers relative to the result.
    public static func evaluate(_ expectation: Matcher, against result: JSONValue) -> [Mismatch] {
        expectation.mismatches(result, at: .root)
    }

    /// The interaction's effective expectation (implied `isError: false` included) against `result`.
    public static func evaluate(_ interaction: Interaction, against result: JSONValue) -> [Mismatch] {
        evaluate(interaction.effectiveExpectation, against: result)
    }
}
