import AccordMCP

/// SHA-256 of contract text, spelled `sha256:<hex>`; Foundation on Linux has no digest API, so
/// this uses AccordMCP's plain FIPS 180-4 ``SHA256Digest`` (shared with PKCE).
public enum ContentHash {
    public static func sha256(_ text: String) -> String {
        "sha256:" + digest(Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func digest(_ message: [UInt8]) -> [UInt8] {
        SHA256Digest.hash(message)
    }
}
