import AccordJSON
@testable import AccordMCP
import Testing

/// Server-sent text in errors is escaped; 401 and 403 say different things.
@Suite("server text in errors, and auth challenges")
struct ServerTextSafetyTests {
    private let url = "http://127.0.0.1:8000/mcp"
    private let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{7}\r\n::error::forged\u{202E}"

    /// Every error kind that quotes the server, with text that would repaint a terminal.
    var kinds: [MCPError.Kind] {
        [
            .invalidMessage(reason: "not JSON", excerpt: hostile),
            .protocolViolation("tools/list lists the tool \"\(hostile)\" more than once"),
            .rpcError(method: "tools/list", code: -32603, message: hostile, data: .string(hostile)),
            .httpStatus(url: url, status: 500, body: hostile),
            .authenticationFailed(url: url, status: 401, challenge: "Bearer realm=\"\(hostile)\""),
            .authenticationFailed(url: url, status: 403, challenge: "Bearer scope=\"\(hostile)\""),
            .streamEnded(url: url, detail: hostile),
            .serverExited(detail: hostile),
            .unsupportedProtocolVersion(requested: "2025-06-18", offered: [hostile]),
        ]
    }

    @Test func noControlCharacterOfTheServerReachesAnErrorMessage() {
        for kind in kinds {
            let error = MCPError(kind, serverLog: ["log \(hostile)", "\u{9B}31m"])
            let text = error.description
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 4, "the server forged lines: \(text.debugDescription)")
            #expect(!text.unicodeScalars.contains { $0 != "\n" && UntrustedText.needsEscape($0) }, "\(text.debugDescription)")
            #expect(text.contains("\\u{1B}"), "\(text)")
        }
    }

    @Test func excerptsDecodeInvalidUTF8TrimAndClip() {
        #expect(UntrustedText.excerpt([0x41, 0xFF, 0x0A, 0x42], characters: 10) == "A\u{FFFD}\\nB")
        #expect(UntrustedText.excerpt(Array("  \n padded \n".utf8), characters: 10) == "padded")
        #expect(UntrustedText.excerpt(Array("abcdef".utf8), characters: 3) == "abc…")
        #expect(UntrustedText.excerpt(Array("\u{1B}[31mred".utf8), characters: 100) == "\\u{1B}[31mred")
    }

    // MARK: - WWW-Authenticate

    @Test(arguments: [
        (#"Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", scope="files:read""#,
         "Bearer", ["resource_metadata": "https://mcp.example.com/.well-known/oauth-protected-resource", "scope": "files:read"]),
        (#"Bearer error="insufficient_scope", scope="files:read files:write", error_description="Needs \"write\"""#,
         "Bearer", ["error": "insufficient_scope", "scope": "files:read files:write", "error_description": #"Needs "write""#]),
        (#"Basic realm="legacy", Bearer realm="mcp", error=invalid_token"#, "Bearer", ["realm": "mcp", "error": "invalid_token"]),
        ("Bearer", "Bearer", [:]),
        (#"Basic realm="x""#, "Basic", ["realm": "x"]),
        (#"Negotiate abc==, Bearer scope="a""#, "Bearer", ["scope": "a"]),
        (#"bearer SCOPE = "mixed case""#, "bearer", ["scope": "mixed case"]),
    ])
    func challengesParse(_ header: String, _ scheme: String, _ parameters: [String: String]) throws {
        let challenge = try #require(AuthenticationChallenge(parsing: header))
        #expect(challenge.scheme == scheme)
        #expect(challenge.parameters == parameters)
    }

    @Test func emptyOrJunkChallengesParseToNothingOrTerminate() {
        #expect(AuthenticationChallenge(parsing: "") == nil)
        #expect(AuthenticationChallenge(parsing: ", ,") == nil)
        _ = AuthenticationChallenge(parsing: #"Bearer ="x", "unterminated"#)
    }

    @Test func unauthorizedAsksForCredentials() {
        let summary = MCPError(.authenticationFailed(url: url, status: 401, challenge: #"Bearer error="invalid_token", error_description="token expired", resource_metadata="https://as.example/prm""#)).summary
        #expect(summary.contains("HTTP 401: authentication required"))
        #expect(summary.contains("error invalid_token: token expired"))
        #expect(summary.contains("resource metadata at https://as.example/prm"))
        #expect(summary.contains("--bearer-token-env"))
        #expect(!summary.contains("scope"))
    }

    @Test func forbiddenWithAScopeNamesTheScopeAndDoesNotAskToAuthenticate() {
        let summary = MCPError(.authenticationFailed(url: url, status: 403, challenge: #"Bearer error="insufficient_scope", scope="files:write""#)).summary
        #expect(summary.contains("HTTP 403: insufficient scope"))
        #expect(summary.contains("lack the scope \"files:write\""))
        #expect(summary.contains("use a token granted that scope"))
        #expect(!summary.contains("authentication required"))
    }

    @Test func forbiddenWithoutAChallengeSaysForbidden() {
        let summary = MCPError(.authenticationFailed(url: url, status: 403, challenge: nil)).summary
        #expect(summary.contains("HTTP 403: forbidden"))
        #expect(summary.contains("Origin"))
        #expect(!summary.contains("authentication required"))
    }
}
