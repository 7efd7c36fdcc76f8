import MCP

/// A tool as `tools/list` serves it, together with what calling it does.
///
/// The definition is the contract: arguments are validated against `tool.inputSchema` before
/// `call` runs and the value `call` returns is validated against `tool.outputSchema` before it is
/// sent (see `ToolDispatcher`). `call` may throw `LedgerError` for a business failure (an
/// `isError` result) or anything else for a bug (a JSON-RPC internal error).
struct ToolDefinition: Sendable {
    let tool: Tool
    let call: @Sendable (ToolArguments, Ledger) async throws -> Value
}

/// Validated tool arguments with typed accessors.
///
/// The accessors do not trust the validator blindly: a missing or mistyped required argument
/// throws instead of trapping, so no user input can crash the server.
struct ToolArguments: Sendable {
    let values: [String: Value]

    func string(_ name: String) -> String? { values[name]?.stringValue }

    func integer(_ name: String) -> Int? {
        switch values[name] {
        case .int(let number)?: return number
        case .double(let number)?: return Int(exactly: number)
        default: return nil
        }
    }

    func requiredString(_ name: String) throws -> String {
        guard let value = string(name) else { throw MCPError.invalidParams("argument '\(name)' must be a string") }
        return value
    }

    func requiredInteger(_ name: String) throws -> Int {
        guard let value = integer(name) else { throw MCPError.invalidParams("argument '\(name)' must be an integer") }
        return value
    }
}

/// Every tool of both releases. Each function returns the tool as the given release serves it,
/// or nil when the release does not have it. Comments `Change #n` refer to the table in
/// `docs/demo-server.md`.
enum LedgerTools {
    static func definitions(for release: DemoRelease) -> [ToolDefinition] {
        [
            listInvoices(release),
            getInvoice(release),
            createInvoice(release),
            recordPayment(release),
            sendInvoiceReminder(release),
            voidInvoice(release),
            getCustomerBalance(release),
            getCustomer(release),
        ].compactMap { $0 }
    }

    // MARK: Shared schema fragments

    static let invoiceStatuses = ["draft", "sent", "paid", "overdue", "void"]
    static let currencies = ["EUR", "GBP", "USD"]

    static let invoiceIdSchema = Schema.string("Invoice number, e.g. INV-1003.", pattern: "^INV-[0-9]{4}$")
    static let customerIdSchema = Schema.string("Customer number, e.g. CUST-001.", pattern: "^CUST-[0-9]{3}$")

    /// Read-only tools share one set of hints: they only look at the ledger, which is closed.
    static let readOnlyHints = Tool.Annotations(
        readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)

    static func annotations(title: String, from hints: Tool.Annotations) -> Tool.Annotations {
        var annotated = hints
        annotated.title = title
        return annotated
    }

    static let invoiceLineOutputSchema = Schema.object(
        [
            ("description", Schema.string()),
            ("quantity", Schema.integer()),
            ("unitAmountCents", Schema.integer()),
            ("amountCents", Schema.integer("quantity × unitAmountCents.")),
        ],
        required: ["description", "quantity", "unitAmountCents", "amountCents"])

    // MARK: list_invoices

