import MCP

/// Resources and resource templates of both releases, and what reading them returns.
///
/// Comments `Change #n` refer to the table in `docs/demo-server.md`.
enum LedgerResources {
    static let configURI = "ledgerly://config"
    static let receivablesURI = "ledgerly://reports/receivables"
    static let agingURI = "ledgerly://reports/aging"
    static let invoicePrefix = "ledgerly://invoices/"
    static let customerPrefix = "ledgerly://customers/"

    static func resources(for release: DemoRelease) -> [Resource] {
        var resources = [
            Resource(
                name: "config", uri: configURI, title: "Ledgerly configuration",
                description: "Company settings: currencies, payment methods, payment terms and the ledger's date.",
                mimeType: "application/json",
                annotations: .init(audience: [.assistant], priority: 0.5)),
            Resource(
                name: "receivables", uri: receivablesURI, title: "Receivables report",
                description: "Every unpaid issued invoice with its balance, and totals per currency.",
                mimeType: "text/markdown",
                annotations: .init(audience: [.user, .assistant], priority: 0.75)),
        ]
        if release.isAtLeast2 {
            // Change #20: a new report.
            resources.append(
                Resource(
                    name: "aging", uri: agingURI, title: "Receivables aging",
                    description: "Unpaid balances by days past due, per currency.", mimeType: "application/json"))
        }
        return resources
    }

    static func templates(for release: DemoRelease) -> [Resource.Template] {
        [
            Resource.Template(
                // Change #8: the variable is renamed; the name "invoice" stays so the two can be paired.
                uriTemplate: release.pick("ledgerly://invoices/{invoiceId}", "ledgerly://invoices/{invoiceNumber}"),
                name: "invoice", title: "Invoice",
                description: "One invoice as JSON: the same object get_invoice returns.",
                mimeType: "application/json"),
            Resource.Template(
                uriTemplate: "ledgerly://customers/{customerId}",
                name: "customer", title: "Customer",
                description: "One customer as JSON, with what they owe.",
                mimeType: "application/json"),
        ]
    }

    /// Reads one resource. Unknown URIs get -32002 (resource not found), the handshake-era code.
    static func read(_ uri: String, release: DemoRelease, ledger: Ledger) async throws -> ReadResource.Result {
        switch uri {
        case configURI:
            return json(config(release), uri: uri)
        case receivablesURI:
            return .init(contents: [.text(await receivablesReport(ledger), uri: uri, mimeType: "text/markdown")])
        case agingURI where release.isAtLeast2:
            return json(await aging(ledger), uri: uri)
        default:
            break
        }
        if uri.hasPrefix(invoicePrefix), let invoice = await ledger.invoice(String(uri.dropFirst(invoicePrefix.count))) {
            return json(await Presenters.invoiceDetail(invoice, in: ledger, release: release), uri: uri)
        }
        if uri.hasPrefix(customerPrefix), let customer = await ledger.customer(String(uri.dropFirst(customerPrefix.count))) {
            return json(Presenters.customer(customer, balance: await ledger.balance(of: customer.id)), uri: uri)
        }
        throw MCPError.serverError(code: -32002, message: "Resource not found: \(uri)")
    }

    private static func json(_ value: Value, uri: String) -> ReadResource.Result {
        .init(contents: [.text(jsonText(value, pretty: true), uri: uri, mimeType: "application/json")])
    }

    private static func config(_ release: DemoRelease) -> Value {
        let methods: [Value] = release.pick(["card", "bank_transfer", "cash", "cheque"], ["card", "bank_transfer", "cash"])
        return .object([
            "company": "Ledgerly Demo Co.",
            "release": .string(release.version),
            "today": .string(CalendarDate.today.description),
            "currencies": .array(LedgerTools.currencies.map { .string($0) }),
            "paymentMethods": .array(methods),
            "defaultPaymentTermsDays": 30,
        ])
    }

    private static func receivablesReport(_ ledger: Ledger) async -> String {
        var rows: [String] = []
        var totals: [String: Int] = [:]
        for invoice in await ledger.allInvoices() {
            guard case .issued = invoice.state, invoice.balanceCents > 0 else { continue }
            let customerName = await ledger.customer(invoice.customerId)?.name ?? invoice.customerId
            let status = await ledger.status(of: invoice)
            rows.append(
                "| \(invoice.id) | \(customerName) | \(status) | \(invoice.dueDate) | "
                    + "\(formatMoney(invoice.balanceCents, invoice.currency)) |")
            totals[invoice.currency, default: 0] += invoice.balanceCents
        }
        let totalText = totals.keys.sorted().compactMap { currency in
            totals[currency].map { formatMoney($0, currency) }
        }
        return """
            # Receivables on \(CalendarDate.today)

            | Invoice | Customer | Status | Due | Balance |
            |---|---|---|---|---|
            \(rows.joined(separator: "\n"))

            Total outstanding: \(totalText.isEmpty ? "nothing" : totalText.joined(separator: "; ")).

            """
    }

    private static func aging(_ ledger: Ledger) async -> Value {
        let buckets: [Value] = await ledger.aging().map { totals in
            .object([
                "currency": .string(totals.currency),
                "currentCents": .int(totals.currentCents),
                "days1To30Cents": .int(totals.days1To30Cents),
                "days31To60Cents": .int(totals.days31To60Cents),
                "days61To90Cents": .int(totals.days61To90Cents),
                "over90Cents": .int(totals.over90Cents),
            ])
        }
        return .object(["asOf": .string(CalendarDate.today.description), "buckets": .array(buckets)])
    }
}
