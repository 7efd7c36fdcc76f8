import AccordJSON
import AsyncHTTPClient
import Foundation

/// The HTTP requests OAuth needs (metadata GETs, form POSTs to the token endpoint, the JSON POST
/// of dynamic registration) over the transports' ``HTTPExchange``: same-origin redirects only,
/// bounded bodies and a deadline per request. Request bodies (secrets, codes) are never logged
/// or put into errors.
struct OAuthHTTP: Sendable {
    let exchange: HTTPExchange
    let timeout: Duration

    /// A reply: its status and the JSON body, when the body is JSON.
    struct Reply: Sendable {
        var status: Int
        var json: JSONValue?
        /// The body's start, display-safe, for error messages (never from a token response).
        var excerpt: String
    }

    static let maximumBodyBytes = 1024 * 1024

    func getJSON(_ url: String) async throws(MCPError) -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        return try await send(request, url: url)
    }

    /// `application/x-www-form-urlencoded` POST; `headers` may carry client authentication.
    func postForm(_ url: String, fields: [(String, String)], headers: [(String, String)] = []) async throws(MCPError) -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(Array(Self.formEncoded(fields).utf8))
        return try await send(request, url: url)
    }

    func postJSON(_ url: String, body: JSONValue) async throws(MCPError) -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(JSONEncoding.compactBytes(body))
        return try await send(request, url: url)
    }

    private func send(_ request: HTTPClientRequest, url: String) async throws(MCPError) -> Reply {
        let exchange = self.exchange
        let timeout = self.timeout
        let seconds = HTTPFailureMapping.seconds(timeout)
        return try await HTTPExchange.withDeadline(timeout, url: url, onTimeout: { MCPError(.timeout(operation: "the OAuth request to \(url)", seconds: seconds)) }) {
            let response = try await exchange.execute(request, url: url, operation: "the OAuth request to \(url)", timeout: timeout)
            let body = try await exchange.collectBody(response, url: url, operation: "the OAuth request to \(url)", timeout: timeout, limit: Self.maximumBodyBytes)
            let json = try? JSONValue(parsing: body)
            return Reply(status: Int(response.status.code), json: json, excerpt: HTTPResponseRules.excerpt(body, characters: 200))
        }
    }

    /// RFC 6749 Appendix B: form encoding with `+` for space is not needed; percent-encode all
    /// but the unreserved characters.
    static func formEncoded(_ fields: [(String, String)]) -> String {
        fields.map { "\(percentEncoded($0.0))=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