    static func listInvoices(_ release: DemoRelease) -> ToolDefinition {
        // Change #10: the default page grows from 20 to 50.
        let defaultLimit = release.pick(20, 50)
        var properties: [(String, Value)] = [
            (
                "status",
                Schema.string(
                    "Only invoices in this status.",
                    // Change #16: 2.0.0 can filter on the new status.
                    enumValues: release.pick(invoiceStatuses, invoiceStatuses + ["partially_paid"]))
            ),
            ("customerId", customerIdSchema),
            (
                "limit",
                Schema.integer(
                    "Maximum number of invoices to return.", minimum: 1, maximum: 100, defaultValue: defaultLimit)
            ),
        ]
        if release.isAtLeast2 {
            // Change #15: a new optional filter.
            properties.append(("dueBefore", Schema.string("Only invoices due strictly before this date.", format: "date")))
        }
        let summary = Schema.object(
            [
                ("invoiceId", Schema.string()),
                ("customerId", Schema.string()),
                ("status", Schema.string("Invoice status; see get_invoice for the values.")),
                ("currency", Schema.string()),
                ("totalCents", Schema.integer()),
                ("balanceCents", Schema.integer()),
                ("dueDate", Schema.string(format: "date")),
            ],
            required: ["invoiceId", "customerId", "status", "currency", "totalCents", "balanceCents", "dueDate"])
        let tool = Tool(
            name: "list_invoices",
            title: "List invoices",
            description: "List invoices, newest first, optionally filtered by status and customer.",
            inputSchema: Schema.object(properties, closed: true),
            annotations: annotations(title: "List invoices", from: readOnlyHints),
            outputSchema: Schema.object(
                [
                    ("invoices", Schema.array(of: summary)),
                    ("count", Schema.integer("Number of invoices returned.")),
                ],
                required: ["invoices", "count"])
        )
        return ToolDefinition(tool: tool) { arguments, ledger in
            let dueBefore = arguments.string("dueBefore").flatMap(CalendarDate.init)
            let found = await ledger.invoices(
                status: arguments.string("status"), customerId: arguments.string("customerId"),
                dueBefore: dueBefore, limit: arguments.integer("limit") ?? defaultLimit)
            var summaries: [Value] = []
            for invoice in found {
                summaries.append(await Presenters.invoiceSummary(invoice, in: ledger))
            }
            return .object(["invoices": .array(summaries), "count": .int(summaries.count)])
        }
    }

    // MARK: get_invoice

    static func getInvoice(_ release: DemoRelease) -> ToolDefinition {
        var output: [(String, Value)] = [
            ("invoiceId", Schema.string()),
            ("customerId", Schema.string()),
            (
                "status",
                Schema.string(
                    // Change #11: 2.0.0 may return a status 1.0.0 consumers never saw.
                    enumValues: release.pick(invoiceStatuses, invoiceStatuses + ["partially_paid"]))
            ),
            ("currency", Schema.string(enumValues: currencies)),
            ("issueDate", Schema.string(format: "date")),
            ("dueDate", Schema.string(format: "date")),
            ("lines", Schema.array(of: invoiceLineOutputSchema)),
            ("totalCents", Schema.integer()),
            ("amountPaidCents", Schema.integer()),
            ("balanceCents", Schema.integer("totalCents − amountPaidCents; 0 for a void invoice.")),
            ("notes", Schema.string()),
        ]
        var required = [
            "invoiceId", "customerId", "status", "currency", "issueDate", "dueDate", "lines", "totalCents",
            "amountPaidCents", "balanceCents",
        ]
        if release.isAtLeast2 {
            // Change #18: payments are listed, and always present.
            let payment = Schema.object(
                [
                    ("receiptId", Schema.string()),
                    ("amountCents", Schema.integer()),
                    ("method", Schema.string()),
                    ("paidOn", Schema.string(format: "date")),
                    ("reference", Schema.string()),
                ],
                required: ["receiptId", "amountCents", "method", "paidOn"])
            output.append(("payments", Schema.array(of: payment)))
            required.append("payments")
        } else {
            // Change #4: removed in 2.0.0 (use get_customer).
            output.append(("customerName", Schema.string()))
            required.append("customerName")
        }
        let tool = Tool(
            name: "get_invoice",
            title: "Get invoice",
            // Change #17: the description now points at get_customer.
            description: release.pick(
                "Fetch one invoice with its line items, amount paid and outstanding balance.",
                "Fetch one invoice with its line items, payments and outstanding balance. For the customer's "
                    + "name and contact details call get_customer."),
            inputSchema: Schema.object([("invoiceId", invoiceIdSchema)], required: ["invoiceId"], closed: true),
            annotations: annotations(title: "Get invoice", from: readOnlyHints),
            outputSchema: Schema.object(output, required: required)
        )
        return ToolDefinition(tool: tool) { arguments, ledger in
            let invoiceId = try arguments.requiredString("invoiceId")
            guard let invoice = await ledger.invoice(invoiceId) else { throw LedgerError.unknownInvoice(invoiceId) }
            return await Presenters.invoiceDetail(invoice, in: ledger, release: release)
        }
    }

    // MARK: create_invoice

