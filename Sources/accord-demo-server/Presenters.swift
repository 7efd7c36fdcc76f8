import MCP

/// The JSON shapes the demo hands out. Tools, the invoice/customer resource templates and prompts
/// all present the same records, so they share these functions: `get_invoice`'s
/// `structuredContent` and the body of `ledgerly://invoices/INV-1001` are the same object, and a
/// field dropped in 2.0.0 disappears from both at once.
///
/// Each function's output must conform to the matching `outputSchema` in `Tools.swift`; the
/// server checks that on every call (see `SchemaValidator`).
enum Presenters {
    static func invoiceDetail(_ invoice: Invoice, in ledger: Ledger, release: DemoRelease) async -> Value {
        var fields: [String: Value] = [
            "invoiceId": .string(invoice.id),
            "customerId": .string(invoice.customerId),
            "status": .string(await ledger.status(of: invoice)),
            "currency": .string(invoice.currency),
            "issueDate": .string(invoice.issueDate.description),
            "dueDate": .string(invoice.dueDate.description),
            "lines": .array(invoice.lines.map(line)),
            "totalCents": .int(invoice.totalCents),
            "amountPaidCents": .int(invoice.amountPaidCents),
            "balanceCents": .int(invoice.balanceCents),
        ]
        if let notes = invoice.notes {
            fields["notes"] = .string(notes)
        }
        if release.isAtLeast2 {
            // Change #18: 2.0.0 lists the payments themselves.
            fields["payments"] = .array(invoice.payments.map(payment))
        } else {
            // Change #4: only 1.0.0 embeds the customer's name.
            fields["customerName"] = .string(await ledger.customer(invoice.customerId)?.name ?? "")
        }
        return .object(fields)
    }

    static func invoiceSummary(_ invoice: Invoice, in ledger: Ledger) async -> Value {
        .object([
            "invoiceId": .string(invoice.id),
            "customerId": .string(invoice.customerId),
            "status": .string(await ledger.status(of: invoice)),
            "currency": .string(invoice.currency),
            "totalCents": .int(invoice.totalCents),
            "balanceCents": .int(invoice.balanceCents),
            "dueDate": .string(invoice.dueDate.description),
        ])
    }

    static func customer(_ customer: Customer, balance: CustomerBalance) -> Value {
        .object([
            "customerId": .string(customer.id),
            "name": .string(customer.name),
            "email": .string(customer.email),
            "phone": .string(customer.phone),
            "country": .string(customer.country),
            "currency": .string(customer.currency),
            "balance": self.balance(balance),
        ])
    }

    static func balance(_ balance: CustomerBalance) -> Value {
        .object([
            "outstandingCents": .int(balance.outstandingCents),
            "overdueCents": .int(balance.overdueCents),
            "openInvoiceCount": .int(balance.openInvoiceCount),
        ])
    }

    static func line(_ line: InvoiceLine) -> Value {
        .object([
            "description": .string(line.description),
            "quantity": .int(line.quantity),
            "unitAmountCents": .int(line.unitAmountCents),
            "amountCents": .int(line.amountCents),
        ])
    }

    static func payment(_ payment: Payment) -> Value {
        var fields: [String: Value] = [
            "receiptId": .string(payment.receiptId),
            "amountCents": .int(payment.amountCents),
            "method": .string(payment.method),
            "paidOn": .string(payment.paidOn.description),
        ]
        if let reference = payment.reference {
            fields["reference"] = .string(reference)
        }
        return .object(fields)
    }
}
