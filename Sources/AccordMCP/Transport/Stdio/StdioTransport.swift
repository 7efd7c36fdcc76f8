import AccordJSON
import Subprocess
import Synchronization
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// MCP over a child process's stdin/stdout: one JSON-RPC message per line.
///
/// The process lives exactly as long as the closure given to ``withProcess(_:shutdownGrace:_:)``:
/// swift-subprocess hands out its pipes only inside `run`, and tying the process to a scope is
/// what guarantees no orphan is left — on success, error, timeout or Ctrl-C alike. The process
/// runs in its own session so the teardown reaches whatever it spawned (`uv run`, `npx`, shells).
public final class StdioTransport: MCPTransport {
    public let inbound: AsyncThrowingStream<JSONValue, any Error>
    private let inboundContinuation: AsyncThrowingStream<JSONValue, any Error>.Continuation
    private let outbound: AsyncStream<OutgoingLine>
    private let outboundContinuation: AsyncStream<OutgoingLine>.Continuation
    private let log = ServerLogTail()
    private let state = Mutex(State())

    /// A line waiting for the stdin writer, with whoever waits for it to be written.
    struct OutgoingLine: Sendable {
        var bytes: [UInt8]
        var written: CheckedContinuation<Result<Void, MCPError>, Never>
    }

    private struct State {
        var closing = false
        var stdoutClosed = false
        var stderrClosed = false
        var skippedLines = 0
        var firstSkippedLine: String?
    }

    /// The longest single message accepted; a longer line ends the connection with an error.
    static let maximumLineLength = 256 * 1024 * 1024

    private init() {
        (inbound, inboundContinuation) = AsyncThrowingStream.makeStream(of: JSONValue.self)
        (outbound, outboundContinuation) = AsyncStream.makeStream(of: OutgoingLine.self)
    }