    static func createInvoice(_ release: DemoRelease) -> ToolDefinition {
        let lineInput = Schema.object(
            [
                ("description", Schema.string("What was sold.", minLength: 1, maxLength: 200)),
                ("quantity", Schema.integer(minimum: 1, maximum: 10_000)),
                ("unitAmountCents", Schema.integer("Price of one unit in minor units.", minimum: 0, maximum: 100_000_000)),
            ],
            required: ["description", "quantity", "unitAmountCents"], closed: true)
        var output: [(String, Value)] = [
            ("invoiceId", Schema.string()),
            ("customerId", Schema.string()),
            ("status", Schema.string(enumValues: ["draft"])),
            ("currency", Schema.string(enumValues: currencies)),
            ("totalCents", Schema.integer()),
            ("issueDate", Schema.string(format: "date")),
            ("dueDate", Schema.string(format: "date")),
        ]
        if release.isAtLeast2 {
            // Change #19: says which draft was replaced (see change #5).
            output.append(("replacedInvoiceId", Schema.string("The customer's earlier draft that this invoice replaced.")))
        }
        let tool = Tool(
            name: "create_invoice",
            title: "Create invoice",
            description: "Create a draft invoice for a customer, dated today. Amounts are integer minor units "
                + "(cents); the total is computed from the lines.",
            inputSchema: Schema.object(
                [
                    ("customerId", customerIdSchema),
                    ("currency", Schema.string("Invoice currency; the customer's currency when omitted.", enumValues: currencies)),
                    ("lines", Schema.array(of: lineInput, minItems: 1, maxItems: 50)),
                    ("dueInDays", Schema.integer("Payment term in days.", minimum: 1, maximum: 120, defaultValue: 30)),
                    ("notes", Schema.string("Free text printed on the invoice.", maxLength: 500)),
                ],
                required: ["customerId", "lines"], closed: true),
            annotations: Tool.Annotations(
                title: "Create invoice", readOnlyHint: false,
                // Change #5: 2.0.0 replaces the customer's existing draft, so it is destructive.
                destructiveHint: release.pick(false, true),
                idempotentHint: false, openWorldHint: false),
            outputSchema: Schema.object(
                output, required: ["invoiceId", "customerId", "status", "currency", "totalCents", "issueDate", "dueDate"])
        )
        return ToolDefinition(tool: tool) { arguments, ledger in
            var lines: [InvoiceLine] = []
            for case .object(let line) in arguments.values["lines"]?.arrayValue ?? [] {
                let fields = ToolArguments(values: line)
                lines.append(
                    InvoiceLine(
                        description: try fields.requiredString("description"),
                        quantity: try fields.requiredInteger("quantity"),
                        unitAmountCents: try fields.requiredInteger("unitAmountCents")))
            }
            let created = try await ledger.createInvoice(
                customerId: try arguments.requiredString("customerId"), currency: arguments.string("currency"),
                lines: lines, dueInDays: arguments.integer("dueInDays") ?? 30, notes: arguments.string("notes"))
            let invoice = created.invoice
            var result: [String: Value] = [
                "invoiceId": .string(invoice.id),
                "customerId": .string(invoice.customerId),
                "status": .string(await ledger.status(of: invoice)),
                "currency": .string(invoice.currency),
                "totalCents": .int(invoice.totalCents),
                "issueDate": .string(invoice.issueDate.description),
                "dueDate": .string(invoice.dueDate.description),
            ]
            if let replaced = created.replacedInvoiceId {
                result["replacedInvoiceId"] = .string(replaced)
            }
            return .object(result)
        }
    }

    // MARK: record_payment

