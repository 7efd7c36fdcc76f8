/// Who Accord is at the authorization server: a client id and, for a confidential client, its
/// secret (read from an environment variable by the CLI, never from a flag or a file).
///
/// ```swift
/// let client = OAuthClientCredentials(clientID: "accord-ci", secret: environment["ACCORD_OAUTH_CLIENT_SECRET"])
/// ```
public struct OAuthClientCredentials: Sendable, Equatable, CustomStringConvertible {
    public var clientID: String
    public var secret: String?

    public init(clientID: String, secret: String? = nil) {
        self.clientID = clientID
        self.secret = secret
    }

    public var description: String { "OAuthClientCredentials(\(clientID)\(secret == nil ? "" : ", secret <redacted>"))" }
}
