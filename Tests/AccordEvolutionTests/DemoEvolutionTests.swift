import AccordEvolution
import AccordSnapshot
import Foundation
import Testing

/// The demo server's 1.0.0 → 2.0.0 changes, as docs/demo-server.md lists them, one by one.
@Suite struct DemoEvolutionTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func load(_ name: String) throws -> Snapshot {
        try SnapshotFile.read(root + "/snapshots/\(name).json")
    }

    /// (rule, pointer prefix) for each intended change, numbered as in docs/demo-server.md.
    static let intended: [(Int, String, String)] = [
        (1, "input-property-added-required", "/tools/record_payment/inputSchema/properties/paidOn"),
        (2, "tool-removed", "/tools/get_customer_balance"),
        (3, "input-enum-value-removed", "/tools/record_payment/inputSchema/properties/method/enum"),
        (4, "output-required-property-removed", "/tools/get_invoice/outputSchema/properties/customerName"),
        (5, "annotation-destructive-added", "/tools/create_invoice/annotations/destructiveHint"),
        (6, "input-upper-bound-tightened", "/tools/send_invoice_reminder/inputSchema/properties/message/maxLength"),
        (7, "prompt-argument-became-required", "/prompts/draft_payment_reminder/arguments/1/required"),
        (8, "template-uri-changed", "/resourceTemplates/ledgerly:~1~1invoices~1{invoiceId}/uriTemplate"),
        (9, "input-pattern-changed", "/tools/record_payment/inputSchema/properties/reference/pattern"),
        (10, "input-default-changed", "/tools/list_invoices/inputSchema/properties/limit/default"),
        (11, "output-enum-value-added", "/tools/get_invoice/outputSchema/properties/status/enum"),
        (12, "annotation-open-world-added", "/tools/send_invoice_reminder/annotations/openWorldHint"),
        (13, "prompt-argument-removed", "/prompts/summarize_receivables/arguments/1"),
        (14, "tool-added", "/tools/get_customer"),
        (15, "input-property-added-optional", "/tools/list_invoices/inputSchema/properties/dueBefore"),
        (16, "input-enum-value-added", "/tools/list_invoices/inputSchema/properties/status/enum"),
        (17, "tool-description-changed", "/tools/get_invoice/description"),
        (18, "output-property-added", "/tools/get_invoice/outputSchema/properties/payments"),
        (19, "output-property-added", "/tools/create_invoice/outputSchema/properties/replacedInvoiceId"),
        (20, "resource-added", "/resources/ledgerly:~1~1reports~1aging"),
        (21, "server-instructions-changed", "/instructions"),
    ]

    @Test func releaseTwoHasExactlyTheIntendedFindings() throws {
        let report = Evolution.diff(old: try Self.load("demo"), new: try Self.load("demo-v2"), checkVersion: true)
        var unmatched = report.findings
        for (number, rule, pointer) in Self.intended {
            let index = unmatched.firstIndex { $0.ruleID == rule && $0.pointer.description.hasPrefix(pointer) }
            #expect(index != nil, "change #\(number) (\(rule) at \(pointer)) was not reported")
            if let index {
                #expect(unmatched[index].severity == RuleCatalogue.rule(rule).severity, "change #\(number)")
                unmatched.remove(at: index)
            }
        }
        #expect(unmatched.isEmpty, "unintended findings: \(unmatched.map { "\($0.ruleID) \($0.pointer)" })")
        #expect(report.requiredBump == .major)
        #expect(report.nextVersion == "2.0.0")
        #expect(report.count(.breaking) == 8)
        #expect(report.count(.potentiallyBreaking) == 5)
        #expect(report.count(.nonBreaking) == 8)
        #expect(report.failed)
    }

    @Test func identicalSnapshotsHaveNoFindingsAndNoBump() throws {
        let snapshot = try Self.load("demo")
        let report = Evolution.diff(old: snapshot, new: snapshot, checkVersion: true)
        #expect(report.findings.isEmpty)
        #expect(report.requiredBump == .none)
        #expect(!report.failed)
    }
}
