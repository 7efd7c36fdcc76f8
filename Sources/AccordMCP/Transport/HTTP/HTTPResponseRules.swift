import AccordJSON
import Foundation

/// What a response's status and body mean for the message that was sent, independent of any
/// HTTP library so the rules are testable.
enum HTTPResponseRules {
    /// Largest JSON body or single SSE event Accord accepts (a defence against runaway servers).
    static let maximumBodyBytes = 256 * 1024 * 1024
    /// How much of an error body is read: enough to find a JSON-RPC reply in it.
    static let maximumErrorBodyBytes = 1024 * 1024
    /// How much of an error body an ``MCPError`` quotes.
    static let errorExcerptCharacters = 500

    /// The lowercased media type of a `Content-Type` value, without parameters.
    static func mediaType(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        let type = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let trimmed = type.trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }

    static func isJSON(_ mediaType: String?) -> Bool {
        guard let mediaType else { return false }
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }

    static func isEventStream(_ mediaType: String?) -> Bool {
        mediaType == "text/event-stream"
    }

    /// What to make of a non-2xx answer.
    enum FailureOutcome: Equatable {
        /// The body is a JSON-RPC reply to one of the requests sent: deliver these messages
        /// (modern servers answer an unknown method with 404 + -32601, a header mismatch with
        /// 400 + -32020), and the send itself succeeds.
        case replies([JSONValue])
        case error(MCPError.Kind)
    }

    /// Decides a non-2xx response (other than 404-with-session, which callers check first).
    /// - Parameters:
    ///   - challenge: the `WWW-Authenticate` header, quoted for 401/403.
    ///   - body: the start of the body (up to ``maximumErrorBodyBytes``).
    ///   - requestIDs: ids of the requests the POST carried.
    static func failure(status: Int, url: String, challenge: String?, body: [UInt8], requestIDs: [JSONValue]) -> FailureOutcome {
        if status == 401 || status == 403 {
            return .error(.authenticationFailed(url: url, status: status, challenge: challenge))
        }
        if !requestIDs.isEmpty, let parsed = try? JSONValue(parsing: body) {
            let messages = HTTPMessageInspection.messages(in: parsed)
            let answersOurs = messages.contains { message in
                guard let id = HTTPMessageInspection.responseID(of: message) else { return false }
                return requestIDs.contains { HTTPMessageInspection.sameID($0, id) }
            }
            if answersOurs { return .replies(messages) }
        }
        return .error(.httpStatus(url: url, status: status, body: excerpt(body)))
    }

    /// The start of `bytes` as escaped one-line text, for error messages.
    static func excerpt(_ bytes: some Collection<UInt8>, characters: Int = errorExcerptCharacters) -> String {
        UntrustedText.excerpt(bytes, characters: characters)
    }

    /// Accord sends no `Accept-Encoding` and its client decompresses nothing (a compressed body
    /// could be a decompression bomb); a body encoded anyway is refused before it is read.
    static func checkUncompressed(_ contentEncoding: String?, operation: String) throws(MCPError) {
        guard let contentEncoding else { return }
        let coding = contentEncoding.trimmingCharacters(in: .whitespaces).lowercased()
        guard !coding.isEmpty, coding != "identity" else { return }
        throw MCPError(.protocolViolation("the reply to \(operation) is compressed (Content-Encoding: \(MCPError.clip(contentEncoding, 60))), which Accord never asked for; it is not decompressed"))
    }

    /// Whether an SSE `data` payload holds nothing but whitespace (a keep-alive or priming event).
    static func isBlank(_ data: String) -> Bool {
        data.utf8.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    /// Parses one JSON payload (a body or an SSE `data` field) into the messages it carries.
    static func parseMessages(_ bytes: some Collection<UInt8>) throws(MCPError) -> [JSONValue] {
        do {
            return HTTPMessageInspection.messages(in: try JSONValue(parsing: bytes))
        } catch {
            throw MCPError(.invalidMessage(reason: "not JSON (\(error.description))", excerpt: excerpt(bytes, characters: 200)))
        }
    }
}
