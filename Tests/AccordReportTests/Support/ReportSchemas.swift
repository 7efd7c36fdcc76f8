import AccordJSON

/// The report schemas in docs/schemas/, for Accord's validator and for Python's jsonschema.
enum ReportSchemas {
    static func path(_ name: String) -> String { PythonChecks.path("docs/schemas/\(name).schema.json") }

    /// `docs/schemas/<name>.schema.json`; `null` when it cannot be read or parsed, which no
    /// document validates against.
    static func load(_ name: String) -> JSONValue {
        let text = (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
        return (try? JSONValue(parsing: text)) ?? .null
    }

    /// Validates `document` with jsonschema (validate_json.py) and returns what it printed;
    /// throws ``PythonChecks/Failed`` when it is not valid.
    static func validateWithPython(_ document: String, against name: String) async throws -> String {
        try await PythonChecks.withTemporaryFile(document, suffix: ".json") { file in
            try await PythonChecks.run("validate_json.py", [path(name), file])
        }
    }
}
