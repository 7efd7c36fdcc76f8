/// One reason an instance does not satisfy a schema.
///
/// `instancePointer` says where in the instance, `schemaPointer` which keyword of the schema
/// (after following `$ref`s, so it may point into `$defs`), and `message` says what is wrong in
/// words a user can act on. The description puts them together:
///
/// ```swift
/// let validator = JSONSchemaValidator(schema: ["type": "object", "required": ["id"]])
/// validator.validate([:]).map(\.description)
/// // ["/: missing required property \"id\""]
/// ```
public struct SchemaValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What sort of problem this is: most are the instance breaking a constraint; the others
    /// mean the schema could not be applied, so the verdict says nothing about the instance.
    public enum Kind: String, Sendable, Equatable {
        /// The instance breaks a constraint of the schema.
        case constraint
        /// The schema has a `$ref` to another document; Accord never fetches one.
        case unsupportedExternalReference = "unsupported external reference"
        /// The schema itself is broken: a `$ref` to a missing place, a pattern that does not
        /// compile, a subschema that is neither object nor boolean.
        case invalidSchema = "invalid schema"
    }

    /// Where in the instance the problem is (`/` for the whole instance).
    public var instancePointer: JSONPointer
    /// The keyword that failed, as a pointer into the schema document, e.g. `/properties/id/type`.
    public var schemaPointer: JSONPointer
    /// The failing keyword, e.g. `"required"`, `"type"`, `"$ref"`.
    public var keyword: String
    /// What is wrong, e.g. `12.55 is not a multiple of 0.1`.
    public var message: String
    /// Whether the instance broke a constraint or the schema could not be applied.
    public var kind: Kind
    /// For a `required` failure, the member that is missing (its location is
    /// `instancePointer` + this name).
    public var missingProperty: String?

    /// An error as the validator reports it; public so tests and callers can build expected values.
    public init(instancePointer: JSONPointer, schemaPointer: JSONPointer, keyword: String, message: String, kind: Kind = .constraint,
                missingProperty: String? = nil) {
        self.instancePointer = instancePointer
        self.schemaPointer = schemaPointer
        self.keyword = keyword
        self.message = message
        self.kind = kind
        self.missingProperty = missingProperty
    }

    /// `"<instance pointer>: <message>"`, e.g. `/amount: 12.55 is not a multiple of 0.1`.
    public var description: String { "\(instancePointer.displayText): \(message)" }
}
