/// A `WWW-Authenticate` challenge (RFC 9110 §11.6.1) as MCP servers send it with 401 and 403:
/// the scheme and the parameters the MCP authorization spec names (RFC 6750 §3, RFC 9728 §5.1).
///
/// A header may hold several challenges (`Basic realm="a", Bearer scope="x"`); the Bearer one is
/// taken when present, else the first. Unknown parameters are kept in ``parameters``.
///
/// ```swift
/// let challenge = AuthenticationChallenge(parsing: #"Bearer error="insufficient_scope", scope="files:read files:write""#)
/// challenge?.error   // "insufficient_scope"
/// challenge?.scope   // "files:read files:write"
/// ```
public struct AuthenticationChallenge: Sendable, Equatable {
    /// The auth scheme as sent (`Bearer`, `Basic`, …).
    public var scheme: String
    /// Parameters by lowercased name, values unquoted.
    public var parameters: [String: String]

    /// The `resource_metadata` URL (RFC 9728): where the server's Protected Resource Metadata is.
    public var resourceMetadata: String? { parameters["resource_metadata"] }
    /// The scopes the request needs, space-separated.
    public var scope: String? { parameters["scope"] }
    /// `invalid_request`, `invalid_token` or `insufficient_scope` (RFC 6750 §3.1).
    public var error: String? { parameters["error"] }
    public var errorDescription: String? { parameters["error_description"] }
    public var realm: String? { parameters["realm"] }

    public init(scheme: String, parameters: [String: String] = [:]) {
        self.scheme = scheme
        self.parameters = parameters
    }

    /// Parses a `WWW-Authenticate` value; `nil` when it names no scheme.
    public init?(parsing header: String) {
        let challenges = Self.challenges(in: Array(header.unicodeScalars))
        guard let chosen = challenges.first(where: { $0.scheme.lowercased() == "bearer" }) ?? challenges.first else { return nil }
        self = chosen
    }

    /// Every challenge in the header, in order. Grammar: `scheme [ token68 / #auth-param ]`,
    /// challenges and parameters separated by commas; a token followed by `=` is a parameter,
    /// one followed by a space and another token starts the next challenge.
    private static func challenges(in scalars: [Unicode.Scalar]) -> [AuthenticationChallenge] {
        var result: [AuthenticationChallenge] = []
        var index = 0
        func skip(_ characters: Set<Unicode.Scalar>) {
            while index < scalars.count, characters.contains(scalars[index]) { index += 1 }
        }
        func token() -> String {
            var text = ""
            while index < scalars.count, isTokenCharacter(scalars[index]) { text.unicodeScalars.append(scalars[index]); index += 1 }
            return text
        }
        func value() -> String {
            guard index < scalars.count, scalars[index] == "\"" else { return token() }
            index += 1
            var text = ""
            while index < scalars.count, scalars[index] != "\"" {
                if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                text.unicodeScalars.append(scalars[index])
                index += 1
            }
            index += 1
            return text
        }
        while index < scalars.count {
            skip([" ", "\t", ","])
            let scheme = token()
            guard !scheme.isEmpty else { index += 1; continue }
            var challenge = AuthenticationChallenge(scheme: scheme)
            parameters: while index < scalars.count {
                skip([" ", "\t", ","])
                let start = index
                let name = token()
                skip([" ", "\t"])
                guard !name.isEmpty, index < scalars.count, scalars[index] == "=" else {
                    // A bare token: the next challenge's scheme (or a token68, which MCP never uses).
                    index = start
                    if name.isEmpty { index += 1 }
                    break parameters
                }
                index += 1
                skip([" ", "\t"])
                // token68 padding ("abc==") lands here as an empty name; ignore it.
                challenge.parameters[name.lowercased()] = value()
            }
            result.append(challenge)
        }
        return result
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        case "!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~", "/", ":": true
        default: false
        }
    }
}
