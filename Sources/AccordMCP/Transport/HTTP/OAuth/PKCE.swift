import Foundation

/// A PKCE pair (RFC 7636) with the S256 method, the one the MCP authorization spec requires.
///
/// ```swift
/// let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
/// pkce.challenge   // "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" (RFC 7636 Appendix B)
/// ```
public struct PKCE: Sendable, Equatable, CustomStringConvertible {
    public let verifier: String
    public var challenge: String { Self.base64URL(SHA256Digest.hash(Array(verifier.utf8))) }
    public static let method = "S256"

    public init(verifier: String) {
        self.verifier = verifier
    }

    /// A fresh verifier: 32 random bytes, base64url (43 characters, within §4.1's 43…128).
    public static func random() -> PKCE {
        var generator = SystemRandomNumberGenerator()
        return PKCE(verifier: base64URL((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    /// A random value for `state`: 16 bytes, base64url.
    static func randomState() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public var description: String { "PKCE(S256, verifier <redacted>)" }
}
