/// Validates JSON instances against a JSON Schema (2020-12, and draft-04/06/07 or 2019-09 when
/// the root's `$schema` names one).
///
/// The schema is compiled once, in `init`: keywords decoded, patterns compiled, `$ref`s resolved.
/// A validator is an immutable value; keep one per schema and call it for every instance, from any
/// thread.
///
/// ```swift
/// let schema = try JSONValue(parsing: """
///     {"type": "object", "required": ["id"],
///      "properties": {"id": {"type": "string"}, "amount": {"type": "number", "multipleOf": 0.1}}}
///     """)
/// let validator = JSONSchemaValidator(schema: schema)
/// validator.isValid(["id": "a1", "amount": 12.5])      // true
/// validator.validate(["amount": 12.55]).map(\.description)
/// // ["/: missing required property \"id\"", "/amount: 12.55 is not a multiple of 0.1"]
/// ```
///
/// What is supported: every 2020-12 validation and applicator keyword, including
/// `unevaluatedProperties`/`unevaluatedItems` with annotations collected through `allOf`, `anyOf`,
/// `oneOf`, `if`/`then`/`else`, `dependentSchemas` and `$ref`; boolean schemas; `$ref`,
/// `$anchor` and `$dynamicRef`/`$dynamicAnchor` (with its dynamic scope) against base URIs that
/// `$id`s set, into the schema itself, into documents passed in ``Options/documents``, and into
/// the built-in 2020-12 metaschemas; the `$vocabulary` of a `$schema` metaschema (without the
/// validation vocabulary only applicators apply; with format-assertion, `format` asserts). Every
/// required case of the official JSON-Schema-Test-Suite for 2020-12 passes
/// (Tests/AccordJSONTests/JSONSchemaTestSuiteTests.swift). Nothing is fetched: a reference to any
/// other document is reported as an error of kind
/// ``SchemaValidationError/Kind/unsupportedExternalReference``. Numbers are compared as exact
/// decimals, so `0.3` is a multiple of `0.1`.
///
/// ```swift
/// let address: JSONValue = ["type": "object", "required": ["street"]]
/// let order = JSONSchemaValidator(
///     schema: ["properties": ["ship_to": ["$ref": "https://example.com/address.json"]]],
///     options: .init(documents: ["https://example.com/address.json": address]))
/// order.isValid(["ship_to": ["street": "Main St 1"]])   // true
/// ```
public struct JSONSchemaValidator: Sendable {
    /// How strictly to validate.
    public struct Options: Sendable, Equatable {
        /// Check `format` (`date-time`, `date`, `time`, `duration`, `email`, `uri`, `uuid`, `ipv4`,
        /// `ipv6`, `hostname`, `json-pointer`, `relative-json-pointer`) instead of treating it as
        /// an annotation. Off by default, as in 2020-12.
        public var assertFormats: Bool
        /// Schema documents that references to other documents resolve to, by absolute URI
        /// (without fragment), such as `["https://example.com/address.json": addressSchema]`.
        /// Nothing is ever fetched: a reference to a document not listed here (nor one of the
        /// built-in 2020-12 metaschemas) is reported as an unsupported external reference.
        public var documents: [String: JSONValue]

        /// `JSONSchemaValidator.Options(assertFormats: true)` checks formats.
        public init(assertFormats: Bool = false, documents: [String: JSONValue] = [:]) {
            self.assertFormats = assertFormats
            self.documents = documents
        }
    }

    /// The schema as given.
    public let schema: JSONValue
    /// How this validator validates.
    public let options: Options
    let compiled: CompiledSchema

    /// Compiles `schema` (any JSON: an object or boolean schema; anything else validates nothing
    /// and is reported as an invalid schema). Problems in the schema itself — a dangling `$ref`,
    /// a pattern that does not compile — surface as errors when an instance reaches them.
    public init(schema: JSONValue, options: Options = .init()) {
        self.schema = schema
        self.options = options
        compiled = SchemaCompiler.compile(schema, documents: options.documents)
    }

    /// Every problem with `instance`, in schema order; empty when it is valid.
    public func validate(_ instance: JSONValue) -> [SchemaValidationError] {
        var evaluator = SchemaEvaluator(schema: compiled, assertFormats: options.assertFormats, collecting: true)
        _ = evaluator.evaluate(compiled.root, instance)
        // Two paths to one keyword (a `$ref` used twice in an `allOf`) report one problem once.
        var seen: Set<String> = []
        return evaluator.errors.filter { error in
            seen.insert("\(error.instancePointer)\u{0}\(error.schemaPointer)\u{0}\(error.message)").inserted
        }
    }

    /// Whether `instance` is valid; faster than `validate(_:).isEmpty` as it stops at the first
    /// failure and builds no messages.
    public func isValid(_ instance: JSONValue) -> Bool {
        var evaluator = SchemaEvaluator(schema: compiled, assertFormats: options.assertFormats, collecting: false)
        return evaluator.evaluate(compiled.root, instance).valid
    }
}
