/// The structure of an RFC 6570 URI template: literal text and expressions, each with an
/// operator (`+ # . / ; ? &` or none) and variables (with `*` explode or `:n` prefix modifiers).
/// Templates are compared by this structure, not by their text.
struct URITemplate: Equatable {
    enum Part: Equatable {
        case literal(String)
        case expression(operator: String, variables: [String])
    }

    let parts: [Part]

    init(_ text: String) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            var body = rest[rest.index(after: open)..<close]
            var op = ""
            if let first = body.first, "+#./;?&".contains(first) {
                op = String(first)
                body = body.dropFirst()
            }
            let variables = body.split(separator: ",").map { spec in
                String(spec.prefix { $0 != ":" && $0 != "*" })
            }
            parts.append(.expression(operator: op, variables: variables))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    var variables: [String] {
        parts.flatMap { part -> [String] in
            if case .expression(_, let variables) = part { return variables }
            return []
        }
    }

    var literals: [String] {
        parts.compactMap { part in
            if case .literal(let text) = part { return text }
            return nil
        }
    }

    func operatorOf(_ variable: String) -> String? {
        for case .expression(let op, let variables) in parts where variables.contains(variable) { return op }
        return nil
    }
}
