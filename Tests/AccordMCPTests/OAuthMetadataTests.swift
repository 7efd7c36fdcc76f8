import AccordJSON
@testable import AccordMCP
import Foundation
import Testing

@Suite("OAuth discovery, metadata, PKCE and the token cache")
struct OAuthMetadataTests {
    // MARK: - PKCE and SHA-256

    @Test func pkceChallengeMatchesRFC7636AppendixB() {
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(!pkce.description.contains(pkce.verifier))
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256KnownAnswers(_ input: String, _ hex: String) {
        let digest = SHA256Digest.hash(Array(input.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(digest == hex)
    }

    @Test func randomVerifiersAreLongEnoughAndDistinct() {
        let first = PKCE.random(), second = PKCE.random()
        #expect(first.verifier.count == 43)
        #expect(first.verifier != second.verifier)
        #expect(first.verifier.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    // MARK: - Discovery URLs

    @Test func protectedResourceCandidatesPreferTheChallengeThenThePathVariant() {
        let challenge = AuthenticationChallenge(parsing: #"Bearer resource_metadata="https://mcp.example/meta""#)
        #expect(OAuthDiscovery.protectedResourceCandidates(serverURL: "https://mcp.example/public/mcp", challenge: challenge) == [
            "https://mcp.example/meta",
            "https://mcp.example/.well-known/oauth-protected-resource/public/mcp",
            "https://mcp.example/.well-known/oauth-protected-resource",
        ])
        #expect(OAuthDiscovery.protectedResourceCandidates(serverURL: "http://127.0.0.1:8000/", challenge: nil) == [
            "http://127.0.0.1:8000/.well-known/oauth-protected-resource",
        ])
    }

    @Test func authorizationServerCandidatesFollowTheMCPSpecOrder() {
        #expect(OAuthDiscovery.authorizationServerCandidates(issuer: "https://auth.example/tenant1") == [
            "https://auth.example/.well-known/oauth-authorization-server/tenant1",
            "https://auth.example/.well-known/openid-configuration/tenant1",
            "https://auth.example/tenant1/.well-known/openid-configuration",
        ])
        #expect(OAuthDiscovery.authorizationServerCandidates(issuer: "https://auth.example") == [
            "https://auth.example/.well-known/oauth-authorization-server",
            "https://auth.example/.well-known/openid-configuration",
        ])
    }

    // MARK: - Metadata validation

    private let url = "https://mcp.example/.well-known/oauth-protected-resource"

    @Test func protectedResourceMetadataIsRead() throws {
        let metadata = try ProtectedResourceMetadata(
            ["resource": "https://mcp.example/mcp", "authorization_servers": ["https://auth.example"], "scopes_supported": ["a", "b"]], from: url)
        #expect(metadata.authorizationServers == ["https://auth.example"])
        #expect(metadata.scopesSupported == ["a", "b"])
    }

    @Test(arguments: [
        (["authorization_servers": ["https://auth.example"]] as JSONValue, "resource"),
        (["resource": "https://mcp.example/mcp", "authorization_servers": []] as JSONValue, "authorization_servers"),
        (["resource": "https://mcp.example/mcp", "authorization_servers": ["http://auth.example"]] as JSONValue, "authorization_servers[0]"),
        (["resource": "https://mcp.example/mcp", "authorization_servers": ["https://a"], "scopes_supported": "a b"] as JSONValue, "scopes_supported"),
    ])
    func badProtectedResourceMetadataNamesTheField(_ json: JSONValue, _ field: String) {
        #expect(throws: OAuthError.self) { try ProtectedResourceMetadata(json, from: url) }
        do {
            _ = try ProtectedResourceMetadata(json, from: url)
        } catch {
            switch error {
            case .invalidMetadata(_, let named, _), .insecureEndpoint(_, let named): #expect(named == field)
            default: Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func authorizationServerMetadataIsValidated() throws {
        let good: JSONValue = [
            "issuer": "https://auth.example", "token_endpoint": "https://auth.example/token",
            "authorization_endpoint": "https://auth.example/authorize", "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        ]
        let metadata = try AuthorizationServerMetadata(good, from: url, expectedIssuer: "https://auth.example")
        #expect(metadata.tokenEndpoint == "https://auth.example/token")
        #expect(!metadata.supportsBasicAuthentication)

        #expect(throws: OAuthError.invalidMetadata(url: url, field: "issuer", reason: "is https://auth.example, not https://other.example as the protected resource names it (RFC 8414 §3.3)")) {
            try AuthorizationServerMetadata(good, from: url, expectedIssuer: "https://other.example")
        }
        #expect(throws: OAuthError.invalidMetadata(url: url, field: "token_endpoint", reason: "is missing")) {
            try AuthorizationServerMetadata(["issuer": "https://auth.example"], from: url, expectedIssuer: "https://auth.example")
        }
        #expect(throws: OAuthError.insecureEndpoint(url: "http://auth.example/token", field: "token_endpoint")) {
            try AuthorizationServerMetadata(["issuer": "https://auth.example", "token_endpoint": "http://auth.example/token"], from: url, expectedIssuer: "https://auth.example")
        }
    }

    @Test func onlyHTTPSOrLoopbackHTTPIsAcceptable() {
        #expect(OAuthURLPolicy.isAcceptable("https://auth.example/token"))
        #expect(OAuthURLPolicy.isAcceptable("http://127.0.0.1:9000/token"))
        #expect(OAuthURLPolicy.isAcceptable("http://localhost/token"))
        #expect(!OAuthURLPolicy.isAcceptable("http://auth.example/token"))
        #expect(!OAuthURLPolicy.isAcceptable("ftp://auth.example"))
    }

    @Test func canonicalResourceAndCoverage() {
        #expect(OAuthURLPolicy.canonicalResource("HTTPS://MCP.Example.com/mcp/#frag") == "https://mcp.example.com/mcp")
        #expect(OAuthURLPolicy.resource("https://mcp.example/mcp", covers: "https://mcp.example/mcp"))
        #expect(OAuthURLPolicy.resource("https://mcp.example", covers: "https://mcp.example/mcp"))
        #expect(!OAuthURLPolicy.resource("https://mcp.example/other", covers: "https://mcp.example/mcp"))
        #expect(!OAuthURLPolicy.resource("https://evil.example/mcp", covers: "https://mcp.example/mcp"))
    }

    // MARK: - Tokens and client authentication

    @Test func tokenResponsesAreReadAndCheckedForBearer() throws {
        let now = Date()
        let token = try OAuthToken(response: ["access_token": "abc", "token_type": "bearer", "expires_in": 60, "refresh_token": "r"], endpoint: "e", issuedAt: now)
        #expect(token.expiresAt == now.addingTimeInterval(60))
        #expect(token.isUsable(at: now))
        #expect(token.isUsable(at: now.addingTimeInterval(53)))
        #expect(!token.isUsable(at: now.addingTimeInterval(55)), "a token within its last tenth of life is renewed")
        #expect(!token.description.contains("abc"))
        #expect(throws: OAuthError.invalidTokenResponse(endpoint: "e", reason: "token_type is mac, not Bearer")) {
            try OAuthToken(response: ["access_token": "abc", "token_type": "mac"], endpoint: "e", issuedAt: now)
        }
    }

    @Test func clientAuthenticationFollowsTheServersMethods() {
        let client = OAuthClientCredentials(clientID: "ci", secret: "p@ss word")
        let basic = AuthorizationServerMetadata(issuer: "i", tokenEndpoint: "t")
        #expect(TokenEndpointClient.authentication(for: client, metadata: basic) == .basic("Basic " + Data("ci:p%40ss%20word".utf8).base64EncodedString()))
        let postOnly = AuthorizationServerMetadata(issuer: "i", tokenEndpoint: "t", tokenEndpointAuthMethods: ["client_secret_post"])
        #expect(TokenEndpointClient.authentication(for: client, metadata: postOnly) == .post("p@ss word"))
        #expect(TokenEndpointClient.authentication(for: OAuthClientCredentials(clientID: "public"), metadata: basic) == .none)
        #expect(!client.description.contains("p@ss"))
    }

    // MARK: - Token cache

    @Test func tokenCacheRoundTripsWithMode0600AndRefusesAnExposedFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-oauth-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = OAuthTokenCache(path: "\(folder)/nested/tokens.json")
        let key = OAuthTokenCache.Key(issuer: "https://auth.example", resource: "https://mcp.example/mcp", clientID: "ci")
        let token = OAuthToken(accessToken: "access", refreshToken: "refresh", expiresAt: Date(timeIntervalSince1970: 2_000_000_000), scope: "a", issuedAt: Date(timeIntervalSince1970: 1_999_996_400))
        try cache.store(.init(key: key, token: token, registeredClient: false))
        try cache.store(.init(key: OAuthTokenCache.Key(issuer: "https://auth.example", resource: "https://mcp.example/mcp", clientID: "dcr"), token: token, registeredClient: true))
        #expect(try cache.entry(for: key)?.token == token)
        #expect(try cache.entry(for: OAuthTokenCache.Key(issuer: "https://auth.example", resource: "https://mcp.example/mcp", clientID: ""), registeredOnly: true)?.key.clientID == "dcr")
        #expect(try cache.entry(for: OAuthTokenCache.Key(issuer: "https://other.example", resource: "https://mcp.example/mcp", clientID: "ci")) == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: cache.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/nested") == ["tokens.json"], "no temporary file is left behind")

        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: cache.path)
        #expect(throws: OAuthError.tokenCacheExposed(path: cache.path, mode: "640")) { try cache.entries() }

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cache.path)
        try Data("not json".utf8).write(to: URL(fileURLWithPath: cache.path))
        #expect(throws: OAuthError.self) { try cache.entries() }
    }

    @Test func oauthErrorsCarryNoSecretsAndSayWhatToFix() {
        let refused = MCPError(.authorization(.tokenRequestRefused(endpoint: "https://auth.example/token", status: 401, error: "invalid_client", description: "bad \u{1B}[2J secret")))
        #expect(refused.summary.contains("check --oauth-client-id"))
        #expect(!refused.summary.contains("\u{1B}"), "server text is display-escaped")
        #expect(MCPError(.authorization(.tokenCacheExposed(path: "t.json", mode: "644"))).isTokenCacheProblem)
        #expect(!refused.isTokenCacheProblem)
    }
}