    static func recordPayment(_ release: DemoRelease) -> ToolDefinition {
        var properties: [(String, Value)] = [
            ("invoiceId", invoiceIdSchema),
            ("amountCents", Schema.integer("Amount received, in minor units of the invoice's currency.", minimum: 1)),
            (
                "method",
                Schema.string(
                    "How the money was paid.",
                    // Change #3: cheques are no longer accepted.
                    enumValues: release.pick(["card", "bank_transfer", "cash", "cheque"], ["card", "bank_transfer", "cash"]))
            ),
            (
                "reference",
                Schema.string(
                    "The payer's reference, e.g. a bank transfer reference.",
                    // Change #9: lower-case letters are now allowed.
                    pattern: release.pick("^[A-Z0-9-]{4,32}$", "^[A-Za-z0-9-]{4,32}$"))
            ),
        ]
        var required = ["invoiceId", "amountCents", "method"]
        if release.isAtLeast2 {
            // Change #1: the date the money arrived is now required (1.0.0 assumed today).
            properties.append(("paidOn", Schema.string("Date the money arrived; not after the ledger's date.", format: "date")))
            required.append("paidOn")
        }
        let tool = Tool(
            name: "record_payment",
            title: "Record payment",
            description: "Record money received against an issued invoice. Partial payments are allowed; "
                + "overpayments are rejected.",
            inputSchema: Schema.object(properties, required: required, closed: true),
            annotations: Tool.Annotations(
                title: "Record payment", readOnlyHint: false, destructiveHint: false, idempotentHint: false,
                openWorldHint: false),
            outputSchema: Schema.object(
                [
                    ("receiptId", Schema.string()),
                    ("invoiceId", Schema.string()),
                    ("status", Schema.string("The invoice's status after the payment.")),
                    ("amountPaidCents", Schema.integer()),
                    ("balanceCents", Schema.integer()),
                ],
                required: ["receiptId", "invoiceId", "status", "amountPaidCents", "balanceCents"])
        )
        return ToolDefinition(tool: tool) { arguments, ledger in
            let paidOn = arguments.string("paidOn").flatMap(CalendarDate.init) ?? .today
            let recorded = try await ledger.recordPayment(
                invoiceId: try arguments.requiredString("invoiceId"),
                amountCents: try arguments.requiredInteger("amountCents"),
                method: try arguments.requiredString("method"), reference: arguments.string("reference"),
                paidOn: paidOn)
            return .object([
                "receiptId": .string(recorded.payment.receiptId),
                "invoiceId": .string(recorded.invoice.id),
                "status": .string(await ledger.status(of: recorded.invoice)),
                "amountPaidCents": .int(recorded.invoice.amountPaidCents),
                "balanceCents": .int(recorded.invoice.balanceCents),
            ])
        }
    }

    // MARK: send_invoice_reminder

    static func sendInvoiceReminder(_ release: DemoRelease) -> ToolDefinition {
        let tool = Tool(
            name: "send_invoice_reminder",
            title: "Send invoice reminder",
            description: "Queue a payment reminder for an unpaid invoice to the customer's billing contact.",
            inputSchema: Schema.object(
                [
                    ("invoiceId", invoiceIdSchema),
                    ("channel", Schema.string("Where the reminder goes.", enumValues: ["email", "sms"], defaultValue: "email")),
                    (
                        "message",
                        Schema.string(
                            "Optional personal note added to the reminder.",
                            // Change #6: the note must now fit in one SMS.
                            maxLength: release.pick(500, 160))
                    ),
                ],
                required: ["invoiceId"], closed: true),
            annotations: Tool.Annotations(
                title: "Send invoice reminder", readOnlyHint: false, destructiveHint: false, idempotentHint: false,
                // Change #12: 2.0.0 hands reminders to an external delivery provider.
                openWorldHint: release.pick(false, true)),
            outputSchema: Schema.object(
                [
                    ("reminderId", Schema.string()),
                    ("invoiceId", Schema.string()),
                    ("channel", Schema.string(enumValues: ["email", "sms"])),
                    ("recipient", Schema.string("E-mail address or phone number the reminder goes to.")),
                ],
                required: ["reminderId", "invoiceId", "channel", "recipient"])
        )
        return ToolDefinition(tool: tool) { arguments, ledger in
            let reminder = try await ledger.sendReminder(
                invoiceId: try arguments.requiredString("invoiceId"), channel: arguments.string("channel") ?? "email")
            return .object([
                "reminderId": .string(reminder.id),
                "invoiceId": .string(reminder.invoiceId),
                "channel": .string(reminder.channel),
                "recipient": .string(reminder.recipient),
            ])
        }
    }

    // MARK: void_invoice (identical in both releases)

