/// A GitHub Actions workflow command (`::error file=x,title=y::message`), escaped so no value —
/// whatever a server put in it — can end the command early or start another one.
///
/// ```swift
/// WorkflowCommand(.error, properties: [("title", "tool-removed")], message: "tool `search` was removed").line
/// // "::error title=tool-removed::tool `search` was removed"
/// ```
public struct WorkflowCommand: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case error
        case warning
        case notice
        case debug
    }

    public var kind: Kind
    /// Ordered `name=value` properties (`file`, `line`, `col`, `title`, ...); empty values are dropped.
    public var properties: [Property]
    public var message: String

    public struct Property: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ kind: Kind, properties: [Property] = [], message: String) {
        self.kind = kind
        self.properties = properties
        self.message = message
    }

    /// The command as one line (no trailing newline).
    public var line: String {
        let rendered = properties.filter { !$0.value.isEmpty }.map { "\($0.name)=\(Self.escapeProperty($0.value))" }
        let head = rendered.isEmpty ? kind.rawValue : "\(kind.rawValue) \(rendered.joined(separator: ","))"
        return "::\(head)::\(Self.escapeData(message))"
    }

    /// Message escaping (the runner's `escapeData`): `%`, CR and LF.
    public static func escapeData(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Property escaping (the runner's `escapeProperty`): also `:` and `,`, which delimit properties.
    public static func escapeProperty(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
