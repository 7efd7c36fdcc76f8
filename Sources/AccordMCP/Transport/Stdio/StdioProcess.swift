import Subprocess
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a stdio server process the way every part of Accord does: in its own session (so a
/// teardown reaches whatever it spawned), with Accord's environment plus the launch's extra
/// variables, and a teardown of SIGTERM to the process group, a grace period, then SIGKILL.
///
/// ```swift
/// let finished = try await StdioProcess.run(launch, shutdownGrace: .seconds(1), error: .currentStandardError) { execution in
///     for try await chunk in execution.standardOutput { … }
/// }
/// finished.status   // .exited(0)
/// ```
public enum StdioProcess {
    /// What `body` returned and how the process ended (it is reaped before ``run(_:shutdownGrace:error:_:)`` returns).
    public struct Finished<Result: Sendable>: Sendable {
        public var result: Result
        public var status: TerminationStatus
    }

    /// Runs `launch` with a stdin writer and a stdout sequence for `body`; `error` says where the
    /// child's stderr goes. A body that returns or throws (or is cancelled) leaves the process to
    /// the teardown sequence.
    /// - Throws: ``MCPError`` `.launchFailed` if the process cannot start; whatever `body` throws.
    public static func run<Result: Sendable, ErrorOutput: ErrorOutputProtocol>(
        _ launch: StdioLaunch,
        shutdownGrace: Duration,
        error: ErrorOutput,
        _ body: (Execution<CustomWriteInput, SequenceOutput, ErrorOutput>) async throws -> Result
    ) async throws -> Finished<Result> {
        do {
            let execution = try await Subprocess.run(
                executable(for: launch),
                arguments: Arguments(launch.arguments),
                environment: environment(for: launch),
                workingDirectory: launch.workingDirectory.map { FilePath($0) },
                platformOptions: platformOptions(shutdownGrace: shutdownGrace),
                input: .inputWriter,
                output: .sequence,
                error: error,
                body: body
            )
            return Finished(result: execution.closureResult, status: execution.terminationStatus)
        } catch let error as SubprocessError {
            throw MCPError(.launchFailed(command: launch.displayCommand, reason: describe(error, launch: launch)))
        }
    }

    /// SIGTERM to the process group, `grace`, SIGKILL.
    public static func teardownSequence(grace: Duration) -> [TeardownStep] {
        [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: grace)]
    }

    private static func platformOptions(shutdownGrace: Duration) -> PlatformOptions {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = teardownSequence(grace: shutdownGrace)
        return options
    }

    private static func environment(for launch: StdioLaunch) -> Environment {
        .inherit.updating(
            Dictionary(uniqueKeysWithValues: launch.environment.compactMap { key, value in
                Environment.Key(rawValue: key).map { ($0, Optional(value)) }
            })
        )
    }

    private static func executable(for launch: StdioLaunch) -> Executable {
        guard launch.command.contains("/") else { return .name(launch.command) }
        if launch.command.hasPrefix("/") { return .path(FilePath(launch.command)) }
        // Relative paths are relative to Accord's working directory, as in a shell.
        return .path(FilePath(currentDirectory()).appending(launch.command))
    }

    private static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func describe(_ error: SubprocessError, launch: StdioLaunch) -> String {
        switch error.code {
        case .executableNotFound:
            "executable `\(launch.command)` not found (check the path or PATH)"
        case .failedToChangeWorkingDirectory:
            "cannot change to the working directory `\(launch.workingDirectory ?? ".")`"
        default:
            "\(error)"
        }
    }
}
