import AccordJSON
import AccordYAML
import Foundation

/// Reads an `expect:` tree: mappings with `$` keys are matchers, other mappings are object
/// subsets, lists are exact arrays, scalars are literals.
enum MatcherParser {
    static func parse(_ reader: YAMLNodeReader) throws(InputFileError) -> Matcher {
        if reader.isSequence {
            var elements: [Matcher] = []
            for element in try reader.sequenceElements() { elements.append(try parse(element)) }
            return .array(elements)
        }
        guard reader.isMapping else { return .equals(try reader.json()) }
        let entries = try reader.mapping()
        let operators = entries.filter { $0.key.hasPrefix("$") }
        guard !operators.isEmpty else {
            var members: [String: Matcher] = [:]
            for (key, value) in entries {
                guard members[key] == nil else { throw value.error("duplicate key \(key)") }
                members[key] = try parse(value)
            }
            return .object(members)
        }
        for (key, value) in entries where !Matcher.operatorKeys.contains(key) {
            let hint = key.hasPrefix("$") ? "unknown matcher \(key)" : "a matcher mapping cannot also hold the plain key \(key)"
            throw value.error("\(hint); expected one of \(Matcher.operatorKeys.joined(separator: ", "))")
        }
        let byKey = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let main = entries.map(\.key).filter { $0 != "$min" }
        guard main.count == 1, let key = main.first, let value = byKey[key] else {
            let where_ = operators.first!.value
            throw where_.error(main.isEmpty ? "$min needs $eachLike beside it" : "one matcher per value; found \(main.joined(separator: ", "))")
        }
        if key != "$eachLike", let min = byKey["$min"] { throw min.error("$min only goes with $eachLike") }
        switch key {
        case "$like": return .like(try value.json())
        case "$regex":
            let pattern = try value.string()
            do { _ = try NSRegularExpression(pattern: pattern) } catch { throw value.error("invalid regular expression \(pattern)") }
            return .regex(pattern)
        case "$number", "$integer":
            guard try value.literalTrue() else { throw value.error("write \(key): true (there is no negated matcher)") }
            return key == "$number" ? .number : .integer
        case "$eachLike":
            var min = 1
            if let minReader = byKey["$min"] {
                min = try minReader.integer()
                guard min >= 0 else { throw minReader.error("must be 0 or more") }
            }
            return .eachLike(try parse(value), min: min)
        case "$includes":
            if value.isSequence {
                var elements: [Matcher] = []
                for element in try value.sequenceElements() { elements.append(try parse(element)) }
                return .includesElements(elements)
            }
            if value.isMapping { return try parse(value) }
            guard case .string(let text) = try value.json() else {
                throw value.error("must be a string (substring), a list (elements) or a mapping (members)")
            }
            return .includesText(text)
        default:
            let name = try value.string()
            guard let format = Matcher.StringFormat(rawValue: name) else {
                throw value.error("unknown format \(name); expected one of \(Matcher.StringFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .format(format)
        }
    }
}

