import Foundation
import Logging
import MCP

// accord-demo-server: Ledgerly, the MCP server Accord ships as its demo and test peer.
// The work is in LedgerlyServer (wiring), Tools/Resources/Prompts (definitions as data),
// Ledger (the data), Releases (what differs between 1.0.0 and 2.0.0).

let options: CommandLineOptions
switch CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let parsed):
    options = parsed
case .failure(let error):
    FileHandle.standardError.write(Data("accord-demo-server: error: \(error)\n\(CommandLineOptions.shortUsage)\n".utf8))
    exit(2)
}
if options.showHelp {
    print(CommandLineOptions.usage, terminator: "")
    exit(0)
}

// stdout carries the protocol, so every log line goes to stderr.
var logger = Logger(label: "ledgerly", factory: { StreamLogHandler.standardError(label: $0) })
logger.logLevel = .info
var transportLogger = Logger(label: "ledgerly.stdio", factory: { StreamLogHandler.standardError(label: $0) })
transportLogger.logLevel = .warning

// SIGTERM and SIGINT end the process at once with status 0. There is nothing to flush: the
// ledger lives in memory and every reply is written before the next request is read.
let signalSources: [any DispatchSourceSignal] = [SIGTERM, SIGINT].map { signalNumber in
    signal(signalNumber, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
    let signalLogger = logger
    source.setEventHandler {
        signalLogger.info("signal \(signalNumber) received; exiting")
        exit(0)
    }
    source.resume()
    return source
}

let ledgerly = LedgerlyServer(release: options.release, logger: logger)
let server = await ledgerly.makeServer()
let transport = SequentialTransport(base: StdioTransport(logger: transportLogger), logger: logger)
do {
    try await server.start(transport: transport)
} catch {
    logger.error("cannot start on stdio: \(error)")
    exit(1)
}
logger.info("Ledgerly \(options.release.version) serving MCP on stdio")

// Returns when stdin reaches EOF; SequentialTransport guarantees every reply is written by then.
await server.waitUntilCompleted()
await server.stop()
logger.info("stdin closed; exiting")
exit(0)