    static func voidInvoice(_ release: DemoRelease) -> ToolDefinition {
        let tool = Tool(
            name: "void_invoice",
            title: "Void invoice",
            description: "Void an invoice that has no payments. Voiding a void invoice changes nothing.",
            inputSchema: Schema.object(
                [
                    ("invoiceId", invoiceIdSchema),
                    ("reason", Schema.string(enumValues: ["duplicate", "customer_request", "billing_error"])),
                ],
                required: ["invoiceId", "reason"], closed: true),
            annotations: Tool.Annotations(
                title: "Void invoice", readOnlyHint: false, destructiveHint: true, idempotentHint: true,
                openWorldHint: false),
            outputSchema: Schema.object(
                [
                    ("invoiceId", Schema.string()),
                    ("status", Schema.string(enumValues: ["void"])),
                    ("reason", Schema.string("Why the invoice was voided; for an already void invoice, the original reason.")),
                ],
                required: ["invoiceId", "status", "reason"])
        )
        return ToolDefinition(tool: tool) { arguments, ledger in
            let invoice = try await ledger.voidInvoice(
                invoiceId: try arguments.requiredString("invoiceId"), reason: try arguments.requiredString("reason"))
            var reason = ""
            if case .void(let recorded) = invoice.state { reason = recorded }
            return .object(["invoiceId": .string(invoice.id), "status": "void", "reason": .string(reason)])
        }
    }

    // MARK: get_customer_balance (1.0.0 only)

    static func getCustomerBalance(_ release: DemoRelease) -> ToolDefinition? {
        // Change #2: removed in 2.0.0, superseded by get_customer.
        guard release == .v1 else { return nil }
        let tool = Tool(
            name: "get_customer_balance",
            title: "Get customer balance",
            description: "What a customer owes: outstanding and overdue amounts in the customer's currency.",
            inputSchema: Schema.object([("customerId", customerIdSchema)], required: ["customerId"], closed: true),
            annotations: annotations(title: "Get customer balance", from: readOnlyHints),
            outputSchema: Schema.object(
                [
                    ("customerId", Schema.string()),
                    ("currency", Schema.string(enumValues: currencies)),
                    ("outstandingCents", Schema.integer()),
                    ("overdueCents", Schema.integer()),
                    ("openInvoiceCount", Schema.integer()),
                ],
                required: ["customerId", "currency", "outstandingCents", "overdueCents", "openInvoiceCount"])
        )
        return ToolDefinition(tool: tool) { arguments, ledger in
            let customerId = try arguments.requiredString("customerId")
            guard let customer = await ledger.customer(customerId) else { throw LedgerError.unknownCustomer(customerId) }
            let balance = await ledger.balance(of: customerId)
            return .object([
                "customerId": .string(customer.id),
                "currency": .string(customer.currency),
                "outstandingCents": .int(balance.outstandingCents),
                "overdueCents": .int(balance.overdueCents),
                "openInvoiceCount": .int(balance.openInvoiceCount),
            ])
        }
    }

    // MARK: get_customer (2.0.0 only)

    static func getCustomer(_ release: DemoRelease) -> ToolDefinition? {
        // Change #14: new in 2.0.0. Same inputSchema as get_customer_balance but a different
        // outputSchema on purpose, so a diff reports a removal plus an addition, not a rename.
        guard release.isAtLeast2 else { return nil }
        let balance = Schema.object(
            [
                ("outstandingCents", Schema.integer()),
                ("overdueCents", Schema.integer()),
                ("openInvoiceCount", Schema.integer()),
            ],
            required: ["outstandingCents", "overdueCents", "openInvoiceCount"],
            description: "Amounts in the customer's currency.")
        let tool = Tool(
            name: "get_customer",
            title: "Get customer",
            description: "A customer's contact details and what they owe.",
            inputSchema: Schema.object([("customerId", customerIdSchema)], required: ["customerId"], closed: true),
            annotations: annotations(title: "Get customer", from: readOnlyHints),
            outputSchema: Schema.object(
                [
                    ("customerId", Schema.string()),
                    ("name", Schema.string()),
                    ("email", Schema.string()),
                    ("phone", Schema.string()),
                    ("country", Schema.string("ISO 3166-1 alpha-2 code.")),
                    ("currency", Schema.string(enumValues: currencies)),
                    ("balance", balance),
                ],
                required: ["customerId", "name", "email", "phone", "country", "currency", "balance"])
        )
        return ToolDefinition(tool: tool) { arguments, ledger in
            let customerId = try arguments.requiredString("customerId")
            guard let customer = await ledger.customer(customerId) else { throw LedgerError.unknownCustomer(customerId) }
            return Presenters.customer(customer, balance: await ledger.balance(of: customerId))
        }
    }
}
