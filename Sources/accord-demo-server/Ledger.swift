/// The invoicing ledger behind every tool, resource and prompt: seed data plus the few business
/// rules an invoicing service needs.
///
/// Why it is deterministic: contract tests call the demo and compare results, so the same
/// sequence of calls must give the same answers on every machine and every day. Hence a fixed
/// clock (`CalendarDate.today`), integer minor units for money (no floating point), sequential
/// identifiers, and sorted output. State lives only in memory and starts from the same seed each
/// time the process starts.

// MARK: - Calendar dates

/// A calendar date without time or time zone, which is all invoicing needs and which keeps the
/// demo free of the host's clock and locale.
struct CalendarDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    let year: Int
    let month: Int
    let day: Int

    /// The ledger's "today". Fixed so that overdue status and due dates never depend on when the
    /// tests run.
    static let today = CalendarDate(year: 2025, month: 3, day: 15)

    private init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses an RFC 3339 full-date (`2025-03-15`); nil for anything else, including 2025-02-30.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    var description: String {
        let paddedYear = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(paddedYear)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's `days_from_civil`.
    var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `dayNumber` (Hinnant's `civil_from_days`).
    init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

// MARK: - Money

/// Formats integer minor units for people (`3,100.50 USD`). Structured results always carry the
/// integer; this is only for text blocks, prompts and the markdown report.
func formatMoney(_ cents: Int, _ currency: String) -> String {
    let sign = cents < 0 ? "-" : ""
    let magnitude = cents.magnitude
    var whole = String(magnitude / 100)
    var grouped: [String] = []
    while whole.count > 3 {
        grouped.insert(String(whole.suffix(3)), at: 0)
        whole.removeLast(3)
    }
    grouped.insert(whole, at: 0)
    let fraction = magnitude % 100
    return "\(sign)\(grouped.joined(separator: ",")).\(fraction < 10 ? "0" : "")\(fraction) \(currency)"
}

// MARK: - Records

struct Customer: Sendable {
    let id: String
    let name: String
    let email: String
    let phone: String
    let country: String
    let currency: String
}

struct InvoiceLine: Sendable {
    let description: String
    let quantity: Int
    let unitAmountCents: Int

    var amountCents: Int { quantity * unitAmountCents }
}

struct Payment: Sendable {
    let receiptId: String
    let amountCents: Int
    let method: String
    let reference: String?
    let paidOn: CalendarDate
}

/// Where an invoice is in its life cycle as the ledger stores it. The status callers see
/// (`paid`, `overdue`, ...) is derived from this plus payments and the date, so it can never
/// disagree with the numbers.
enum InvoiceState: Sendable {
    case draft
    case issued
    case void(reason: String)
}

struct Invoice: Sendable {
    let id: String
    let customerId: String
    let currency: String
    let issueDate: CalendarDate
    let dueDate: CalendarDate
    let lines: [InvoiceLine]
    let notes: String?
    var state: InvoiceState
    var payments: [Payment]

    var totalCents: Int { lines.reduce(0) { $0 + $1.amountCents } }
    var amountPaidCents: Int { payments.reduce(0) { $0 + $1.amountCents } }
    var balanceCents: Int {
        if case .void = state { return 0 }
        return totalCents - amountPaidCents
    }
}

/// What callers can be told went wrong. Each message names the offending value so that an
/// `isError` result is useful to a model or a person without reading the server's code.
enum LedgerError: Error, Sendable, CustomStringConvertible {
    case unknownInvoice(String)
    case unknownCustomer(String)
    case notPayable(invoiceId: String, status: String)
    case overpayment(invoiceId: String, balance: String)
    case paymentInFuture(String)
    case nothingToRemind(invoiceId: String, status: String)
    case cannotVoid(invoiceId: String, reason: String)

    var description: String {
        switch self {
        case .unknownInvoice(let id):
            return "No invoice \(id) in the ledger."
        case .unknownCustomer(let id):
            return "No customer \(id) in the ledger."
        case .notPayable(let id, let status):
            return "Invoice \(id) is \(status) and cannot take payments."
        case .overpayment(let id, let balance):
            return "The payment exceeds the outstanding balance of \(id) (\(balance))."
        case .paymentInFuture(let date):
            return "paidOn \(date) is after the ledger's date \(CalendarDate.today)."
        case .nothingToRemind(let id, let status):
            return "Invoice \(id) is \(status); only unpaid issued invoices get reminders."
        case .cannotVoid(let id, let reason):
            return "Invoice \(id) cannot be voided: \(reason)."
        }
    }
}

/// Per-release business rules. Kept as data beside the definitions (see `Releases.swift`) so
/// that what a release does and what it declares change together.
struct LedgerRules: Sendable {
    /// 2.0.0 reports invoices with some but not all of their balance paid as `partially_paid`;
    /// 1.0.0 has no such status and reports them as `sent` or `overdue`.
    var reportsPartiallyPaid: Bool
    /// 2.0.0's `create_invoice` replaces (deletes) the customer's existing draft, which is why its
    /// `destructiveHint` turned true.
    var createReplacesDraft: Bool
}

struct CustomerBalance: Sendable {
    let outstandingCents: Int
    let overdueCents: Int
    let openInvoiceCount: Int
}

struct Reminder: Sendable {
    let id: String
    let invoiceId: String
    let channel: String
    let recipient: String
}

/// One row of the receivables aging report: what is owed in one currency, by days past due.
struct AgingBucketTotals: Sendable {
    let currency: String
    var currentCents = 0
    var days1To30Cents = 0
    var days31To60Cents = 0
    var days61To90Cents = 0
    var over90Cents = 0
}

// MARK: - The ledger

/// Shared mutable state, hence an actor: the SDK runs each request in its own task.
actor Ledger {
    let rules: LedgerRules
    let customers: [Customer]
    private var invoices: [Invoice]
    private var nextInvoiceNumber = 1006
    private var nextReceiptNumber = 5003
    private var nextReminderNumber = 9001

    init(rules: LedgerRules) {
        self.rules = rules
        self.customers = Ledger.seedCustomers
        self.invoices = Ledger.seedInvoices
    }

    // MARK: Reading

    func customer(_ id: String) -> Customer? { customers.first { $0.id == id } }

    func invoice(_ id: String) -> Invoice? { invoices.first { $0.id == id } }

    /// The status a caller sees. Order matters: void and draft first, then paid, then overdue
    /// (a late invoice is overdue even if partly paid), then partly paid where the release
    /// knows that status.
    func status(of invoice: Invoice) -> String {
        switch invoice.state {
        case .void: return "void"
        case .draft: return "draft"
        case .issued:
            if invoice.balanceCents <= 0 { return "paid" }
            if invoice.dueDate < CalendarDate.today { return "overdue" }
            if rules.reportsPartiallyPaid && invoice.amountPaidCents > 0 { return "partially_paid" }
            return "sent"
        }
    }

    /// Newest first (by issue date, then number), so "the latest invoices" is the first page.
    func invoices(status: String?, customerId: String?, dueBefore: CalendarDate?, limit: Int) -> [Invoice] {
        let matching = invoices.filter { invoice in
            (status == nil || self.status(of: invoice) == status)
                && (customerId == nil || invoice.customerId == customerId)
                && (dueBefore.map { invoice.dueDate < $0 } ?? true)
        }
        let sorted = matching.sorted { ($0.issueDate, $0.id) > ($1.issueDate, $1.id) }
        return Array(sorted.prefix(max(0, limit)))
    }

    /// Every invoice, by number: the order reports and prompts use.
    func allInvoices() -> [Invoice] { invoices.sorted { $0.id < $1.id } }

    /// What a customer owes, in the customer's own currency; invoices in other currencies are
    /// left out rather than converted (the demo has no exchange rates).
    func balance(of customerId: String) -> CustomerBalance {
        let open = invoices.filter { invoice in
            guard invoice.customerId == customerId, case .issued = invoice.state else { return false }
            return invoice.balanceCents > 0 && invoice.currency == customer(customerId)?.currency
        }
        let overdue = open.filter { $0.dueDate < CalendarDate.today }
        return CustomerBalance(
            outstandingCents: open.reduce(0) { $0 + $1.balanceCents },
            overdueCents: overdue.reduce(0) { $0 + $1.balanceCents },
            openInvoiceCount: open.count)
    }

    func aging() -> [AgingBucketTotals] {
        var byCurrency: [String: AgingBucketTotals] = [:]
        for invoice in invoices {
            guard case .issued = invoice.state, invoice.balanceCents > 0 else { continue }
            var totals = byCurrency[invoice.currency] ?? AgingBucketTotals(currency: invoice.currency)
            let daysLate = CalendarDate.today.dayNumber - invoice.dueDate.dayNumber
            switch daysLate {
            case ..<1: totals.currentCents += invoice.balanceCents
            case 1...30: totals.days1To30Cents += invoice.balanceCents
            case 31...60: totals.days31To60Cents += invoice.balanceCents
            case 61...90: totals.days61To90Cents += invoice.balanceCents
            default: totals.over90Cents += invoice.balanceCents
            }
            byCurrency[invoice.currency] = totals
        }
        return byCurrency.keys.sorted().compactMap { byCurrency[$0] }
    }

    // MARK: Writing

    /// Creates a draft dated today. Under 2.0.0's rules an existing draft of the same customer is
    /// deleted first; its number is returned so the caller can say what was replaced.
    func createInvoice(
        customerId: String, currency: String?, lines: [InvoiceLine], dueInDays: Int, notes: String?
    ) throws(LedgerError) -> (invoice: Invoice, replacedInvoiceId: String?) {
        guard let customer = customer(customerId) else { throw .unknownCustomer(customerId) }
        var replaced: String?
        if rules.createReplacesDraft,
            let draftIndex = invoices.firstIndex(where: { invoice in
                guard invoice.customerId == customerId, case .draft = invoice.state else { return false }
                return true
            })
        {
            replaced = invoices[draftIndex].id
            invoices.remove(at: draftIndex)
        }
        let invoice = Invoice(
            id: "INV-\(nextInvoiceNumber)", customerId: customerId, currency: currency ?? customer.currency,
            issueDate: .today, dueDate: CalendarDate.today.adding(days: dueInDays), lines: lines, notes: notes,
            state: .draft, payments: [])
        nextInvoiceNumber += 1
        invoices.append(invoice)
        return (invoice, replaced)
    }

    func recordPayment(
        invoiceId: String, amountCents: Int, method: String, reference: String?, paidOn: CalendarDate
    ) throws(LedgerError) -> (payment: Payment, invoice: Invoice) {
        guard let index = invoices.firstIndex(where: { $0.id == invoiceId }) else { throw .unknownInvoice(invoiceId) }
        let invoice = invoices[index]
        guard case .issued = invoice.state, invoice.balanceCents > 0 else {
            throw .notPayable(invoiceId: invoiceId, status: status(of: invoice))
        }
        guard amountCents <= invoice.balanceCents else {
            throw .overpayment(invoiceId: invoiceId, balance: formatMoney(invoice.balanceCents, invoice.currency))
        }
        guard paidOn <= CalendarDate.today else { throw .paymentInFuture(paidOn.description) }
        let payment = Payment(
            receiptId: "RCPT-\(nextReceiptNumber)", amountCents: amountCents, method: method, reference: reference,
            paidOn: paidOn)
        nextReceiptNumber += 1
        invoices[index].payments.append(payment)
        return (payment, invoices[index])
    }

    func sendReminder(invoiceId: String, channel: String) throws(LedgerError) -> Reminder {
        guard let invoice = invoice(invoiceId) else { throw .unknownInvoice(invoiceId) }
        guard case .issued = invoice.state, invoice.balanceCents > 0 else {
            throw .nothingToRemind(invoiceId: invoiceId, status: status(of: invoice))
        }
        guard let customer = customer(invoice.customerId) else { throw .unknownCustomer(invoice.customerId) }
        let reminder = Reminder(
            id: "REM-\(nextReminderNumber)", invoiceId: invoiceId, channel: channel,
            recipient: channel == "sms" ? customer.phone : customer.email)
        nextReminderNumber += 1
        return reminder
    }

    /// Voiding is idempotent: voiding a void invoice succeeds and changes nothing, which is what
    /// the tool's `idempotentHint: true` promises.
    func voidInvoice(invoiceId: String, reason: String) throws(LedgerError) -> Invoice {
        guard let index = invoices.firstIndex(where: { $0.id == invoiceId }) else { throw .unknownInvoice(invoiceId) }
        switch invoices[index].state {
        case .void:
            return invoices[index]
        case .draft, .issued:
            guard invoices[index].payments.isEmpty else {
                throw .cannotVoid(invoiceId: invoiceId, reason: "it has payments recorded against it")
            }
            invoices[index].state = .void(reason: reason)
            return invoices[index]
        }
    }

    // MARK: Seed data

    private static let seedCustomers: [Customer] = [
        Customer(
            id: "CUST-001", name: "Acme Rocketry GmbH", email: "billing@acme-rocketry.example",
            phone: "+49 30 5550 1001", country: "DE", currency: "EUR"),
        Customer(
            id: "CUST-002", name: "Blue Heron Books Ltd", email: "accounts@blueheron.example",
            phone: "+44 20 5550 2002", country: "GB", currency: "GBP"),
        Customer(
            id: "CUST-003", name: "Cobalt Analytics Inc.", email: "ap@cobalt-analytics.example",
            phone: "+1 415 555 0303", country: "US", currency: "USD"),
    ]

    /// Five invoices that between them show every status: paid (1001), sent (1002), overdue and
    /// partly paid (1003), draft (1004), void (1005). Dates are relative to `CalendarDate.today`.
    private static let seedInvoices: [Invoice] = {
        func date(_ text: String) -> CalendarDate { CalendarDate(text) ?? .today }
        return [
            Invoice(
                id: "INV-1001", customerId: "CUST-001", currency: "EUR",
                issueDate: date("2025-01-15"), dueDate: date("2025-02-14"),
                lines: [
                    InvoiceLine(description: "Launch telemetry subscription (Q1)", quantity: 1, unitAmountCents: 90_000),
                    InvoiceLine(description: "Ground-station support hours", quantity: 10, unitAmountCents: 3_500),
                ],
                notes: nil, state: .issued,
                payments: [
                    Payment(
                        receiptId: "RCPT-5001", amountCents: 125_000, method: "bank_transfer",
                        reference: "SEPA-20250210", paidOn: date("2025-02-10"))
                ]),
            Invoice(
                id: "INV-1002", customerId: "CUST-002", currency: "GBP",
                issueDate: date("2025-03-01"), dueDate: date("2025-03-31"),
                lines: [
                    InvoiceLine(description: "Catalogue hosting (March)", quantity: 1, unitAmountCents: 30_000),
                    InvoiceLine(description: "Search indexing add-on", quantity: 1, unitAmountCents: 18_000),
                ],
                notes: "PO 7731", state: .issued, payments: []),
            Invoice(
                id: "INV-1003", customerId: "CUST-003", currency: "USD",
                issueDate: date("2025-01-20"), dueDate: date("2025-02-19"),
                lines: [
                    InvoiceLine(description: "Analytics platform licence", quantity: 1, unitAmountCents: 250_000),
                    InvoiceLine(description: "Onboarding workshop", quantity: 2, unitAmountCents: 30_025),
                ],
                notes: nil, state: .issued,
                payments: [
                    Payment(
                        receiptId: "RCPT-5002", amountCents: 100_000, method: "card", reference: "CARD-7781",
                        paidOn: date("2025-02-18"))
                ]),
            Invoice(
                id: "INV-1004", customerId: "CUST-001", currency: "EUR",
                issueDate: date("2025-03-10"), dueDate: date("2025-04-09"),
                lines: [InvoiceLine(description: "Rush delivery surcharge", quantity: 1, unitAmountCents: 9_900)],
                notes: "Awaiting PO number", state: .draft, payments: []),
            Invoice(
                id: "INV-1005", customerId: "CUST-003", currency: "USD",
                issueDate: date("2025-02-01"), dueDate: date("2025-03-03"),
                lines: [InvoiceLine(description: "Onboarding workshop (duplicate)", quantity: 1, unitAmountCents: 15_000)],
                notes: nil, state: .void(reason: "duplicate"), payments: []),
        ]
    }()
}
