import AccordTestSupport
@testable import AccordJSON

/// What a parser made of some bytes: a value or a located error (equatable, for differential tests).
typealias ParseOutcome = Result<JSONValue, JSONParseError>

enum TapeCheck {
    static func reference(_ bytes: [UInt8]) -> ParseOutcome {
        do { return .success(try ReferenceJSONParser.parse(bytes)) } catch { return .failure(error) }
    }

    static func parsed(_ bytes: [UInt8]) -> ParseOutcome {
        do { return .success(try JSONValue(parsing: bytes)) } catch { return .failure(error) }
    }

    static func tape(_ bytes: [UInt8], maxDepth: Int = .max) -> Result<JSONTape, JSONParseError> {
        do { return .success(try JSONTape(parsing: JSONInput(bytes: bytes), maxDepth: maxDepth)) } catch { return .failure(error) }
    }

    static func tapeOutcome(_ bytes: [UInt8], maxDepth: Int = .max) -> ParseOutcome {
        tape(bytes, maxDepth: maxDepth).map { $0.value($0.root) }
    }

    /// The number of lines of `value`'s canonical text.
    static func canonicalLines(_ value: JSONValue) -> Int {
        JSONEncoding.canonical(value).utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    static func kind(of value: JSONValue) -> JSONTape.Kind {
        switch value {
        case .null: .null
        case .bool: .bool
        case .number: .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// Every problem with the recorded node `node` (and, down to `checkDepth`, its recorded
    /// descendants): its value, kind, line count and hash must be those of its own bytes parsed
    /// on their own by the reference parser; it must be opaque exactly beyond `maxDepth`.
    static func problems(in tape: JSONTape, _ bytes: [UInt8], node: JSONTape.Node, depth: Int = 0,
                         maxDepth: Int, checkDepth: Int = .max) -> [String] {
        var found: [String] = []
        let range = tape.byteRange(node)
        let text = Array(bytes[range])
        guard case .success(let expected) = reference(text) else { return ["node at \(range) is not JSON on its own"] }
        let place = "node at \(range) (depth \(depth))"
        if tape.value(node) != expected { found.append("\(place): value differs") }
        if tape.kind(node) != kind(of: expected) { found.append("\(place): kind \(tape.kind(node))") }
        let lines = canonicalLines(expected)
        if tape.canonicalLineCount(node) != lines { found.append("\(place): \(tape.canonicalLineCount(node)) lines, canonical has \(lines)") }
        if let alone = try? JSONTape(parsing: JSONInput(bytes: text)), alone.contentHash(alone.root) != tape.contentHash(node) {
            found.append("\(place): hash differs from the same bytes in another tape")
        }
        let container = tape.kind(node) == .array || tape.kind(node) == .object
        if container, tape.isOpaque(node) != (depth > maxDepth) { found.append("\(place): opaque is \(tape.isOpaque(node))") }
        if !container, tape.isOpaque(node) { found.append("\(place): a scalar is opaque") }
        guard container, !tape.isOpaque(node), depth < checkDepth else { return found }
        if case .string(let string) = expected, tape.string(node) != string { found.append("\(place): string differs") }
        let children = tape.kind(node) == .array ? tape.elements(node) : tape.members(node).map(\.value)
        if tape.childCount(node) != children.count { found.append("\(place): childCount \(tape.childCount(node))") }
        for child in children {
            found += problems(in: tape, bytes, node: child, depth: depth + 1, maxDepth: maxDepth, checkDepth: checkDepth)
        }
        return found
    }
}

/// Random JSON text with what parsers get wrong: every escape (surrogate pairs, lone
/// surrogates), raw UTF-8 and bytes that are not UTF-8, unusual numbers, odd whitespace, and
/// duplicate keys, including keys equal only under Unicode canonical equivalence.
struct RandomJSON {
    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(state: seed) }

    mutating func document(maxDepth: Int = 5) -> [UInt8] {
        var output: [UInt8] = []
        space(&output)
        value(&output, depth: maxDepth)
        space(&output)
        return output
    }

    private static let spaces: [String] = ["", "", "", " ", "\n", "\n    ", "\t", "\r\n  ", "        "]
    private static let stringPieces: [[UInt8]] = [
        "a", "plain words ", "x", "0", "\\\"", "\\\\", "\\/", "\\b\\f\\n\\r\\t", "\\u00e9", "\\u0041",
        "\\ud83d\\ude00", "\\ud800", "\\udc00x", "\\ud800\\u0041", "é", "😀", "\u{212A}", "\u{200B}",
        "e\u{0301}", "long text without anything special in it, to cross a word boundary",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0x80]]
    private static let keys: [[UInt8]] = [
        "a", "b", "name", "type", "é", "e\u{0301}", "\\u00e9", "\\u0061", "K", "\u{212A}", "", "properties",
    ].map { Array($0.utf8) }
    private static let numbers = ["0", "-0", "1", "-12", "3.25", "1e21", "1E+2", "-0.5e-3", "12345678901234567890123", "0.000001", "7"]

    private mutating func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }

    private mutating func space(_ output: inout [UInt8]) { output += Array(pick(Self.spaces).utf8) }

    private mutating func string(_ output: inout [UInt8], pieces: [[UInt8]], count: Int) {
        output.append(UInt8(ascii: "\""))
        for _ in 0..<count { output += pick(pieces) }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func value(_ output: inout [UInt8], depth: Int) {
        let choice = depth <= 0 ? random.next() % 5 : random.next() % 8
        switch choice {
        case 0: output += Array("null".utf8)
        case 1: output += Array((random.next() % 2 == 0 ? "true" : "false").utf8)
        case 2: output += Array(pick(Self.numbers).utf8)
        case 3, 4: string(&output, pieces: Self.stringPieces, count: Int(random.next() % 4))
        case 5:
            output.append(UInt8(ascii: "["))
            let count = Int(random.next() % 5)
            for position in 0..<count {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                space(&output)
                value(&output, depth: depth - 1)
                space(&output)
            }
            if count == 0 { space(&output) }
            output.append(UInt8(ascii: "]"))
        default:
            output.append(UInt8(ascii: "{"))
            let count = Int(random.next() % 6)
            for position in 0..<count {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                space(&output)
                string(&output, pieces: Self.keys, count: 1)
                space(&output)
                output.append(UInt8(ascii: ":"))
                space(&output)
                value(&output, depth: depth - 1)
                space(&output)
            }
            if count == 0 { space(&output) }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// `bytes` with one random edit: a byte replaced, deleted or inserted.
    mutating func mutated(_ bytes: [UInt8]) -> [UInt8] {
        var copy = bytes
        let pool: [UInt8] = Array("{}[],:\"\\-+.eE0123456789tfnu \n".utf8) + [0x00, 0x1F, 0x7F, 0xFF]
        let position = copy.isEmpty ? 0 : Int(random.next() % UInt64(copy.count))
        switch random.next() % 3 {
        case 0 where !copy.isEmpty: copy[position] = pick(pool)
        case 1 where !copy.isEmpty: copy.remove(at: position)
        default: copy.insert(pick(pool), at: position)
        }
        return copy
    }
}
