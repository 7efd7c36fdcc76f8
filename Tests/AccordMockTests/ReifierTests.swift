import AccordContracts
import AccordJSON
@testable import AccordMock
import Testing

/// Every matcher becomes a value the matcher itself accepts.
@Suite struct ReifierTests {
    static let matchers: [Matcher] = [
        .equals("INV-1001"), .equals(42), .equals(.null), .equals(true),
        .like("Acme"), .like(7), .like(["a": 1]),
        .regex("^(paid|sent)$"), .regex("^RCPT-[0-9]+$"), .regex("^INV-[0-9]{4}$"), .regex("^[A-Z]{3}$"), .regex("REM-\\d+"),
        .regex("^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$"), .regex("^(?:v\\d+\\.){2}\\d+$"),
        .number, .integer,
        .eachLike(.object(["description": .like("x"), "amountCents": .integer]), min: 1),
        .eachLike(.regex("^T[0-9]$"), min: 3), .eachLike(.integer, min: 0),
        .includesText("INV-1003"), .includesText(""),
        .includesElements([.object(["type": .equals("text")]), .object(["role": .equals("user")])]),
        .object(["status": .regex("^(paid|sent)$"), "lines": .array([.integer, .like("x")])]),
    ] + Matcher.StringFormat.allCases.map { .format($0) }

    @Test(arguments: matchers)
    func reifiedValueSatisfiesItsMatcher(_ matcher: Matcher) throws {
        let value = try Reifier.value(for: matcher)
        #expect(matcher.mismatches(value, at: .root).isEmpty, "\(matcher.description) → \(value)")
    }

    @Test func literalsAreWrittenValuesAndMatchersTheirDocumentedOnes() throws {
        #expect(try Reifier.value(for: .like("Acme")) == "Acme")
        #expect(try Reifier.value(for: .integer) == 1)
        #expect(try Reifier.value(for: .includesText("INV-1003")) == "INV-1003")
        #expect(try Reifier.value(for: .eachLike(.integer, min: 3)).arrayValue?.count == 3)
        #expect(try Reifier.value(for: .eachLike(.integer, min: 0)).arrayValue?.count == 1, "at least one element")
        #expect(try Reifier.value(for: .format(.date)) == "2025-03-15")
        #expect(try Reifier.value(for: .format(.email)) == "consumer@example.com")
    }

    @Test func aPatternBeyondTheGeneratorIsAClearError() {
        // A backreference: the generator declines, and the error says what to write instead.
        #expect {
            try Reifier.value(for: .object(["code": .regex("^(a)\\1$")]))
        } throws: { error in
            guard let error = error as? ReificationError else { return false }
            return error.pointer.description == "/code" && error.reason.contains("$like")
        }
        // A lookahead no generated string satisfies.
        #expect(throws: ReificationError.self) { try Reifier.value(for: .regex("^(?=x)y$")) }
    }
}
