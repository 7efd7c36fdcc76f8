import MCP

/// The two releases the demo can serve. One binary serves both so that Accord's own tests (and
/// anyone trying Accord) can snapshot 1.0.0, snapshot 2.0.0 and diff them without building two
/// servers.
///
/// Every place where 2.0.0 differs from 1.0.0 goes through `pick(_:_:)` (or `isAtLeast2`) and
/// carries a comment naming the change; each such change is one row of the table in
/// `docs/demo-server.md`, which Accord's tests assert one by one. A difference that is not in
/// that table is a bug.
enum DemoRelease: String, CaseIterable, Sendable {
    case v1 = "1.0.0"
    case v2 = "2.0.0"

    /// The default when `--release` is not given.
    static let defaultRelease = DemoRelease.v1

    /// Served as `serverInfo.version`, so Accord's version-bump check sees 1.0.0 → 2.0.0.
    var version: String { rawValue }

    var isAtLeast2: Bool { self == .v2 }

    /// The 1.0.0 value or the 2.0.0 value. Writing both side by side at the point of use keeps
    /// each change visible in one line.
    func pick<T>(_ inRelease1: T, _ inRelease2: T) -> T {
        switch self {
        case .v1: return inRelease1
        case .v2: return inRelease2
        }
    }

    /// The business rules that go with the declared definitions.
    var rules: LedgerRules {
        LedgerRules(reportsPartiallyPaid: isAtLeast2, createReplacesDraft: isAtLeast2)
    }

    /// `initialize`'s `instructions`. Change #21 in the docs table: 2.0.0 points at `get_customer`
    /// instead of the removed `get_customer_balance`.
    var instructions: String {
        let customerTool = pick(
            "get_customer_balance for what a customer owes",
            "get_customer for a customer's details and what they owe")
        return """
            Ledgerly is a small invoicing ledger. Use list_invoices to find invoices, get_invoice for one \
            invoice's lines and balance, and \(customerTool). create_invoice, record_payment, \
            send_invoice_reminder and void_invoice change the ledger. Money is always an integer number \
            of minor units (cents) with an ISO 4217 currency code; dates are YYYY-MM-DD and the ledger's \
            date is fixed at \(CalendarDate.today).
            """
    }

    /// Capabilities are identical in both releases on purpose: capability changes are a separate
    /// rule family that the demo does not exercise.
    static let capabilities = Server.Capabilities(
        prompts: .init(listChanged: false),
        resources: .init(subscribe: false, listChanged: false),
        tools: .init(listChanged: false)
    )

    static let serverName = "ledgerly"
    static let serverTitle = "Ledgerly"
}
