/// A compiled `pattern` / `patternProperties` regular expression.
///
/// JSON Schema patterns are ECMA-262 regular expressions, matched unanchored. Accord runs them on
/// the standard library's `Regex` (no Foundation, same engine on Linux and macOS), configured
/// the ECMA way: matching by Unicode scalar (not grapheme cluster), `\d` and `\w` ASCII-only.
/// A few ECMA spellings that `Regex` does not read are rewritten first (`[^]`, `[]`, `\cX`, a
/// `-` beside a class escape as in `[\w-.]`). Lookbehind (`(?<=`, `(?<!`) is not supported by
/// `Regex` and is reported as an unsupported pattern instead of being guessed at.
struct SchemaPattern: @unchecked Sendable {
    // `Regex` is not declared Sendable only because of its generic output type; the matching
    // program inside is immutable once lowered and is published atomically by the standard
    // library, and `init` lowers it eagerly. So sharing one across threads is safe.
    let source: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `source`, or throws a message saying what is wrong with it.
    init(_ source: String) throws(SchemaPatternError) {
        self.source = source
        let translated = try SchemaPattern.translate(source)
        do {
            regex = try Regex(translated)
                .matchingSemantics(.unicodeScalar)
                .asciiOnlyDigits()
                .asciiOnlyWordCharacters()
        } catch {
            throw SchemaPatternError(pattern: source, reason: "\(error)")
        }
        _ = "".contains(regex)
    }

    /// Whether the pattern matches anywhere in `string`.
    func matches(_ string: String) -> Bool { string.contains(regex) }

    /// Rewrites the ECMA-262 spellings `Regex` does not accept into equivalent ones.
    static func translate(_ pattern: String) throws(SchemaPatternError) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        var inClass = false
        var classStart = false
        var previousWasClassEscape = false
        func append(_ text: String) { output.append(contentsOf: text.unicodeScalars) }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                let next = scalars[index + 1]
                if next == "c", index + 2 < scalars.count, scalars[index + 2].isASCII, scalars[index + 2].properties.isAlphabetic {
                    let control = scalars[index + 2].value % 32
                    append("\\u{\(String(control, radix: 16))}")
                    index += 3
                    previousWasClassEscape = false
                    classStart = false
                    continue
                }
                output.append(scalar); output.append(next)
                previousWasClassEscape = inClass && "dDwWsS".unicodeScalars.contains(next)
                classStart = false
                index += 2
                continue
            }
            if inClass {
                if classStart, scalar == "]" {
                    // `[]` matches nothing, `[^]` matches anything.
                    let negated = output.last == "^"
                    if negated { output.removeLast() }
                    output.removeLast()
                    append(negated ? "[\\s\\S]" : "(?!)")
                    inClass = false
                    classStart = false
                    index += 1
                    continue
                }
                if scalar == "^", classStart, output.last == "[" {
                    output.append(scalar)
                    index += 1
                    continue
                }
                classStart = false
                if scalar == "]" { inClass = false; output.append(scalar); index += 1; continue }
                if scalar == "[" { append("\\["); index += 1; continue }
                if scalar == "-" {
                    let nextIsClassEscape = index + 2 < scalars.count && scalars[index + 1] == "\\"
                        && "dDwWsS".unicodeScalars.contains(scalars[index + 2])
                    if previousWasClassEscape || nextIsClassEscape { append("\\-"); index += 1; previousWasClassEscape = false; continue }
                }
                if scalar == "&" || scalar == "~", index + 1 < scalars.count, scalars[index + 1] == scalar {
                    // `&&` and `~~` are set operators for `Regex`, plain characters for ECMA.
                    output.append("\\"); output.append(scalar)
                    index += 1
                    previousWasClassEscape = false
                    continue
                }
                previousWasClassEscape = false
                output.append(scalar)
                index += 1
                continue
            }
            if scalar == "[" { inClass = true; classStart = true; output.append(scalar); index += 1; continue }
            if scalar == "(", index + 3 < scalars.count, scalars[index + 1] == "?", scalars[index + 2] == "<",
               scalars[index + 3] == "=" || scalars[index + 3] == "!" {
                throw SchemaPatternError(pattern: pattern, reason: "lookbehind assertions are not supported")
            }
            output.append(scalar)
            index += 1
        }
        return String(output)
    }
}

/// A `pattern` that could not be compiled.
struct SchemaPatternError: Error, Sendable, Equatable {
    let pattern: String
    let reason: String
}
