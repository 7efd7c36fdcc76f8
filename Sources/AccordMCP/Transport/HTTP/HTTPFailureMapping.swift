import AsyncHTTPClient

/// Turns whatever async-http-client or SwiftNIO threw into an ``MCPError``.
///
/// Descriptions of `HTTPClientError` are never used: some carry header values, which may be
/// secrets. Its `shortDescription` is documented to hold no associated values.
enum HTTPFailureMapping {
    /// Where in the exchange the failure happened.
    enum Phase {
        /// Before the response head arrived: connecting, TLS, writing the request.
        case awaitingResponse
        /// While reading the body or event stream.
        case readingBody
    }

    static func map(_ error: any Error, url: String, operation: String, timeout: Duration, phase: Phase) -> MCPError {
        if let error = error as? MCPError { return error }
        if error is CancellationError { return MCPError(.cancelled) }
        if let error = error as? HTTPClientError {
            return map(error, url: url, operation: operation, timeout: timeout, phase: phase)
        }
        // NIOHTTP1's parser rejects a response that breaks HTTP (headers that never end, a bad
        // status line): that is the server's fault, not a failure to connect.
        if String(reflecting: type(of: error)).hasSuffix("HTTPParserError") {
            return MCPError(.protocolViolation("\(url) sent a response that is not valid HTTP (\(String(describing: error).prefix(200)))"))
        }
        // SwiftNIO's connection errors (refused, DNS, TLS) describe host, port and cause only.
        let reason = readableReason(String(describing: error))
        switch phase {
        case .awaitingResponse: return MCPError(.connectionFailed(url: url, reason: reason))
        case .readingBody: return MCPError(.streamEnded(url: url, detail: reason))
        }
    }

    private static let timeouts: [HTTPClientError] = [
        .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
        .getConnectionFromPoolTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
    ]

    private static func map(_ error: HTTPClientError, url: String, operation: String, timeout: Duration, phase: Phase) -> MCPError {
        if timeouts.contains(error) {
            return MCPError(.timeout(operation: operation, seconds: seconds(timeout)))
        }
        if error == .cancelled || error == .requestStreamCancelled { return MCPError(.cancelled) }
        if error == .remoteConnectionClosed {
            return phase == .awaitingResponse
                ? MCPError(.connectionFailed(url: url, reason: "the server closed the connection without answering"))
                : MCPError(.streamEnded(url: url, detail: "the server closed the connection"))
        }
        if error == .alreadyShutdown {
            return MCPError(.connectionFailed(url: url, reason: "the connection was already closed"))
        }
        if error == .invalidURL || error == .emptyHost || error == .emptyScheme {
            return MCPError(.connectionFailed(url: url, reason: "not a valid http:// or https:// URL"))
        }
        if error.shortDescription == "Unsupported scheme" {
            return MCPError(.connectionFailed(url: url, reason: "only http:// and https:// URLs are supported"))
        }
        if error.shortDescription == "Invalid header field values" {
            return MCPError(.connectionFailed(url: url, reason: "a header value contains characters HTTP does not allow (values are not shown: they may be secrets)"))
        }
        let reason = error.shortDescription.prefix(1).lowercased() + error.shortDescription.dropFirst()
        switch phase {
        case .awaitingResponse: return MCPError(.connectionFailed(url: url, reason: reason))
        case .readingBody: return MCPError(.streamEnded(url: url, detail: reason))
        }
    }

    /// SwiftNIO's wording, shortened where it is cryptic ("connection reset (error set):
    /// Connection refused) (errno: 111)").
    static func readableReason(_ description: String) -> String {
        if description.contains("Connection refused") {
            return "connection refused (is the server running and listening on that port?)"
        }
        if description.contains("handshakeFailed") || description.contains("NIOSSL") {
            let detail = description.range(of: "OPENSSL_internal:").map { range in
                description[range.upperBound...].prefix { $0 != " " && $0 != "]" }
            }
            return "TLS handshake failed" + (detail.map { " (\($0))" } ?? ": " + String(description.prefix(200)))
        }
        return String(description.prefix(500))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
