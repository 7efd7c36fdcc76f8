import Foundation
import Logging

/// Serves MCP Streamable HTTP at `http://host:port/mcp` until the process is signalled; returns
/// the exit status only when it cannot listen (1).
///
/// Once the socket accepts connections it prints one line to stderr,
/// `ledgerly <release> listening on <url>`, so that whoever asked for port 0 learns the port.
func serveOverHTTP(release: DemoRelease, host: String, port: Int, logger: Logger) async -> Int32 {
    let router = SessionRouter(logger: logger) {
        await LedgerlyServer(release: release, logger: logger).makeServer()
    }
    let listener: HTTPListener
    do {
        listener = try await HTTPListener.bind(host: host, port: port)
    } catch {
        logger.error("cannot listen on \(host) port \(port): \(error)")
        return 1
    }
    let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(listener.port)\(SessionRouter.endpointPath)"
    FileHandle.standardError.write(Data("\(DemoRelease.serverName) \(release.version) listening on \(url)\n".utf8))
    do {
        try await listener.serve { request in await router.handle(request) }
    } catch {
        logger.error("stopped accepting connections: \(error)")
        return 1
    }
    return 0
}
