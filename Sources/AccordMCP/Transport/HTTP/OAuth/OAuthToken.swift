import AccordJSON
import Foundation

/// An access token and what came with it (RFC 6749 §5.1). Its description hides the secrets.
///
/// ```swift
/// let token = OAuthToken(accessToken: "…", expiresAt: Date().addingTimeInterval(3600))
/// token.isUsable(at: Date())   // true
/// ```
public struct OAuthToken: Sendable, Equatable, CustomStringConvertible {
    public var accessToken: String
    public var refreshToken: String?
    /// When the access token stops working; `nil` when the server did not say.
    public var expiresAt: Date?
    public var scope: String?
    /// When it was issued, so the renewal margin can be a share of its lifetime.
    public var issuedAt: Date?

    public init(accessToken: String, refreshToken: String? = nil, expiresAt: Date? = nil, scope: String? = nil, issuedAt: Date? = nil) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scope = scope
        self.issuedAt = issuedAt
    }

    /// Reads a token response; `issuedAt` turns `expires_in` into a date.
    init(response json: JSONValue, endpoint: String, issuedAt: Date) throws(OAuthError) {
        guard let access = json["access_token"]?.stringValue, !access.isEmpty else {
            throw OAuthError.invalidTokenResponse(endpoint: endpoint, reason: "access_token is missing")
        }
        guard let type = json["token_type"]?.stringValue, type.lowercased() == "bearer" else {
            throw OAuthError.invalidTokenResponse(endpoint: endpoint, reason: "token_type is \(json["token_type"]?.stringValue ?? "missing"), not Bearer")
        }
        let lifetime = json["expires_in"]?.doubleValue ?? json["expires_in"]?.stringValue.flatMap(Double.init)
        self.init(
            accessToken: access,
            refreshToken: json["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            expiresAt: lifetime.flatMap { $0.isFinite && $0 > 0 ? issuedAt.addingTimeInterval($0) : nil },
            scope: json["scope"]?.stringValue,
            issuedAt: issuedAt
        )
    }

    /// Usable unless it expires within the margin, a tenth of its lifetime and at most 30 s, so
    /// a request never sets off with a token that lapses on the way (and a 2-second token is not
    /// renewed before every request).
    public func isUsable(at now: Date) -> Bool {
        guard let expiresAt else { return true }
        let lifetime = issuedAt.map { expiresAt.timeIntervalSince($0) } ?? 0
        return expiresAt.timeIntervalSince(now) > min(30, max(0, lifetime) / 10)
    }

    public var authorizationHeader: HTTPHeaderField { HTTPHeaderField(name: "Authorization", value: "Bearer \(accessToken)") }

    public var description: String { "OAuthToken(<redacted>\(refreshToken == nil ? "" : ", refresh token <redacted>"))" }
}
