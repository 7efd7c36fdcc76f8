/// Turns a ``JSONValue`` back into text. Keys are always sorted by their UTF-8 bytes, so the
/// same value gives the same text on every machine and run.
public enum JSONEncoding {
    /// The canonical, git-friendly form of snapshots: sorted keys, two-space indent, `": "`
    /// between key and value, empty containers as `{}` / `[]`, and a trailing newline.
    ///
    /// ```swift
    /// JSONEncoding.canonical(["b": 1, "a": [true]])
    /// // {\n  "a": [\n    true\n  ],\n  "b": 1\n}\n
    /// ```
    public static func canonical(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(value, into: &output, indent: 0, pretty: true)
        output.append(0x0A)
        return String(decoding: output, as: UTF8.self)
    }

    /// Compact text with sorted keys and no whitespace: the wire form and the form in messages.
    public static func compact(_ value: JSONValue) -> String {
        String(decoding: compactBytes(value), as: UTF8.self)
    }

    /// Compact UTF-8 bytes, ready to write to a socket or pipe.
    public static func compactBytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output, indent: 0, pretty: false)
        return output
    }

    /// The 1-based line on which each of `wanted` starts in ``canonical(_:)``'s text (index-based
    /// pointers; missing ones are left out). Only the paths leading to wanted pointers are walked
    /// with pointers; every other subtree is just counted, so this stays cheap on large documents.
    public static func canonicalLines(_ value: JSONValue, wanted: Set<JSONPointer>) -> [JSONPointer: Int] {
        var prefixes: Set<JSONPointer> = []
        for pointer in wanted {
            for length in 0...pointer.tokens.count { prefixes.insert(JSONPointer(tokens: Array(pointer.tokens.prefix(length)))) }
        }
        var lines: [JSONPointer: Int] = [:]
        var line = 1
        func visit(_ value: JSONValue, _ pointer: JSONPointer) {
            if wanted.contains(pointer) { lines[pointer] = line }
            func child(_ element: JSONValue, _ token: String) {
                line += 1
                let childPointer = pointer.appending(token)
                if prefixes.contains(childPointer) {
                    visit(element, childPointer)
                } else {
                    line += lineCount(element) - 1
                }
            }
            switch value {
            case .array(let elements) where !elements.isEmpty:
                for (index, element) in elements.enumerated() { child(element, String(index)) }
                line += 1
            case .object(let members) where !members.isEmpty:
                for key in sortedKeys(members) { child(members[key] ?? .null, key) }
                line += 1
            default:
                break
            }
        }
        if prefixes.contains(.root) { visit(value, .root) }
        return lines
    }

    /// How many lines `value` takes in canonical form (strings never hold raw newlines).
    public static func lineCount(_ value: JSONValue) -> Int {
        switch value {
        case .array(let elements) where !elements.isEmpty: 2 + elements.reduce(0) { $0 + lineCount($1) }
        case .object(let members) where !members.isEmpty: 2 + members.values.reduce(0) { $0 + lineCount($1) }
        default: 1
        }
    }

    /// Object keys in canonical order.
    public static func sortedKeys<Value>(_ members: [String: Value]) -> [String] {
        members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8], indent: Int, pretty: Bool) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): output.append(contentsOf: number.text.utf8)
        case .string(let string): writeString(string, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else { output.append(contentsOf: "[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(into: &output, indent: indent + 1) }
                write(element, into: &output, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(into: &output, indent: indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { output.append(contentsOf: "{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            for (offset, key) in sortedKeys(members).enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(into: &output, indent: indent + 1) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                write(members[key] ?? .null, into: &output, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(into: &output, indent: indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(into output: inout [UInt8], indent: Int) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Escapes only what JSON requires (quote, backslash, control characters), using the short
    /// forms where they exist; everything else, including non-ASCII, is written as UTF-8.
    private static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
