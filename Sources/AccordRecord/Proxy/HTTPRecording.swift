import AccordMCP
import AccordServer
import Foundation

/// `--upstream URL --listen HOST:PORT`: binds the listener, proxies until the task is
/// cancelled or the upstream is gone, and says how the session ended.
///
/// ```swift
/// let ending = try await HTTPRecording.run(upstream: HTTPConnectionOptions(url: "http://127.0.0.1:8931/mcp"), listen: "127.0.0.1:0",
///                                          observer: observer) { url in print("listening on \(url)") }
/// ```
public enum HTTPRecording {
    /// Hosts the proxy may listen on: it has no authentication of its own.
    static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1"]

    /// - Parameter upstream: the real server's endpoint and the headers (tokens) to send it.
    public static func run(upstream: HTTPConnectionOptions, listen: String, observer: TrafficObserver,
                           listening: @Sendable (String) -> Void) async throws(RecordError) -> SessionEnding {
        guard let url = URL(string: upstream.url), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw .invalidAddress(upstream.url, reason: "--upstream must be an http:// or https:// URL of the server's MCP endpoint")
        }
        let address: ListenAddress
        do {
            address = try ListenAddress(parsing: listen)
        } catch {
            throw .invalidAddress(listen, reason: error.description)
        }
        guard loopbackHosts.contains(address.host) else {
            throw .invalidAddress(listen, reason: "listen on a loopback address (127.0.0.1, localhost or ::1): the proxy has no authentication")
        }
        let relay = StreamableHTTPRelay(url: upstream.url, headers: upstream.headers)
        let proxy = HTTPRecordProxy(relay: relay, observer: observer)
        let server: HTTPServer
        do {
            server = try await HTTPServer.bind(address, handler: proxy)
        } catch {
            await relay.shutdown()
            throw .listenFailed(address: listen, reason: error.description)
        }
        listening(server.url)
        return await proxy.serve(server)
    }
}
