import AccordJSON
import AccordMCP

/// Serves one MCP session on stdin/stdout: newline-delimited JSON-RPC, the transport an agent
/// uses when it spawns the server as a command.
///
/// Requests are answered concurrently (a pipelining client gets each reply as soon as it is
/// ready, in whatever order they finish); notifications and responses are handled in arrival
/// order, so `notifications/initialized` is seen before the requests that follow it. A line
/// that is not JSON gets a -32700 error with `id: null`. ``run()`` returns when stdin reaches
/// EOF and every request read has been answered, or when its task is cancelled (Ctrl-C); the
/// handler then hears ``ServerMessageHandler/sessionEnded(_:)``.
///
/// ```swift
/// try await StdioServer(handler: dispatcher).run()
/// ```
public struct StdioServer: Sendable {
    public let handler: any ServerMessageHandler
    private let input: Int32
    private let output: Int32

    /// A server on stdin (0) and stdout (1), or on other descriptors (tests).
    public init(handler: any ServerMessageHandler, input: Int32 = 0, output: Int32 = 1) {
        self.handler = handler
        self.input = input
        self.output = output
    }

    /// Serves until EOF on the input or cancellation.
    public func run() async {
        let session = ServerSession(id: nil, transport: .stdio)
        let writer = StdoutWriter(descriptor: output)
        let handler = handler
        await withTaskGroup(of: Void.self) { group in
            for await line in StdinLines.stream(descriptor: input) {
                if Task.isCancelled { break }
                let inbound: InboundMessage
                do {
                    inbound = try InboundMessage(try JSONValue(parsing: line))
                } catch let error as JSONParseError {
                    writer.send([InboundMessage.unreadable("Parse error: \(error)")])
                    continue
                } catch {
                    writer.send([InboundMessage.unreadable("Invalid Request: \(error)", code: JSONRPCErrorObject.invalidRequest)])
                    continue
                }
                if inbound.isRequest {
                    group.addTask { writer.send(await handler.receive(inbound, in: session)) }
                } else {
                    writer.send(await handler.receive(inbound, in: session))
                }
            }
            await group.waitForAll()
        }
        await handler.sessionEnded(session)
    }
}
