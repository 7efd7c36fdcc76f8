import AccordJSON
import AccordMCP
import Subprocess
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A transparent stdio proxy: the agent starts it as its MCP server; it starts the real server
/// and copies bytes both ways as they arrive (nothing is re-encoded, re-framed or held back),
/// handing a copy to a ``TrafficObserver`` that parses it off the forwarding path. The server's stderr is our
/// stderr.
///
/// - Client closes stdin → the server's stdin is closed, it gets ``shutdownGrace`` to finish
///   answering and exit, then SIGTERM and SIGKILL.
/// - The server exits first → every request it left unanswered gets a JSON-RPC error naming
///   its exit status, and the session ends (``SessionEnding/upstreamExited(status:)``).
/// - Cancellation (SIGINT/SIGTERM in the CLI) → the server is torn down, nothing is orphaned;
///   the session counts as interrupted only if the client had not closed stdin yet.
///
/// ```swift
/// let observer = TrafficObserver()
/// let ending = try await StdioRecordProxy(launch: StdioLaunch(command: "mcp-server-time")).run(observer: observer)
/// ```
public struct StdioRecordProxy: Sendable {
    public var launch: StdioLaunch
    public var shutdownGrace: Duration
    /// Where the client's messages come from and where the server's go (our stdin and stdout).
    public var clientInput: Int32
    public var clientOutput: Int32

    public init(launch: StdioLaunch, shutdownGrace: Duration = .seconds(5), clientInput: Int32 = 0, clientOutput: Int32 = 1) {
        self.launch = launch
        self.shutdownGrace = shutdownGrace
        self.clientInput = clientInput
        self.clientOutput = clientOutput
    }

    private enum Side: Sendable { case clientClosed, serverClosed, graceOver }

    /// Runs the session to its end.
    /// - Throws: ``MCPError`` `.launchFailed` when the server cannot be started.
    public func run(observer: TrafficObserver) async throws -> SessionEnding {
        // A client that hangs up must not kill the proxy before the contract is written.
        signal(SIGPIPE, SIG_IGN)
        let output = ClientOutput(descriptor: clientOutput)
        let input = StandardInputReader.chunks(of: clientInput)
        let clientDone = Latch()
        let observation = ObservationQueue(observer: observer)
        let grace = shutdownGrace
        let finished = try await StdioProcess.run(launch, shutdownGrace: .seconds(1), error: .currentStandardError) { execution in
            let writer = execution.standardInputWriter
            let serverOutput = execution.standardOutput
            let upstreamFirst = await withTaskGroup(of: Side.self) { group -> Bool in
                group.addTask {
                    var serverReachable = true
                    for await chunk in input {
                        // Handed over before it is written, so the observer always sees a
                        // request before the reply that answers it.
                        observation.submit(chunk, from: .client)
                        if serverReachable {
                            serverReachable = (try? await writer.write(chunk)) != nil
                        }
                    }
                    clientDone.set()
                    try? await writer.finish()
                    return .clientClosed
                }
                group.addTask {
                    do {
                        for try await buffer in serverOutput {
                            let bytes = buffer.withUnsafeBytes { Array($0) }
                            output.write(bytes)
                            observation.submit(bytes, from: .server)
                        }
                    } catch {}
                    return .serverClosed
                }
                var upstreamFirst = false
                var graceStarted = false
                while let side = await group.next() {
                    switch side {
                    case .clientClosed:
                        guard !graceStarted else { continue }
                        graceStarted = true
                        group.addTask {
                            try? await Task.sleep(for: grace)
                            return .graceOver
                        }
                    case .serverClosed:
                        upstreamFirst = !clientDone.isSet && !Task.isCancelled
                        group.cancelAll()
                        return upstreamFirst
                    case .graceOver:
                        await execution.teardown(using: StdioProcess.teardownSequence(grace: .seconds(1)))
                    }
                }
                return upstreamFirst
            }
            await execution.teardown(using: StdioProcess.teardownSequence(grace: .seconds(1)))
            return upstreamFirst
        }
        await observation.drain()
        // Clients tear their server down soon after closing stdin (the Python SDK sends SIGTERM
        // to the process group after 2 s): the session was already over, so it is not an interruption.
        if Task.isCancelled { return clientDone.isSet ? .clientClosed : .interrupted }
        guard finished.result else { return .clientClosed }
        let status = Self.describe(finished.status)
        for id in observer.takeUnansweredRequests() {
            output.writeLine(UpstreamGoneReply.line(id: id, status: status))
        }
        return .upstreamExited(status: status)
    }

    static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }
}
