import AccordTestSupport
import Foundation
import Testing

/// Misbehaving HTTP servers (`hostile_http_server.py`, raw sockets): each run ends with a clear
/// error or a correct recovery, within a bounded time, writes nothing on failure, and never
/// shows a credential or a raw escape sequence the server sent.
@Suite(.serialized) struct HostileHTTPTests {
    /// What a mode must produce.
    struct Case: CustomTestStringConvertible, Sendable {
        var mode: String
        /// 0: the capture recovers and writes the snapshot; 3: a server error.
        var status: Int32
        /// Text stderr must contain (the message a user reads).
        var messages: [String]
        /// Text stderr must not contain (advice that would send the user the wrong way).
        var absent: [String] = []
        var timeout = 3
        /// Bounded time: the run must end within this many seconds.
        var within: Double = 60  // a hang guard, not a timing: a loaded CI machine took 27 s for slow-headers (timeout 3)
        var testDescription: String { mode }
    }

    static let cases: [Case] = [
        Case(mode: "slow-headers", status: 3, messages: ["did not answer", "--timeout"]),
        Case(mode: "endless-headers", status: 3, messages: ["sent a response that is not valid HTTP", "header"]),
        Case(mode: "silent-sse", status: 3, messages: ["did not answer tools/list within 3 s"]),
        Case(mode: "huge-line", status: 3, messages: ["not valid JSON-RPC", "it began: AAAA", "…"], timeout: 15, within: 90),
        Case(mode: "huge-sse-line", status: 3, messages: ["ended early"], timeout: 15, within: 90),
        Case(mode: "escape-body", status: 3, messages: ["HTTP 500", "\\u{1B}[2J", "\\u{1B}]0;pwned\\u{7}", "\\r\\nforged line", "\u{FFFD}"]),
        Case(mode: "escape-not-json", status: 3, messages: ["not valid JSON-RPC", "\\u{1B}[31mFAKE"]),
        Case(mode: "escape-rpc-error", status: 3, messages: ["error -32603", "\\u{1B}[2J"]),
        Case(mode: "gzip-bomb", status: 3, messages: ["compressed (Content-Encoding: gzip)", "not decompressed"]),
        Case(mode: "html-502", status: 3, messages: ["HTTP 502", "<title>502 Bad Gateway</title>", "\\n<body>"]),
        Case(mode: "session-404-always", status: 3, messages: ["no longer knows this session"]),
        Case(mode: "html-200", status: 3, messages: ["not valid JSON-RPC", "<html><body><h1>Welcome to nginx!"]),
        Case(mode: "unsolicited-reply", status: 3, messages: ["carries no reply to it"]),
        Case(mode: "sse-resume-never", status: 3, messages: ["gave up after 3 resumptions with Last-Event-ID"], timeout: 10),
        Case(mode: "http-401", status: 3, messages: ["HTTP 401: authentication required", "error invalid_token: The access token expired", "resource metadata at http://127.0.0.1/.well-known/oauth-protected-resource", "--bearer-token-env"], absent: ["scope"]),
        Case(mode: "http-403-scope", status: 3, messages: ["HTTP 403: insufficient scope", "lack the scope \"files:read files:write\"", "needs \"files:write\""], absent: ["authentication required", "--bearer-token-env"]),
        Case(mode: "invalid-utf8", status: 0, messages: ["wrote"]),
        Case(mode: "escape-server-info", status: 0, messages: ["wrote", "\\u{1B}]0;pwned\\u{7}evil\\u{1B}[2J 1.0\\r\\nforged"]),
        Case(mode: "session-rotate", status: 0, messages: ["changed its Mcp-Session-Id"]),
        Case(mode: "wrong-content-type", status: 0, messages: ["Content-Type text/html carried JSON"]),
        Case(mode: "stray-then-reply", status: 0, messages: ["ignored a reply to unknown request id \"never-sent\""]),
        Case(mode: "sse-resume", status: 0, messages: ["wrote"]),
        Case(mode: "redirect-same-origin", status: 0, messages: ["wrote"]),
    ]

