import AccordJSON
import Foundation

/// Decides what must never reach a contract file: values under secret-looking keys
/// (`Authorization`, `token`, `api_key`, `password`, `secret` …), values that look like
/// credentials (bearer/basic headers, JWTs, well-known key prefixes, long random strings), and
/// any text containing a known secret (the values of the proxy's own secret-looking environment
/// variables, which the server command inherits).
///
/// ```swift
/// let scrubber = SecretScrubber(knownSecrets: ["s3cr3t-value"])
/// scrubber.isSecret("Bearer abc.def", key: "note")     // true
/// scrubber.isSecret("Europe/Paris", key: "api_key")    // true (the key says so)
/// scrubber.isSecret("Europe/Paris", key: "timezone")   // false
/// ```
public struct SecretScrubber: Sendable {
    /// Text written in place of a secret a contract must still hold the place of.
    public static let placeholder = "<redacted>"

    /// Secret values known by value; any text containing one is a secret.
    public var knownSecrets: [String]

    public init(knownSecrets: [String] = []) {
        self.knownSecrets = knownSecrets.filter { $0.count >= 4 }
    }

    /// A scrubber that knows the values of the secret-looking variables of `environment`
    /// (and any value there that looks like a credential by itself).
    /// `knowing` adds values that are secret whatever they look like (header values, the
    /// server's own environment).
    public static func forEnvironment(_ environment: [String: String], knowing secrets: [String] = []) -> SecretScrubber {
        let probe = SecretScrubber()
        let values = environment.compactMap { key, value -> String? in
            isSecretKey(key) || probe.looksLikeCredential(value) ? value : nil
        }
        return SecretScrubber(knownSecrets: values + secrets)
    }

    /// Whether a member name says its value is a secret.
    public static func isSecretKey(_ key: String) -> Bool {
        let folded = key.lowercased().filter { $0.isLetter || $0.isNumber }
        return secretKeyFragments.contains { folded.contains($0) }
    }

    /// Whether `value` (found under `key`, if any) must not be written.
    public func isSecret(_ value: String, key: String? = nil) -> Bool {
        if let key, Self.isSecretKey(key) { return true }
        return looksLikeCredential(value) || knownSecrets.contains { value.contains($0) }
    }

    func looksLikeCredential(_ value: String) -> Bool {
        let range = NSRange(value.startIndex..., in: value)
        if Self.credentialPattern.firstMatch(in: value, range: range) != nil { return true }
        return value.split(whereSeparator: \.isWhitespace).contains { Self.looksRandom($0) }
    }

    /// A long token of mixed letters and digits with no word structure (API keys, session ids).
    static func looksRandom(_ word: Substring) -> Bool {
        guard word.count >= 24, word.unicodeScalars.allSatisfy({ tokenCharacters.contains($0) }) else { return false }
        let digits = word.filter(\.isNumber).count
        let upper = word.filter(\.isUppercase).count
        let lower = word.filter(\.isLowercase).count
        return digits >= 3 && upper >= 2 && lower >= 2
    }

    private static let tokenCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_+=/."))

    private static let secretKeyFragments = [
        "authorization", "token", "apikey", "password", "passwd", "passphrase", "secret", "credential",
        "cookie", "privatekey", "accesskey", "sessionkey", "bearer", "signature",
    ]

    private static let credentialPattern = try! NSRegularExpression(pattern: [
        #"(?i)\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{8,}"#,
        #"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"#,                                   // a JWT
        #"\b(sk|pk|rk)[-_](live|test|proj)?[-_]?[A-Za-z0-9]{16,}"#,                       // Stripe/OpenAI style
        #"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}"#,        // GitHub
        #"\bxox[abprs]-[A-Za-z0-9-]{10,}|\bglpat-[A-Za-z0-9_-]{16,}"#,                     // Slack, GitLab
        #"\bAKIA[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{30,}"#,                                // AWS, Google
        #"-----BEGIN [A-Z ]*PRIVATE KEY-----"#,
    ].joined(separator: "|"))
}
