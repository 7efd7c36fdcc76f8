import AccordContracts
import AccordJSON
import Foundation

/// The arguments an agent sent, as an interaction keeps them: the values define the
/// interaction, so they stay literal — except a secret, which becomes `{ $like: "<redacted>" }`,
/// and a generated value (a timestamp, a UUID, a long hex id, an epoch number), which becomes
/// the matcher of its format.
///
/// ```swift
/// let scrubbed = ArgumentScrubbing(scrubber: SecretScrubber()).scrub(["city": "Paris", "api_key": "k-123456"])
/// scrubbed.value          // {"api_key": {"$like": "<redacted>"}, "city": "Paris"}
/// scrubbed.hasMatchers    // true
/// ```
struct ArgumentScrubbing: Sendable {
    var scrubber: SecretScrubber

    struct Scrubbed: Sendable, Equatable {
        var value: JSONValue
        /// Whether any value was replaced by a matcher (such arguments are no `examples:` entry,
        /// and live verification needs a concrete value put back).
        var hasMatchers: Bool
    }

    func scrub(_ arguments: JSONValue) -> Scrubbed {
        var replaced = false
        let value = scrub(arguments, key: nil, replaced: &replaced)
        return Scrubbed(value: value, hasMatchers: replaced)
    }

    /// Prompt arguments are strings by definition; a secret keeps its place as `<redacted>`.
    func scrubPromptArguments(_ arguments: JSONValue) -> [String: String] {
        var strings: [String: String] = [:]
        for (key, value) in arguments.objectValue ?? [:] {
            let text = value.stringValue ?? JSONEncoding.compact(value)
            strings[key] = scrubber.isSecret(text, key: key) ? SecretScrubber.placeholder : text
        }
        return strings
    }

    /// A URI with secret query values (and any known secret) replaced by `<redacted>`.
    func scrubURI(_ uri: String) -> String {
        if scrubber.knownSecrets.contains(where: { uri.contains($0) }) { return SecretScrubber.placeholder }
        guard var components = URLComponents(string: uri), let items = components.queryItems, !items.isEmpty else {
            return scrubber.looksLikeCredential(uri) ? SecretScrubber.placeholder : uri
        }
        components.queryItems = items.map { item in
            guard let value = item.value, scrubber.isSecret(value, key: item.name) else { return item }
            return URLQueryItem(name: item.name, value: SecretScrubber.placeholder)
        }
        return components.string ?? SecretScrubber.placeholder
    }

    private func scrub(_ value: JSONValue, key: String?, replaced: inout Bool) -> JSONValue {
        switch value {
        case .string(let text):
            if scrubber.isSecret(text, key: key) {
                replaced = true
                return ["$like": .string(SecretScrubber.placeholder)]
            }
            if let generated = generatedMatcher(text) {
                replaced = true
                return generated
            }
            return value
        case .number(let number):
            if let key, SecretScrubber.isSecretKey(key) {
                replaced = true
                return ["$integer": true]
            }
            if number.isIntegral, EvidentFormat.looksLikeEpoch(number.doubleValue) {
                replaced = true
                return ["$integer": true]
            }
            return value
        case .array(let elements):
            return .array(elements.map { scrub($0, key: key, replaced: &replaced) })
        case .object(let members):
            return .object(members.reduce(into: [:]) { result, member in
                result[member.key] = scrub(member.value, key: member.key, replaced: &replaced)
            })
        case .null, .bool:
            return value
        }
    }

    /// A whole-value timestamp, UUID or long hex id; dates and ordinary ids stay literal, as the
    /// agent chose them.
    private func generatedMatcher(_ text: String) -> JSONValue? {
        for format in [Matcher.StringFormat.dateTime, .uuid] where format.accepts(text) {
            return ["$format": .string(format.rawValue)]
        }
        if text.count >= 16, text.allSatisfy(\.isHexDigit) {
            return ["$regex": .string("^[0-9a-fA-F]{\(text.count)}$")]
        }
        return nil
    }
}
