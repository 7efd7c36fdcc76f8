import AccordJSON
@testable import AccordRecord
import Testing

@Suite struct SecretScrubberTests {
    let scrubber = SecretScrubber(knownSecrets: ["s3cr3t-from-env"])

    @Test(arguments: ["Authorization", "x-api-key", "api_key", "apiKey", "access_token", "password", "client_secret", "Cookie"])
    func secretKeysMarkTheirValues(_ key: String) {
        #expect(scrubber.isSecret("anything", key: key))
    }

    @Test(arguments: [
        "Bearer abcdefghijklmnopqrstuvwxyz", "basic dXNlcjpwYXNzd29yZA==",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig",
        "sk-live-abcdefghijklmnop1234", "ghp_FAKEtok3nFAKEtok3nFAKEtok3n1234567890", "xoxb-1234567890-abcdef",
        "AKIAABCDEFGHIJKLMNOP", "use aB3dE5gH7jK9mN1pQ3rS5tU7 now", "prefix s3cr3t-from-env suffix",
    ])
    func credentialLookingValuesAreSecrets(_ value: String) {
        #expect(scrubber.isSecret(value, key: "note"))
    }

    @Test(arguments: ["Europe/Paris", "INV-1001", "Launch telemetry subscription (Q1)", "ledgerly://invoices/INV-1003", "2025-03-15", "/usr/local/bin/server"])
    func ordinaryValuesAreNot(_ value: String) {
        #expect(!scrubber.isSecret(value, key: "note"))
    }

    @Test func theEnvironmentContributesItsSecretLookingValues() {
        let scrubber = SecretScrubber.forEnvironment(["SERVICE_TOKEN": "plain-but-named", "HOME": "/root", "OTHER": "ghp_FAKEtok3nFAKEtok3nFAKEtok3n1234567890"])
        #expect(scrubber.knownSecrets.sorted() == ["ghp_FAKEtok3nFAKEtok3nFAKEtok3n1234567890", "plain-but-named"])
        #expect(scrubber.isSecret("the value plain-but-named leaked"))
        #expect(!scrubber.isSecret("/root"))
    }

    @Test func argumentsKeepTheirValuesButNotSecretsOrGeneratedOnes() {
        let scrubbing = ArgumentScrubbing(scrubber: scrubber)
        let scrubbed = scrubbing.scrub([
            "city": "Paris", "api_key": "k-123", "when": "2025-03-15T09:30:00Z", "day": "2025-03-15",
            "request": "8f14e45f-ea2b-4c2a-9d1b-3b1f4e5a6c7d", "since": 1733500000, "limit": 10,
        ])
        #expect(scrubbed.hasMatchers)
        #expect(scrubbed.value == [
            "city": "Paris", "api_key": ["$like": "<redacted>"], "when": ["$format": "date-time"], "day": "2025-03-15",
            "request": ["$format": "uuid"], "since": ["$integer": true], "limit": 10,
        ])
        #expect(!scrubbing.scrub(["city": "Paris"]).hasMatchers)
        #expect(scrubbing.scrubPromptArguments(["token": "abc", "topic": "tea"]) == ["token": "<redacted>", "topic": "tea"])
        #expect(scrubbing.scrubURI("https://api.example/x?access_token=abc123&page=2") == "https://api.example/x?access_token=%3Credacted%3E&page=2")
        #expect(scrubbing.scrubURI("notes://s3cr3t-from-env/all") == "<redacted>")
    }
}