    static let secrets = ["Bearer-secret-7Qx", "api-key-secret-9Zw"]

    @Test(arguments: cases)
    func hostileHTTPServer(_ hostile: Case) async throws {
        let (server, capture) = try await Self.hostileServer(hostile.mode)
        let (run, folder) = try await Self.snapshot(server.url, timeout: hostile.timeout, limit: hostile.within + 30)
        #expect(run.status == hostile.status, "\(run)")
        #expect(run.seconds < hostile.within, "took \(run.seconds) s")
        for message in hostile.messages {
            #expect(run.stderr.contains(message), "missing \"\(message)\" in \(run)")
        }
        for advice in hostile.absent {
            #expect(!run.stderr.contains(advice), "\"\(advice)\" in \(run)")
        }
        try Self.expectSafeOutput(run)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder)
        if hostile.status == 0 {
            #expect(written == ["baseline.json"], "\(written)")
            #expect(try String(contentsOfFile: folder + "/baseline.json", encoding: .utf8) != "previous baseline\n")
        } else {
            #expect(written == ["baseline.json"], "a temp file was left behind: \(written)")
            #expect(try String(contentsOfFile: folder + "/baseline.json", encoding: .utf8) == "previous baseline\n", "a failed capture touched the baseline")
        }
        // Credentials went to the server that was named, and only there.
        let requests = try Self.capturedRequests(capture)
        #expect(!requests.isEmpty)
        for request in requests {
            let headers = request["headers"] as? [String: String] ?? [:]
            #expect(headers["authorization"] == "Bearer \(Self.secrets[0])")
        }
    }

    /// Invalid UTF-8 becomes U+FFFD; an escaped ESC stays an escape in the snapshot file.
    @Test func invalidUTF8InADescriptionIsStoredReplaced() async throws {
        let (server, _) = try await Self.hostileServer("invalid-utf8")
        let (run, folder) = try await Self.snapshot(server.url, timeout: 5, limit: 40)
        #expect(run.status == 0, "\(run)")
        let text = try String(contentsOfFile: folder + "/baseline.json", encoding: .utf8)
        #expect(text.contains("Echo \u{FFFD}\u{FFFD}\u{FFFD}( the \\u001b[2J input."), "\(text)")
        #expect(!text.contains("\u{1B}"), "a raw ESC reached the snapshot")
    }

    /// A redirect to another origin is refused, and nothing — least of all a credential — ever
    /// reaches that origin.
    @Test func credentialsNeverFollowARedirectToAnotherOrigin() async throws {
        let other = freePort()
        let (server, capture) = try await Self.hostileServer("redirect-other-origin", extra: ["--other-port", String(other)])
        let (run, folder) = try await Self.snapshot(server.url, timeout: 3, limit: 30)
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.contains("HTTP 307"), "\(run)")
        #expect(run.stderr.contains("redirected to http://127.0.0.1:\(other)/mcp; not followed"), "\(run)")
        try Self.expectSafeOutput(run)
        let requests = try Self.capturedRequests(capture)
        #expect(!requests.isEmpty)
        #expect(requests.allSatisfy { $0["origin"] as? String == "main" }, "a request reached the other origin: \(requests)")
        #expect(try String(contentsOfFile: folder + "/baseline.json", encoding: .utf8) == "previous baseline\n")
    }

    /// A dropped reply stream is resumed with GET + Last-Event-ID after the server's `retry:`.
    @Test func droppedStreamIsResumedWithLastEventIDAfterTheRetryDelay() async throws {
        let (server, capture) = try await Self.hostileServer("sse-resume")
        let (run, folder) = try await Self.snapshot(server.url, timeout: 10, limit: 40)
        #expect(run.status == 0, "\(run)")
        let snapshot = try String(contentsOfFile: folder + "/baseline.json", encoding: .utf8)
        #expect(snapshot.contains("\"echo\""))
        let requests = try Self.capturedRequests(capture)
        let list = try #require(requests.firstIndex { $0["rpc"] as? String == "tools/list" })
        let resumption = try #require(requests.first { $0["method"] as? String == "GET" && ($0["headers"] as? [String: String])?["last-event-id"] != nil })
        let headers = resumption["headers"] as? [String: String] ?? [:]
        #expect(headers["last-event-id"]?.hasPrefix("stream-") == true, "\(headers)")
        #expect(headers["mcp-session-id"]?.hasPrefix("hostile-http-session-") == true)
        #expect(headers["accept"] == "text/event-stream")
        let waited = (resumption["time"] as? Double ?? 0) - (requests[list]["time"] as? Double ?? 0)
        #expect(waited >= 0.3, "resumed after \(waited) s, before the server's retry: 300 ms")
    }

    /// The standalone GET stream is opened after the handshake; what the server pushes there is
    /// heard: a ping is answered, a list change is reported as a warning.
    @Test func serverInitiatedMessagesOnTheGETStreamAreHeard() async throws {
        let (server, capture) = try await Self.hostileServer("listen-stream")
        let (run, _) = try await Self.snapshot(server.url, timeout: 10, limit: 40)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("warning: the server announced during the session that a list changed (notifications/tools/list_changed)"), "\(run)")
        #expect(run.seconds < 8, "took \(run.seconds) s: the open stream held up the end of the session")
        let requests = try Self.capturedRequests(capture)
        let stream = try #require(requests.first { $0["method"] as? String == "GET" })
        let headers = stream["headers"] as? [String: String] ?? [:]
        #expect(headers["accept"] == "text/event-stream")
        #expect(headers["mcp-session-id"]?.hasPrefix("hostile-http-session-") == true)
        #expect(headers["last-event-id"] == nil)
        #expect(requests.contains { $0["method"] as? String == "POST" && $0["id"] as? String == "srv-ping-1" }, "the ping was not answered: \(requests)")
    }

    // MARK: - Helpers

    /// `hostile_http_server.py --mode MODE` on a free port, logging every request it receives
    /// to the returned capture file.
    static func hostileServer(_ mode: String, extra: [String] = []) async throws -> (BackgroundServer, capture: String) {
        let capture = try temporaryFolder() + "/requests.jsonl"
        let server = try await BackgroundServer.start(try Peers.python(), [
            try Peers.fixture("hostile_http_server.py"), "--mode", mode, "--port", "{port}", "--capture", capture,
        ] + extra)
        return (server, capture)
    }

    /// `accord snapshot --url URL -o baseline.json` over a previous baseline, with a bearer
    /// token from the environment and a custom secret header.
    static func snapshot(_ url: String, timeout: Int, limit: Double) async throws -> (AccordRun, String) {
        let folder = try temporaryFolder()
        let output = folder + "/baseline.json"
        try "previous baseline\n".write(toFile: output, atomically: true, encoding: .utf8)
        let run = try await runAccord([
            "snapshot", "--url", url, "--transport", "streamable-http", "--protocol-version", "2025-06-18",
            "--timeout", String(timeout), "--bearer-token-env", "HOSTILE_TOKEN", "--header", "X-Api-Key: ${HOSTILE_KEY}", "-o", output,
        ], environment: ["HOSTILE_TOKEN": secrets[0], "HOSTILE_KEY": secrets[1]], limit: limit)
        return (run, folder)
    }

    /// No credential, no raw escape character, no invalid UTF-8 (which would make the output
    /// unreadable as a string) in anything Accord printed.
    static func expectSafeOutput(_ run: AccordRun) throws {
        #expect(!run.stderr.isEmpty, "stderr is empty or not UTF-8: \(run)")
        for secret in secrets {
            #expect(!run.stderr.contains(secret) && !run.stdout.contains(secret), "a secret reached the output")
        }
        for raw in ["\u{1B}", "\u{7}", "\u{9B}", "\r"] {
            #expect(!run.stderr.contains(raw), "a raw control character reached stderr: \(run.stderr.debugDescription)")
        }
        #expect(run.stderr.count < 20_000, "stderr is \(run.stderr.count) characters")
    }

    static func capturedRequests(_ path: String) throws -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
    }
}
