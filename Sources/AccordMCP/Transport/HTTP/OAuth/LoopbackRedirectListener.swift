import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The redirect target of an authorization-code flow (RFC 8252 §7.3): a one-shot HTTP listener
/// on 127.0.0.1 at an ephemeral port. It accepts connections until one asks for the callback
/// path, answers it with a short page, and hands back the query parameters.
///
/// ```swift
/// let listener = try LoopbackRedirectListener()
/// print(listener.redirectURI)                 // http://127.0.0.1:53117/callback
/// let query = try await listener.waitForRedirect(timeout: .seconds(300))
/// query["code"]
/// ```
///
/// The socket is closed when the wait ends however it ends: redirect, timeout, or cancellation
/// (Ctrl-C cancels the task tree; the accept loop checks for it every 200 ms).
public final class LoopbackRedirectListener: Sendable {
    public let port: Int
    public let path = "/callback"
    private let socket: Int32

    public var redirectURI: String { "http://127.0.0.1:\(port)\(path)" }

    public init() throws(OAuthError) {
        #if canImport(Darwin)
        let descriptor = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #else
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard descriptor >= 0 else { throw OAuthError.listenerFailed(reason: String(cString: strerror(errno))) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 8) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw OAuthError.listenerFailed(reason: reason)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        socket = descriptor
        port = Int(UInt16(bigEndian: actual.sin_port))
    }

    /// Waits for the redirect and returns its query parameters. Throws
    /// `authorizationTimedOut` after `timeout`, `MCPError(.cancelled)` when the task is cancelled.
    public func waitForRedirect(timeout: Duration) async throws(MCPError) -> [String: String] {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let socket = self.socket
        let path = self.path
        while true {
            if Task.isCancelled { throw MCPError(.cancelled) }
            if ContinuousClock.now >= deadline {
                throw MCPError(.authorization(.authorizationTimedOut(seconds: Int(timeout.components.seconds))))
            }
            // Poll without blocking a cooperative thread for long: 200 ms at most per turn.
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 0)
            guard ready > 0 else {
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            let connection = accept(socket, nil, nil)
            guard connection >= 0 else { continue }
            if let query = Self.serve(connection, path: path) { return query }
        }
    }

    /// Reads one request (up to 16 KiB, 5 s), answers it and returns the callback's query, or
    /// `nil` for anything else (a favicon request, a probe).
    private static func serve(_ connection: Int32, path: String) -> [String: String]? {
        defer { close(connection) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 16_384, !bytes.containsHeaderEnd {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        let requestLine = String(decoding: bytes.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = requestLine.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET", let components = URLComponents(string: String(parts[1])), components.path == path else {
            respond(connection, status: "404 Not Found", text: "Not found.")
            return nil
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let text = query["error"] == nil
            ? "Accord is authorized. You can close this window and return to the terminal."
            : "The authorization was not granted. Return to the terminal for details."
        respond(connection, status: "200 OK", text: text)
        return query
    }

    private static func respond(_ connection: Int32, status: String, text: String) {
        let body = "<!doctype html><meta charset=utf-8><title>Accord</title><p>\(text)</p>\n"
        let head = "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        let reply = Array((head + body).utf8)
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        _ = reply.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, flags) }
    }

    /// The socket lives as long as the listener: released after the flow (or when a cancelled
    /// wait unwinds), it closes.
    deinit { close(socket) }
}

private extension [UInt8] {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for index in 0...(count - 4) where self[index] == 0x0D && self[index + 1] == 0x0A && self[index + 2] == 0x0D && self[index + 3] == 0x0A {
            return true
        }
        return false
    }
}
