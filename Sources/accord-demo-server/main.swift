import Foundation
import Logging

// accord-demo-server: Ledgerly, the MCP server Accord ships as its demo and test peer.
// The work is in LedgerlyServer (wiring), Tools/Resources/Prompts (definitions as data),
// Ledger (the data), Releases (what differs between 1.0.0 and 2.0.0), ServeOverStdio and
// ServeOverHTTP (the two transports; HTTP/ holds the listener and the session router).

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

// stdout may carry the protocol, so every log line goes to stderr.
var logger = Logger(label: "ledgerly", factory: { StreamLogHandler.standardError(label: $0) })
logger.logLevel = .info

// SIGTERM and SIGINT end the process at once with status 0, in both transports. There is
// nothing to flush: the ledger lives in memory, and a client cut off mid-reply sees a closed
// pipe or connection, as it would if the machine went away.
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

switch options.transport {
case .stdio:
    exit(await serveOverStdio(release: options.release, logger: logger))
case .http:
    exit(await serveOverHTTP(release: options.release, host: options.host, port: options.port, logger: logger))
}
