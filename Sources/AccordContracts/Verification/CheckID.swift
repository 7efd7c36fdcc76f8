import AccordJSON

/// The ids of verification checks, in one place: the verifiers name their checks with them and
/// the parser records the contract line of each, so reports can point at the line.
///
/// Ids are stable across runs and snapshots: `tool:get_invoice`, `tool:get_invoice:examples[0]`,
/// `tool:get_invoice:reads:/customerName`, `tool:get_invoice:annotations`,
/// `prompt:draft_payment_reminder`, `resource:ledgerly://config`,
/// `resourceTemplate:ledgerly://invoices/{invoiceId}`, `interaction:fetch a paid invoice`.
public enum CheckID {
    public static let provider = "provider"
    public static func tool(_ name: String) -> String { "tool:\(name)" }
    public static func example(_ tool: String, _ index: Int) -> String { "tool:\(tool):examples[\(index)]" }
    public static func read(_ tool: String, _ pointer: JSONPointer) -> String { "tool:\(tool):reads:\(pointer)" }
    public static func annotations(_ tool: String) -> String { "tool:\(tool):annotations" }
    public static func prompt(_ name: String) -> String { "prompt:\(name)" }
    public static func resource(_ uri: String) -> String { "resource:\(uri)" }
    public static func resourceTemplate(_ template: String) -> String { "resourceTemplate:\(template)" }
    public static func interaction(_ name: String) -> String { "interaction:\(name)" }
}
