/// Which way a schema's data flows, which decides whether narrowing or widening breaks.
///
/// ```swift
/// SchemaComparator(direction: .input, options: options)   // a tool's inputSchema
/// SchemaComparator(direction: .output, options: options)  // a tool's outputSchema
/// ```
public enum SchemaDirection: Sendable, Hashable, CaseIterable {
    /// Client → server (`inputSchema`): contravariant, so narrowing breaks callers.
    case input
    /// Server → client (`outputSchema`): covariant, so widening breaks consumers.
    case output

    /// How messages name the schema: "input", "output".
    var word: String {
        switch self {
        case .input: "input"
        case .output: "output"
        }
    }
}
