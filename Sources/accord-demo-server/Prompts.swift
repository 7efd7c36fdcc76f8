import MCP

/// A prompt as `prompts/list` serves it, together with how `prompts/get` renders it.
struct PromptDefinition: Sendable {
    let prompt: Prompt
    let render: @Sendable ([String: String], Ledger) async throws -> GetPrompt.Result

    /// Checks the arguments against the declared ones before rendering.
    ///
    /// Why unknown arguments are rejected rather than ignored: the declared argument list is the
    /// contract, and "argument removed" is only a real risk (RULES.md rates it potentially
    /// breaking) if a server can refuse what it no longer declares. Violations are -32602.
    func get(_ arguments: [String: String], ledger: Ledger) async throws -> GetPrompt.Result {
        let declared = prompt.arguments ?? []
        let declaredNames = Set(declared.map(\.name))
        if let unknown = arguments.keys.sorted().first(where: { !declaredNames.contains($0) }) {
            throw MCPError.invalidParams("Unknown argument '\(unknown)' for prompt \(prompt.name)")
        }
        if let missing = declared.first(where: { $0.required == true && arguments[$0.name] == nil }) {
            throw MCPError.invalidParams("Missing required argument '\(missing.name)' for prompt \(prompt.name)")
        }
        return try await render(arguments, ledger)
    }
}

/// The prompts of both releases. Argument order is kept stable across releases (new arguments
/// would go last) so that the JSON Pointers in `docs/demo-server.md` (`/arguments/1/...`) name
/// the same argument in both. Comments `Change #n` refer to that document's table.
enum LedgerPrompts {
    static func definitions(for release: DemoRelease) -> [PromptDefinition] {
        [draftPaymentReminder(release), summarizeReceivables(release)]
    }

    // MARK: draft_payment_reminder

    static func draftPaymentReminder(_ release: DemoRelease) -> PromptDefinition {
        let prompt = Prompt(
            name: "draft_payment_reminder",
            title: "Draft a payment reminder",
            description: "Write a payment reminder e-mail for an unpaid invoice, using its balance and due date.",
            arguments: [
                .init(name: "invoiceId", title: "Invoice", description: "The unpaid invoice, e.g. INV-1003.", required: true),
                .init(
                    name: "tone", title: "Tone", description: "friendly or firm.",
                    // Change #7: 2.0.0 no longer assumes a friendly tone.
                    required: release.pick(false, true)),
            ])
        return PromptDefinition(prompt: prompt) { arguments, ledger in
            let invoiceId = arguments["invoiceId"] ?? ""
            let tone = arguments["tone"] ?? "friendly"
            guard tone == "friendly" || tone == "firm" else {
                throw MCPError.invalidParams("tone must be 'friendly' or 'firm', not '\(tone)'")
            }
            guard let invoice = await ledger.invoice(invoiceId), let customer = await ledger.customer(invoice.customerId)
            else { throw MCPError.invalidParams("No invoice \(invoiceId) in the ledger") }
            let status = await ledger.status(of: invoice)
            guard invoice.balanceCents > 0, case .issued = invoice.state else {
                throw MCPError.invalidParams("Invoice \(invoiceId) is \(status); there is nothing to remind about")
            }
            let body = await Presenters.invoiceDetail(invoice, in: ledger, release: release)
            let instruction = """
                Write a \(tone) payment reminder e-mail to \(customer.name) <\(customer.email)> about invoice \
                \(invoice.id). The outstanding balance is \(formatMoney(invoice.balanceCents, invoice.currency)), \
                due on \(invoice.dueDate) (status: \(status)). Put the invoice number in the subject line and \
                keep the body under 150 words.
                """
            return GetPrompt.Result(
                description: "Payment reminder for \(invoice.id)",
                messages: [
                    .user(
                        .resource(
                            resource: .text(
                                jsonText(body, pretty: true), uri: LedgerResources.invoicePrefix + invoice.id,
                                mimeType: "application/json"))),
                    .user(.text(text: instruction)),
                ])
        }
    }

    // MARK: summarize_receivables

    static func summarizeReceivables(_ release: DemoRelease) -> PromptDefinition {
        var arguments: [Prompt.Argument] = [
            .init(
                name: "customerId", title: "Customer", description: "Only this customer, e.g. CUST-003.",
                required: false)
        ]
        if release == .v1 {
            // Change #13: removed in 2.0.0, where void invoices are never listed.
            arguments.append(
                .init(
                    name: "includeVoid", title: "Include void invoices",
                    description: "\"true\" to list void invoices as well.", required: false))
        }
        let prompt = Prompt(
            name: "summarize_receivables",
            title: "Summarize receivables",
            description: "Ask for a short receivables briefing for the finance team, optionally for one customer.",
            arguments: arguments)
        return PromptDefinition(prompt: prompt) { arguments, ledger in
            let customerId = arguments["customerId"]
            if let customerId, await ledger.customer(customerId) == nil {
                throw MCPError.invalidParams("No customer \(customerId) in the ledger")
            }
            let includeVoid: Bool
            switch arguments["includeVoid"] {
            case nil, "false": includeVoid = false
            case "true": includeVoid = true
            case let other?: throw MCPError.invalidParams("includeVoid must be 'true' or 'false', not '\(other)'")
            }
            var lines: [String] = []
            for invoice in await ledger.allInvoices() where customerId == nil || invoice.customerId == customerId {
                let status = await ledger.status(of: invoice)
                if status == "void" && !includeVoid { continue }
                let name = await ledger.customer(invoice.customerId)?.name ?? invoice.customerId
                lines.append(
                    "- \(invoice.id) · \(name) · \(status) · due \(invoice.dueDate) · total "
                        + "\(formatMoney(invoice.totalCents, invoice.currency)) · balance "
                        + "\(formatMoney(invoice.balanceCents, invoice.currency))")
            }
            let scope = customerId.map { "customer \($0)" } ?? "all customers"
            let text = """
                Summarise these receivables (\(scope), as of \(CalendarDate.today)) for the finance team in at \
                most five bullet points: what is overdue, what falls due soon, and anything unusual.

                \(lines.isEmpty ? "(no invoices)" : lines.joined(separator: "\n"))
                """
            return GetPrompt.Result(description: "Receivables briefing for \(scope)", messages: [.user(.text(text: text))])
        }
    }
}
