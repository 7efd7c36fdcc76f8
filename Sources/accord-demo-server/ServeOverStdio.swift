import Logging
import MCP

/// Serves one MCP session on stdin/stdout until stdin reaches EOF, then returns the exit status
/// (0, or 1 when stdio cannot be set up).
func serveOverStdio(release: DemoRelease, logger: Logger) async -> Int32 {
    var transportLogger = Logger(label: "ledgerly.stdio", factory: { StreamLogHandler.standardError(label: $0) })
    transportLogger.logLevel = .warning
    let server = await LedgerlyServer(release: release, logger: logger).makeServer()
    let transport = SequentialTransport(base: StdioTransport(logger: transportLogger), logger: logger)
    do {
        try await server.start(transport: transport)
    } catch {
        logger.error("cannot start on stdio: \(error)")
        return 1
    }
    logger.info("Ledgerly \(release.version) serving MCP on stdio")

    // Returns when stdin reaches EOF; SequentialTransport guarantees every reply is written by then.
    await server.waitUntilCompleted()
    await server.stop()
    logger.info("stdin closed; exiting")
    return 0
}
