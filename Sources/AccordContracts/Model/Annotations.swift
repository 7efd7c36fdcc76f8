import AccordJSON

/// Tool annotation hints and their spec defaults (MCP 2025-06-18 `ToolAnnotations`).
public enum Annotations {
    /// The value a client must assume when a hint is absent.
    public static let defaults: [String: Bool] = [
        "readOnlyHint": false,
        "destructiveHint": true,
        "idempotentHint": false,
        "openWorldHint": true,
    ]

    /// The hint's effective value for a served tool definition.
    public static func effective(_ hint: String, of tool: JSONValue) -> Bool? {
        tool["annotations"]?[hint]?.boolValue ?? defaults[hint]
    }
}
