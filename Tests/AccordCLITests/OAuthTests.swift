import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// OAuth 2.1 end to end (docs/oauth.md): a real authorization server (authlib, with client
/// credentials, authorization code + PKCE, refresh and dynamic registration) and a real MCP
/// resource server (the Python SDK's AuthSettings + an introspecting token verifier), both on
/// 127.0.0.1, started and stopped by each test. The authorization-code tests play the browser
/// with Tests/Fixtures/peers/oauth_browser.py, which reads the URL Accord prints to stderr.
@Suite(.serialized) struct OAuthTests {
    static let secret = "s3cret-\(UUID().uuidString)"

    /// The two peers of one test.
    struct Peers2: @unchecked Sendable {
        let authorization: BackgroundServer
        let resource: BackgroundServer
        let issuerPath: String
        var issuer: String { "http://127.0.0.1:\(authorization.port)\(issuerPath)" }
        var url: String { resource.url }

        init(authorizationFlags: [String] = [], resourceFlags: [String] = [], issuerPath: String = "") async throws {
            authorization = try await BackgroundServer.start(try Peers.python(), [
                try Peers.fixture("oauth_authorization_server.py"), "--port", "{port}", "--client", "ci:\(OAuthTests.secret)",
            ] + authorizationFlags + (issuerPath.isEmpty ? [] : ["--issuer-path", issuerPath]))
            let issuer = "http://127.0.0.1:\(authorization.port)\(issuerPath)"
            self.issuerPath = issuerPath
            resource = try await BackgroundServer.start(try Peers.python(), [
                try Peers.fixture("oauth_resource_server.py"), "--port", "{port}", "--issuer", issuer,
            ] + resourceFlags)
        }

        /// What the authorization server did: grants by type, registrations, resources, issued tokens.
        func stats() async throws -> JSONValue {
            let run = try await runChild(try Peers.python(), ["-c", "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())", "\(issuer)/stats"], limit: 30)
            return try JSONValue(parsing: run.stdout)
        }

        func grants(_ type: String) async throws -> Int { try await stats()["grants"]?[type]?.intValue ?? 0 }
    }

    let credentials = ["ACCORD_OAUTH_CLIENT_SECRET": OAuthTests.secret]

