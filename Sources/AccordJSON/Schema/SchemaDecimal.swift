/// An exact decimal read from a JSON number's text, for the numeric keywords.
///
/// Doubles would make `0.3` fail `multipleOf: 0.1` and make `9007199254740993` equal to
/// `9007199254740992`; schemas are written in decimal, so they are checked in decimal.
/// The value is `digits × 10^exponent`, with `digits` free of leading and trailing zeros.
struct SchemaDecimal: Sendable, Hashable, Comparable {
    var isNegative: Bool
    /// Decimal digits, most significant first, values 0...9; empty for zero.
    var digits: [UInt8]
    var exponent: Int

    static let zero = SchemaDecimal(isNegative: false, digits: [], exponent: 0)

    init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        var digits = digits
        var exponent = exponent
        let leading = digits.firstIndex { $0 != 0 } ?? digits.endIndex
        digits.removeFirst(leading)
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        self.isNegative = digits.isEmpty ? false : isNegative
        self.digits = digits
        self.exponent = digits.isEmpty ? 0 : exponent
    }

    /// Reads JSON number text (`-12.5e3`); `nil` for anything else.
    init?(text: String) {
        var negative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponent = 0
        var iterator = text.utf8.makeIterator()
        var byte = iterator.next()
        if byte == UInt8(ascii: "-") { negative = true; byte = iterator.next() }
        var sawDigit = false
        while let current = byte, current >= UInt8(ascii: "0"), current <= UInt8(ascii: "9") {
            digits.append(current - UInt8(ascii: "0")); sawDigit = true; byte = iterator.next()
        }
        if byte == UInt8(ascii: ".") {
            byte = iterator.next()
            while let current = byte, current >= UInt8(ascii: "0"), current <= UInt8(ascii: "9") {
                digits.append(current - UInt8(ascii: "0")); fractionDigits += 1; sawDigit = true; byte = iterator.next()
            }
        }
        guard sawDigit else { return nil }
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            byte = iterator.next()
            var exponentNegative = false
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                exponentNegative = byte == UInt8(ascii: "-"); byte = iterator.next()
            }
            var sawExponentDigit = false
            while let current = byte, current >= UInt8(ascii: "0"), current <= UInt8(ascii: "9") {
                // Clamped: an exponent past a billion is already far beyond any double.
                exponent = min(exponent * 10 + Int(current - UInt8(ascii: "0")), 1_000_000_000)
                sawExponentDigit = true; byte = iterator.next()
            }
            guard sawExponentDigit else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard byte == nil else { return nil }
        self.init(isNegative: negative, digits: digits, exponent: exponent - fractionDigits)
    }

    init(_ number: JSONNumber) {
        self = SchemaDecimal(text: number.text) ?? SchemaDecimal(double: number.doubleValue)
    }

    init(double: Double) { self = SchemaDecimal(text: double.isFinite ? "\(double)" : "0") ?? .zero }

    var isZero: Bool { digits.isEmpty }

    /// True when the value has no fractional part (`2`, `2.0`, `2e3`).
    var isIntegral: Bool { exponent >= 0 }

    /// Position of the most significant digit: `digits.count + exponent`.
    private var magnitude: Int { digits.count + exponent }

    static func < (lhs: SchemaDecimal, rhs: SchemaDecimal) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let ordered = compareMagnitudes(lhs, rhs)
        return lhs.isNegative ? ordered > 0 : ordered < 0
    }

    /// -1, 0 or 1 comparing absolute values.
    private static func compareMagnitudes(_ lhs: SchemaDecimal, _ rhs: SchemaDecimal) -> Int {
        if lhs.isZero || rhs.isZero { return lhs.isZero ? (rhs.isZero ? 0 : -1) : 1 }
        if lhs.magnitude != rhs.magnitude { return lhs.magnitude < rhs.magnitude ? -1 : 1 }
        let count = max(lhs.digits.count, rhs.digits.count)
        for index in 0..<count {
            let left = index < lhs.digits.count ? lhs.digits[index] : 0
            let right = index < rhs.digits.count ? rhs.digits[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    /// Whether `self / divisor` is an integer, exactly. `nil` when the divisor is zero or
    /// has more significant digits than fit in 64 bits (callers fall back to doubles).
    func isMultiple(of divisor: SchemaDecimal) -> Bool? {
        guard !divisor.isZero, divisor.digits.count <= 19 else { return nil }
        if isZero { return true }
        // self = a·10^p, divisor = b·10^q with a, b free of trailing zeros.
        // p < q: a would need q-p trailing zeros, which it has not.
        guard exponent >= divisor.exponent else { return false }
        let shift = exponent - divisor.exponent
        guard shift <= 100_000 else { return nil }
        var modulus: UInt64 = 0
        for digit in divisor.digits { modulus = modulus * 10 + UInt64(digit) }
        var remainder: UInt64 = 0
        func feed(_ digit: UInt8) {
            let (high, low) = remainder.multipliedFullWidth(by: 10)
            let (sum, overflow) = low.addingReportingOverflow(UInt64(digit))
            remainder = modulus.dividingFullWidth((high + (overflow ? 1 : 0), sum)).remainder
        }
        for digit in digits { feed(digit) }
        for _ in 0..<shift {
            if remainder == 0 { return true }
            feed(0)
        }
        return remainder == 0
    }

    var doubleValue: Double {
        var text = isNegative ? "-" : ""
        if digits.isEmpty { return 0 }
        text += digits.map { String($0) }.joined() + "e\(exponent)"
        return Double(text) ?? .nan
    }

    /// JSON number text for the value: plain digits when the exponent is modest, else `e` form.
    var literal: String {
        if digits.isEmpty { return "0" }
        let sign = isNegative ? "-" : ""
        let text = digits.map { String($0) }.joined()
        if exponent >= 0, exponent <= 20 { return sign + text + String(repeating: "0", count: exponent) }
        if exponent < 0, -exponent <= 20 {
            let point = digits.count + exponent
            if point > 0 {
                return sign + String(text.prefix(point)) + "." + String(text.dropFirst(point))
            }
            return sign + "0." + String(repeating: "0", count: -point) + text
        }
        return sign + text + "e" + String(exponent)
    }

    /// `self × factor`, exactly, when the digits fit in 63 bits.
    func multiplied(by factor: Int) -> SchemaDecimal? {
        guard digits.count <= 18 else { return nil }
        let mantissa = digits.reduce(0) { $0 * 10 + Int($1) } * (isNegative ? -1 : 1)
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        return SchemaDecimal(text: String(product) + "e" + String(exponent))
    }
}
