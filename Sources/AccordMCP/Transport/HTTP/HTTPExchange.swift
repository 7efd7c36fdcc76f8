import AccordJSON
import AsyncHTTPClient
import Foundation

/// The HTTP plumbing both MCP transports share: one client configured for MCP, request
/// execution with same-origin redirects, bounded body reads and a whole-exchange deadline.
struct HTTPExchange: Sendable {
    let client: HTTPClient

    /// A client that fails fast on refused connections and follows no redirects by itself:
    /// ``execute(_:url:operation:timeout:)`` follows them only within one origin, because the
    /// user's custom headers (tokens, API keys) must never reach another host.
    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        // No Accept-Encoding is sent and nothing is inflated: a compressed reply is refused
        // unread (HTTPResponseRules.checkUncompressed), so a gzip bomb costs nothing.
        configuration.decompression = .disabled
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    static let maximumRedirects = 5

    /// Sends `request` and returns once the response head is in.
    ///
    /// 307 and 308 (which keep method and body) are followed within the same origin; any other
    /// redirect, or one to another origin, becomes `.httpStatus` naming where it pointed.
    func execute(_ request: HTTPClientRequest, url: String, operation: String, timeout: Duration) async throws(MCPError) -> HTTPClientResponse {
        var current = request
        var lastStatus = 0
        for _ in 0...Self.maximumRedirects {
            let response: HTTPClientResponse
            do {
                response = try await client.execute(current, timeout: .nanoseconds(Self.nanoseconds(timeout)))
            } catch {
                throw HTTPFailureMapping.map(error, url: url, operation: operation, timeout: timeout, phase: .awaitingResponse)
            }
            let status = Int(response.status.code)
            guard (300..<400).contains(status), let location = response.headers.first(name: "Location") else {
                return response
            }
            lastStatus = status
            guard status == 307 || status == 308,
                  let from = URL(string: current.url),
                  let to = URL(string: location, relativeTo: from)?.absoluteURL,
                  Self.sameOrigin(from, to)
            else {
                throw MCPError(.httpStatus(url: url, status: status, body: "redirected to \(location); not followed (use that URL directly)"))
            }
            var next = HTTPClientRequest(url: to.absoluteString)
            next.method = current.method
            next.headers = current.headers
            next.body = current.body
            current = next
        }
        throw MCPError(.httpStatus(url: url, status: lastStatus, body: "more than \(Self.maximumRedirects) redirects"))
    }

    /// The whole body, up to `limit` bytes; more is an ``MCPError``.
    func collectBody(_ response: HTTPClientResponse, url: String, operation: String, timeout: Duration, limit: Int) async throws(MCPError) -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await buffer in response.body {
                guard bytes.count + buffer.readableBytes <= limit else {
                    throw MCPError(.invalidMessage(reason: "the response body is larger than \(limit / 1024 / 1024) MiB", excerpt: HTTPResponseRules.excerpt(bytes, characters: 200)))
                }
                bytes.append(contentsOf: buffer.readableBytesView)
            }
        } catch {
            throw HTTPFailureMapping.map(error, url: url, operation: operation, timeout: timeout, phase: .readingBody)
        }
        return bytes
    }

    /// The start of the body (at most `limit` bytes), never failing: for error reports.
    func bodyPrefix(_ response: HTTPClientResponse, limit: Int = HTTPResponseRules.maximumErrorBodyBytes) async -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await buffer in response.body {
                bytes.append(contentsOf: buffer.readableBytesView.prefix(limit - bytes.count))
                if bytes.count >= limit { break }
            }
        } catch {
            // A cut-off error body still says something; keep what arrived.
        }
        return bytes
    }

    /// Runs `operation`, failing with `onTimeout()` if it has not finished within `timeout`.
    /// The operation is cancelled (its HTTP request aborted) when the deadline passes.
    static func withDeadline<Value: Sendable>(
        _ timeout: Duration,
        url: String,
        onTimeout: @escaping @Sendable () -> MCPError,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws(MCPError) -> Value {
        do {
            return try await withThrowingTaskGroup(of: Value.self) { group in
                group.addTask { try await operation() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw onTimeout()
                }
                defer { group.cancelAll() }
                guard let value = try await group.next() else { throw CancellationError() }
                return value
            }
        } catch let error as MCPError {
            throw error
        } catch is CancellationError {
            throw MCPError(.cancelled)
        } catch {
            throw HTTPFailureMapping.map(error, url: url, operation: "", timeout: timeout, phase: .awaitingResponse)
        }
    }

    static func sameOrigin(_ lhs: URL, _ rhs: URL) -> Bool {
        lhs.scheme?.lowercased() == rhs.scheme?.lowercased()
            && lhs.host?.lowercased() == rhs.host?.lowercased()
            && effectivePort(lhs) == effectivePort(rhs)
    }

    private static func effectivePort(_ url: URL) -> Int? {
        if let port = url.port { return port }
        switch url.scheme?.lowercased() {
        case "http": return 80
        case "https": return 443
        default: return nil
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
