import AccordMCP
import ArgumentParser
import Dispatch
import Foundation
import Synchronization

/// The CLI's entry point: parses, runs, maps every error to a documented exit code, and turns
/// Ctrl-C into task cancellation so server processes are torn down before Accord exits.
public enum CommandRunner {
    /// `accord --version` alone is answered before ArgumentParser builds the command tree, which
    /// is three quarters of the instructions of that call (runtime conformance look-ups; see
    /// docs/performance-startup.md). Prints exactly what ArgumentParser prints for it, exits 0;
    /// any other argument list returns and goes through `main`.
    ///
    ///     CommandRunner.answerVersionRequest()
    ///     await CommandRunner.main()
    public static func answerVersionRequest(arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        guard arguments == ["--version"] else { return }
        Console.out(AccordVersion.current + "\n")
        exit(ExitStatus.ok.rawValue)
    }

    public static func main(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        let command: any ParsableCommand
        do {
            command = try AccordCommand.parseAsRoot(arguments)
        } catch {
            exit(reportParserOutcome(error).rawValue)
        }

        // The handler is in place before the command starts: a Ctrl-C once a server may be
        // running always cancels, never kills Accord before it could stop that server.
        let interruption = Interruption()
        let interrupt = installInterruptHandler { interruption.cancel() }
        let work = Task { () -> ExitStatus in
            do {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    var syncCommand = command
                    try syncCommand.run()
                }
                return .ok
            } catch {
                return report(error)
            }
        }
        interruption.watch(work)
        let status = await work.value
        interrupt.forEach { $0.cancel() }
        exit(status.rawValue)
    }

    /// Help, version and usage errors, which ArgumentParser raises while parsing or from its
    /// built-in help command: help goes to stdout with status 0, usage errors exit 2.
    static func reportParserOutcome(_ error: any Error) -> ExitStatus {
        let message = AccordCommand.fullMessage(for: error)
        if AccordCommand.exitCode(for: error) == .success {
            Console.out(message.hasSuffix("\n") ? message : message + "\n")
            return .ok
        }
        Console.error("error: " + message.replacingOccurrences(of: "Error: ", with: ""))
        return .inputError
    }

    private static func isParserError(_ error: any Error) -> Bool {
        error is ValidationError || error is CleanExit || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    static func report(_ error: any Error) -> ExitStatus {
        if isParserError(error) { return reportParserOutcome(error) }
        // A command that finished its own wind-down after Ctrl-C (mock reports its verdict) keeps its status.
        if Task.isCancelled, !(error is CommandFailure) { Console.error("interrupted: stopped every server Accord started"); return .interrupted }
        let status = ExitStatus.classify(error)
        switch status {
        case .ok, .findings:
            break
        case .internalError:
            Console.error("internal error: \(error)\nThis is a bug in Accord; please report it with the command you ran.")
        case .interrupted:
            Console.error("interrupted: stopped every server Accord started")
        case .inputError, .serverError:
            Console.error("error: " + Console.escapedLines("\(error)"))
        }
        return status
    }

    /// SIGINT and SIGTERM cancel the running command instead of killing Accord on the spot.
    private static func installInterruptHandler(_ handler: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }
}

/// The running command's task, for the signal handler, which may fire before the task exists.
private final class Interruption: Sendable {
    private struct State { var task: Task<ExitStatus, Never>?; var requested = false }
    private let state = Mutex(State())

    func cancel() {
        state.withLock { state in
            state.requested = true
            return state.task
        }?.cancel()
    }

    func watch(_ task: Task<ExitStatus, Never>) {
        let requested = state.withLock { state in
            state.task = task
            return state.requested
        }
        if requested { task.cancel() }
    }
}
