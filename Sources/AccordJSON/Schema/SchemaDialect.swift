/// The JSON Schema draft a document is written in, read from its root `$schema`.
///
/// Accord validates by 2020-12 rules unless the root names an older draft. Older drafts change a
/// few meanings: an array-valued `items` is a tuple (with `additionalItems` for the rest),
/// `dependencies` mixes `dependentRequired` and `dependentSchemas`, and through draft-07 a
/// `$ref` hides its sibling keywords.
enum SchemaDialect: Sendable, Equatable {
    case draft4, draft6, draft7, draft2019_09, draft2020_12

    init(schema: JSONValue) {
        guard let uri = schema["$schema"]?.stringValue else { self = .draft2020_12; return }
        if uri.contains("draft-04") || uri.contains("draft-03") {
            self = .draft4
        } else if uri.contains("draft-06") {
            self = .draft6
        } else if uri.contains("draft-07") {
            self = .draft7
        } else if uri.contains("2019-09") {
            self = .draft2019_09
        } else {
            self = .draft2020_12
        }
    }

    /// Drafts where `$ref` replaces the whole schema it sits in.
    var refOverridesSiblings: Bool { self == .draft4 || self == .draft6 || self == .draft7 }

    /// Drafts with the `dependencies` keyword.
    var hasDependencies: Bool { refOverridesSiblings }
}
