import AccordContracts
import AccordJSON
import Testing

/// One row per matcher: a value that passes, a value that fails and the message it gets.
struct MatcherTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let matcher: Matcher
        let passing: JSONValue
        let failing: JSONValue?
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "equality (string)", matcher: .equals("INV-1001"), passing: "INV-1001", failing: "INV-1002",
             message: #"/x: expected "INV-1001", got "INV-1002""#),
        Case(name: "equality (numbers compare numerically)", matcher: .equals(.number(JSONNumber(text: "100")!)),
             passing: .number(JSONNumber(text: "1.0e2")!), failing: 101, message: "/x: expected 100, got 101"),
        Case(name: "$like", matcher: .like("Acme"), passing: "Blue Heron", failing: 42, message: #"/x: expected a string (like "Acme"), got 42"#),
        Case(name: "$regex", matcher: .regex("^(paid|sent)$"), passing: "paid", failing: "void",
             message: #"/x: expected a string matching ^(paid|sent)$, got "void""#),
        Case(name: "$number", matcher: .number, passing: 12.5, failing: "12.5", message: #"/x: expected a number, got "12.5""#),
        Case(name: "$integer", matcher: .integer, passing: .number(JSONNumber(text: "3.0")!), failing: 3.5, message: "/x: expected an integer, got 3.5"),
        Case(name: "$eachLike with $min", matcher: .eachLike(.like(1), min: 2), passing: [1, 2, 3], failing: [1],
             message: "/x: expected an array of at least 2 elements, each a number (like 1), got [1]"),
        Case(name: "$eachLike element", matcher: .eachLike(.integer, min: 1), passing: [1], failing: [1, "two"],
             message: #"/x/1: expected an integer, got "two""#),
        Case(name: "$includes (substring)", matcher: .includesText("INV-1003"), passing: "Invoice INV-1003 is overdue", failing: "Invoice INV-1002",
             message: #"/x: expected a string containing "INV-1003", got "Invoice INV-1002""#),
        Case(name: "$includes (elements)", matcher: .includesElements([.object(["type": .equals("text")])]),
             passing: [["type": "image"], ["type": "text", "text": "hi"]], failing: [["type": "image"]],
             message: #"/x: expected an array including an object with type, got [{"type":"image"}]"#),
        Case(name: "$format date", matcher: .format(.date), passing: "2025-03-15", failing: "15/03/2025",
             message: #"/x: expected a string in date format, got "15/03/2025""#),
        Case(name: "$format date-time", matcher: .format(.dateTime), passing: "2025-03-15T10:00:00Z", failing: "2025-03-15",
             message: #"/x: expected a string in date-time format, got "2025-03-15""#),
        Case(name: "$format uuid", matcher: .format(.uuid), passing: "123e4567-e89b-12d3-a456-426614174000", failing: "123",
             message: #"/x: expected a string in uuid format, got "123""#),
        Case(name: "$format uri", matcher: .format(.uri), passing: "ledgerly://config", failing: "not a uri",
             message: #"/x: expected a string in uri format, got "not a uri""#),
        Case(name: "$format email", matcher: .format(.email), passing: "ap@cobalt-analytics.example", failing: "ap-at-cobalt",
             message: #"/x: expected a string in email format, got "ap-at-cobalt""#),
        Case(name: "object subset", matcher: .object(["status": .equals("paid")]), passing: ["status": "paid", "extra": 1], failing: ["extra": 1],
             message: #"/x/status: expected "paid", got nothing (missing)"#),
        Case(name: "array (exact)", matcher: .array([.equals(1), .equals(2)]), passing: [1, 2], failing: [1, 2, 3],
             message: "/x: expected an array of 2 elements, got [1,2,3]"),
    ]

    @Test(arguments: cases)
    func matcher(_ row: Case) throws {
        let at = pointer("/x")
        #expect(row.matcher.mismatches(row.passing, at: at).isEmpty)
        let mismatches = row.matcher.mismatches(row.failing, at: at)
        #expect(mismatches.map(\.message) == [row.message])
    }

    @Test func mismatchCarriesPointerExpectationAndActual() {
        let expectation = Matcher.object(["structuredContent": .object(["status": .regex("^(paid|sent)$")])])
        let mismatches = MatcherEvaluator.evaluate(expectation, against: ["structuredContent": ["status": "void"]])
        #expect(mismatches == [Mismatch(pointer: pointer("/structuredContent/status"), expected: "a string matching ^(paid|sent)$", actual: "void")])
        #expect(mismatches.first?.message == #"/structuredContent/status: expected a string matching ^(paid|sent)$, got "void""#)
    }

    @Test func toolCallsImplyIsErrorFalse() {
        let interaction = Interaction(name: "i", call: .callTool(name: "t", arguments: [:]), expect: .object(["structuredContent": .object([:])]))
        let mismatches = MatcherEvaluator.evaluate(interaction, against: ["isError": true, "structuredContent": [:]])
        #expect(mismatches.map(\.message) == ["/isError: expected false, got true"])
        #expect(MatcherEvaluator.evaluate(interaction, against: ["structuredContent": [:], "isError": false]).isEmpty)
    }

    /// Found by scripts/fuzz (uri-template): anchors were `$`, which also matches before a final
    /// newline, so a format accepted "2025-03-15\n" and a literal template matched its URI + "\n".
    @Test(arguments: [Matcher.StringFormat.date, .dateTime, .uuid, .uri, .email])
    func aTrailingNewlineIsNotAFormat(_ format: Matcher.StringFormat) {
        let valid: [Matcher.StringFormat: String] = [.date: "2025-03-15", .dateTime: "2025-03-15T10:00:00Z",
                                                     .uuid: "123e4567-e89b-12d3-a456-426614174000", .uri: "ledgerly://config", .email: "ap@cobalt.example"]
        let text = valid[format]!
        #expect(format.accepts(text))
        #expect(!format.accepts(text + "\n"))
    }

    @Test func resourceTemplatesMatchTheWholeURIOnly() {
        #expect(URITemplate("ledgerly://config").matches("ledgerly://config"))
        #expect(!URITemplate("ledgerly://config").matches("ledgerly://config\n"))
        #expect(!URITemplate("").matches("\n"))
        #expect(URITemplate("ledgerly://invoices/{invoiceId}").matches("ledgerly://invoices/INV-1003"))
        #expect(!URITemplate("ledgerly://invoices/{invoiceId}").matches("ledgerly://invoices/INV-1003\n"))
    }
}