    /// Starts `launch`, runs `body` with a transport to it, then shuts the process down: close
    /// stdin, give it `shutdownGrace` to exit, SIGTERM its process group, wait as long again,
    /// SIGKILL. The process is reaped before this returns.
    /// - Throws: ``MCPError`` `.launchFailed` if the process cannot start; whatever `body` throws.
    public static func withProcess<Result: Sendable>(
        _ launch: StdioLaunch,
        shutdownGrace: Duration = .seconds(1),
        _ body: (StdioTransport) async throws -> Result
    ) async throws -> Result {
        let finished = try await StdioProcess.run(launch, shutdownGrace: shutdownGrace, error: .sequence) { execution in
            let transport = StdioTransport()
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await transport.pumpStdout(execution.standardOutput) }
                group.addTask { await transport.pumpStderr(execution.standardError) }
                group.addTask { await transport.pumpStdin(execution.standardInputWriter) }
                let outcome: Swift.Result<Result, any Error>
                do {
                    outcome = .success(try await body(transport))
                } catch {
                    outcome = .failure(error)
                }
                await transport.close()
                await transport.waitForStdoutToClose(upTo: shutdownGrace)
                await execution.teardown(using: StdioProcess.teardownSequence(grace: shutdownGrace))
                group.cancelAll()
                return try outcome.get()
            }
        }
        return finished.result
    }

    public func send(_ message: JSONValue) async throws(MCPError) {
        var bytes = JSONEncoding.compactBytes(message)
        bytes.append(0x0A)
        let result = await withCheckedContinuation { continuation in
            let queued = outboundContinuation.yield(OutgoingLine(bytes: bytes, written: continuation))
            if case .terminated = queued {
                continuation.resume(returning: .failure(MCPError(.serverExited(detail: "its standard input is closed"))))
            }
        }
        try result.get()
    }

    public func useProtocolVersion(_ version: String) async {}

    public func recentServerLog() async -> [String] { log.lines }

    public func warnings() async -> [String] {
        state.withLock { state in
            guard state.skippedLines > 0 else { return [] }
            let example = state.firstSkippedLine.map { " (first: \"\($0)\")" } ?? ""
            return ["skipped \(state.skippedLines) non-JSON line\(state.skippedLines == 1 ? "" : "s") on the server's stdout\(example); MCP servers must log to stderr"]
        }
    }

    public func close() async {
        state.withLock { $0.closing = true }
        outboundContinuation.finish()
    }

    // MARK: - Pumps

    private func pumpStdin(_ writer: StandardInputWriter) async {
        for await line in outbound {
            do {
                _ = try await writer.write(line.bytes)
                line.written.resume(returning: .success(()))
            } catch {
                line.written.resume(returning: .failure(MCPError(.serverExited(detail: "writing to its standard input failed"))))
            }
        }
        try? await writer.finish()
    }

    private func pumpStdout(_ output: SubprocessOutputSequence) async {
        var pending: [UInt8] = []
        var failure: MCPError?
        do {
            reading: for try await buffer in output {
                var scanFrom = pending.count
                buffer.withUnsafeBytes { pending.append(contentsOf: $0) }
                var lineStart = 0
                while let newline = pending[scanFrom...].firstIndex(of: 0x0A) {
                    if let error = deliver(pending[lineStart..<newline]) {
                        failure = error
                        break reading
                    }
                    lineStart = newline + 1
                    scanFrom = lineStart
                }
                pending.removeFirst(lineStart)
                if pending.count > Self.maximumLineLength {
                    failure = MCPError(.invalidMessage(reason: "a line longer than \(Self.maximumLineLength) bytes", excerpt: String(decoding: pending.prefix(120), as: UTF8.self)))
                    break reading
                }
            }
            if failure == nil, !pending.isEmpty { failure = deliver(pending[...]) }
        } catch {
            failure = MCPError(.serverExited(detail: "reading its standard output failed: \(error)"))
        }
        state.withLock { $0.stdoutClosed = true }
        // Let stderr drain so the error carries the server's last words.
        await waitUntil(upTo: .seconds(1)) { self.state.withLock { $0.stderrClosed } }
        if state.withLock({ $0.closing }) && failure == nil {
            inboundContinuation.finish()
        } else {
            inboundContinuation.finish(throwing: (failure ?? MCPError(.serverExited(detail: "it closed its standard output"))).withServerLog(log.lines))
        }
    }

    /// Yields one line as a message. Non-JSON noise is skipped and counted; a line that looks
    /// like JSON but does not parse is a broken message and ends the connection.
    private func deliver(_ line: ArraySlice<UInt8>) -> MCPError? {
        guard let first = line.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return nil }
        guard line[first] == UInt8(ascii: "{") || line[first] == UInt8(ascii: "[") else {
            state.withLock { state in
                state.skippedLines += 1
                if state.firstSkippedLine == nil { state.firstSkippedLine = MCPError.clip(String(decoding: line, as: UTF8.self), 80) }
            }
            return nil
        }
        do {
            let value = try JSONValue(parsing: line)
            if case .array(let batch) = value {
                batch.forEach { inboundContinuation.yield($0) }
            } else {
                inboundContinuation.yield(value)
            }
            return nil
        } catch {
            return MCPError(.invalidMessage(reason: "invalid JSON (\(error))", excerpt: MCPError.clip(String(decoding: line, as: UTF8.self), 200)))
        }
    }

    private func pumpStderr(_ output: SubprocessOutputSequence) async {
        do {
            for try await buffer in output {
                buffer.withUnsafeBytes { log.append($0) }
            }
        } catch {}
        log.finish()
        state.withLock { $0.stderrClosed = true }
    }

    private func waitForStdoutToClose(upTo limit: Duration) async {
        await waitUntil(upTo: limit) { self.state.withLock { $0.stdoutClosed } }
    }
}

/// Polls `condition` every 10 ms until it holds, `limit` passes, or the task is cancelled.
func waitUntil(upTo limit: Duration, _ condition: @Sendable () -> Bool) async {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: limit)
    while !condition(), clock.now < deadline {
        guard (try? await Task.sleep(for: .milliseconds(10))) != nil else { return }
    }
}