    /// Every secret the run involved must be absent from its output and the files it wrote.
    func expectNoSecrets(_ peers: Peers2, in texts: [String], files: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let issued = (try await peers.stats()["issued"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(!issued.isEmpty, sourceLocation: sourceLocation)
        let contents = texts + files.map { (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "" }
        for secret in issued + [Self.secret] {
            for (index, text) in contents.enumerated() {
                #expect(!text.contains(secret), "a secret leaked into output #\(index)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func clientCredentialsSnapshotEqualsTheUnprotectedServersAndLeaksNothing() async throws {
        let peers = try await Peers2()
        let folder = try temporaryFolder()
        let unprotected = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("sdk_server.py"), "--transport", "streamable-http", "--port", "{port}"])
        let plain = try parseSnapshot(try await runAccord(["snapshot", "--url", unprotected.url]))

        let run = try await runAccord(["snapshot", "--url", peers.url, "--oauth-client-id", "ci", "-o", "\(folder)/snapshot.json", "--verbose"], in: folder, environment: credentials)
        #expect(run.status == 0, "\(run)")
        let protected = try JSONValue(parsing: try String(contentsOfFile: "\(folder)/snapshot.json", encoding: .utf8))
        #expect(definitions(protected) == definitions(plain))
        #expect(protected["serverInfo"] == plain["serverInfo"])

        let stats = try await peers.stats()
        #expect(stats["grants"] == ["client_credentials": 1])
        #expect(stats["resources"] == .array([.string(peers.url)]), "the RFC 8707 resource is the server's canonical URI")
        #expect(stats["auth_methods"] == ["client_secret_basic"])
        try await expectNoSecrets(peers, in: [run.stdout, run.stderr], files: ["\(folder)/snapshot.json"])
    }

    @Test func clientSecretPostWhenTheServerOffersOnlyThat() async throws {
        let peers = try await Peers2(authorizationFlags: ["--auth-method", "client_secret_post"])
        let run = try await runAccord(["snapshot", "--url", peers.url, "--oauth-client-id", "ci"], environment: credentials)
        #expect(run.status == 0, "\(run)")
        #expect(try await peers.stats()["auth_methods"] == ["client_secret_post"])
    }

    @Test func discoveryFromTheWellKnownURLWhenTheChallengeNamesNoMetadata() async throws {
        let peers = try await Peers2(resourceFlags: ["--no-challenge-metadata"])
        let run = try await runAccord(["snapshot", "--url", peers.url, "--oauth-client-id", "ci", "--oauth-client-secret-env", "MY_SECRET"], environment: ["MY_SECRET": Self.secret])
        #expect(run.status == 0, "\(run)")
        #expect(try await peers.grants("client_credentials") == 1)
    }

    @Test func anIssuerWithAPathIsFoundByPathInsertion() async throws {
        let peers = try await Peers2(issuerPath: "/tenant1")
        let run = try await runAccord(["snapshot", "--url", peers.url, "--oauth-client-id", "ci"], environment: credentials)
        #expect(run.status == 0, "\(run)")
        #expect(try await peers.grants("client_credentials") == 1)
    }

    @Test func wrongSecretIsAClearErrorWithExitCode3() async throws {
        let peers = try await Peers2()
        let wrong = "wrong-\(UUID().uuidString)"
        let run = try await runAccord(["snapshot", "--url", peers.url, "--oauth-client-id", "ci"], environment: ["ACCORD_OAUTH_CLIENT_SECRET": wrong])
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.contains("invalid_client"), "\(run)")
        #expect(run.stderr.contains("check --oauth-client-id and the secret"), "\(run)")
        #expect(!run.stderr.contains(wrong) && !run.stdout.contains(wrong))
    }

    @Test func missingSecretVariableIsAUsageError() async throws {
        let run = try await runAccord(["snapshot", "--url", "http://127.0.0.1:9/mcp", "--oauth-grant", "client-credentials", "--oauth-client-id", "ci"], environment: ["ACCORD_OAUTH_CLIENT_SECRET": ""])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("ACCORD_OAUTH_CLIENT_SECRET"), "\(run)")
    }

    @Test func oauthOptionsAreRefusedForAStdioServer() async throws {
        let run = try await runAccord(["snapshot", "--oauth", "--", "accord-demo-server"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("--oauth options are for HTTP servers"), "\(run)")
    }

    @Test func insufficientScopeStaysA403AndIsNotRetried() async throws {
        let peers = try await Peers2()
        let run = try await runAccord(["snapshot", "--url", peers.url, "--oauth-client-id", "ci", "--oauth-scope", "other"], environment: credentials)
        #expect(run.status == 3, "\(run)")
        // The SDK's challenge names the error, not the scope: the message says 403 and insufficient_scope.
        #expect(run.stderr.contains("HTTP 403"), "\(run)")
        #expect(run.stderr.contains("insufficient_scope"), "\(run)")
        #expect(!run.stderr.contains("authentication required"), "\(run)")
        #expect(try await peers.grants("client_credentials") == 1, "a 403 must not set off new grants")
    }

    @Test func tokenCacheIsPrivateAndReusedWithoutANewGrant() async throws {
        let peers = try await Peers2()
        let folder = try temporaryFolder()
        let cache = "\(folder)/tokens.json"
        let arguments = ["snapshot", "--url", peers.url, "--oauth-client-id", "ci", "--token-cache", cache]
        let first = try await runAccord(arguments, environment: credentials)
        #expect(first.status == 0, "\(first)")
        let mode = try FileManager.default.attributesOfItem(atPath: cache)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let second = try await runAccord(arguments, environment: credentials)
        #expect(second.status == 0, "\(second)")
        #expect(try await peers.grants("client_credentials") == 1, "the second run must reuse the cached token")

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: cache)
        let exposed = try await runAccord(arguments, environment: credentials)
        #expect(exposed.status == 2, "\(exposed)")
        #expect(exposed.stderr.contains("chmod 600"), "\(exposed)")
        try await expectNoSecrets(peers, in: [first.stdout, first.stderr, second.stdout, second.stderr, exposed.stderr])
    }

    @Test func aRejectedCachedTokenIsReplacedOnceAfterThe401() async throws {
        let peers = try await Peers2()
        let folder = try temporaryFolder()
        let cache = "\(folder)/tokens.json"
        let arguments = ["snapshot", "--url", peers.url, "--oauth-client-id", "ci", "--token-cache", cache]
        #expect(try await runAccord(arguments, environment: credentials).status == 0)
        // The server forgets the token (as after a revocation): the cached one is now refused.
        var text = try String(contentsOfFile: cache, encoding: .utf8)
        let issued = try await peers.stats()["issued"]?[0]?.stringValue ?? ""
        text = text.replacingOccurrences(of: issued, with: "revoked-token")
        try text.write(toFile: cache, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cache)

        let run = try await runAccord(arguments, environment: credentials)
        #expect(run.status == 0, "\(run)")
        #expect(try await peers.grants("client_credentials") == 2)
    }

    /// Runs accord with its stderr in a file the browser peer watches.
    func runWithBrowser(_ arguments: [String], folder: String, browserFlags: [String] = [], environment: [String: String] = [:]) async throws -> (AccordRun, String) {
        let log = "\(folder)/stderr-\(UUID().uuidString).txt"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: try Peers.python())
        browser.arguments = [try Peers.fixture("oauth_browser.py"), log] + browserFlags
        browser.standardOutput = FileHandle.nullDevice
        browser.standardError = FileHandle.nullDevice
        try browser.run()
        defer {
            if browser.isRunning { browser.terminate() }
            browser.waitUntilExit()
        }
        let run = try await runChild("/bin/sh", ["-c", "exec \"$0\" \"$@\" 2>\"$ACCORD_TEST_STDERR\"", PackagePaths.accord] + arguments,
                                     directory: folder, environment: ["NO_COLOR": "1", "ACCORD_TEST_STDERR": log].merging(environment) { $1 }, limit: 120)
        return (run, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    @Test func authorizationCodeWithPKCEAndDynamicClientRegistration() async throws {
        let peers = try await Peers2(authorizationFlags: ["--registration"])
        let folder = try temporaryFolder()
        let (run, stderr) = try await runWithBrowser(["snapshot", "--url", peers.url, "--oauth", "-o", "\(folder)/snapshot.json"], folder: folder)
        #expect(run.status == 0, "\(run)\n\(stderr)")
        #expect(stderr.contains("open this URL in a browser"), "\(stderr)")
        #expect(stderr.contains("code_challenge_method=S256"))
        let stats = try await peers.stats()
        #expect(stats["registrations"] == 1)
        #expect(stats["grants"] == ["authorization_code": 1])
        #expect(stats["resources"] == .array([.string(peers.url)]))
        try await expectNoSecrets(peers, in: [run.stdout, stderr], files: ["\(folder)/snapshot.json"])
        #expect(processes(matching: folder).isEmpty)
    }

    @Test func aForgedStateIsRefused() async throws {
        let peers = try await Peers2(authorizationFlags: ["--registration"])
        let folder = try temporaryFolder()
        let (run, stderr) = try await runWithBrowser(["snapshot", "--url", peers.url, "--oauth"], folder: folder, browserFlags: ["--tamper-state"])
        #expect(run.status == 3, "\(run)\n\(stderr)")
        #expect(stderr.contains("wrong state parameter"), "\(stderr)")
        #expect(try await peers.grants("authorization_code") == 0)
    }

    @Test func theBrowserWaitIsBounded() async throws {
        let peers = try await Peers2(authorizationFlags: ["--registration"])
        let run = try await runAccord(["snapshot", "--url", peers.url, "--oauth", "--oauth-wait", "1"], limit: 60)
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.contains("within 1 s"), "\(run)")
    }

    @Test func ctrlCDuringTheBrowserWaitClosesTheListenerAndExits130() async throws {
        let peers = try await Peers2(authorizationFlags: ["--registration"])
        let folder = try temporaryFolder()
        let errURL = URL(fileURLWithPath: folder + "/err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.accord)
        process.arguments = ["snapshot", "--url", peers.url, "--oauth"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        var port: Int?
        let started = Date()
        while port == nil, Date().timeIntervalSince(started) < 30 {
            let text = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A[0-9]+"#, options: .regularExpression) {
                port = Int(text[range].split(separator: "A").last ?? "")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let listening = try #require(port, "no authorization URL: \((try? String(contentsOf: errURL, encoding: .utf8)) ?? "")")
        #expect(portAcceptsConnections(listening))
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(!portAcceptsConnections(listening), "the loopback listener outlived Ctrl-C")
    }

    @Test func anExpiredTokenIsRefreshedFromTheCacheWithoutTheBrowser() async throws {
        let peers = try await Peers2(authorizationFlags: ["--registration", "--expires-in", "2"])
        let folder = try temporaryFolder()
        let cache = "\(folder)/tokens.json"
        let (first, stderr) = try await runWithBrowser(["snapshot", "--url", peers.url, "--oauth", "--token-cache", cache], folder: folder)
        #expect(first.status == 0, "\(first)\n\(stderr)")
        try await Task.sleep(for: .seconds(3))
        // No browser this time: a refresh must do, and --oauth-wait 1 fails fast if it does not.
        let second = try await runAccord(["snapshot", "--url", peers.url, "--oauth", "--token-cache", cache, "--oauth-wait", "1"], in: folder)
        #expect(second.status == 0, "\(second)")
        let stats = try await peers.stats()
        #expect(stats["grants"] == ["authorization_code": 1, "refresh_token": 1])
        #expect(stats["registrations"] == 1)
        try await expectNoSecrets(peers, in: [first.stdout, stderr, second.stdout, second.stderr])
    }

    @Test func theOAuthBlockInAccordYAML() async throws {
        let peers = try await Peers2()
        let folder = try temporaryFolder()
        try """
            servers:
              protected:
                url: \(peers.url)
                oauth:
                  grant: client-credentials
                  client-id: ci
                  client-secret-env: PROTECTED_SECRET
                  scopes: [mcp:read]
                  token-cache: tokens.json
            """.write(toFile: "\(folder)/accord.yaml", atomically: true, encoding: .utf8)
        let run = try await runAccord(["snapshot", "protected"], in: folder, environment: ["PROTECTED_SECRET": Self.secret])
        #expect(run.status == 0, "\(run)")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/tokens.json"))
        // Flags override the file: a scope the resource server does not accept gives its 403.
        let overridden = try await runAccord(["snapshot", "protected", "--oauth-scope", "other", "--token-cache", "\(folder)/other.json"], in: folder, environment: ["PROTECTED_SECRET": Self.secret])
        #expect(overridden.status == 3, "\(overridden)")
        #expect(overridden.stderr.contains("insufficient_scope"), "\(overridden)")

        try """
            servers:
              protected:
                url: \(peers.url)
                oauth:
                  grant: password
            """.write(toFile: "\(folder)/accord.yaml", atomically: true, encoding: .utf8)
        let bad = try await runAccord(["snapshot", "protected"], in: folder)
        #expect(bad.status == 2, "\(bad)")
        #expect(bad.stderr.contains("accord.yaml:5"), "\(bad)")
        #expect(bad.stderr.contains("must be one of auto, client-credentials, authorization-code"), "\(bad)")
    }
}
