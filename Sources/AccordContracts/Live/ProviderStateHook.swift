import AccordJSON
import Foundation
import Subprocess
import SystemPackage

/// The provider's command that puts the server into a ``ProviderState`` before an interaction
/// that names one (`given:`).
///
/// The hook gets the state twice: as JSON `{"state": name, "params": {...}}` on stdin, and in
/// the environment as `ACCORD_PROVIDER_STATE` (the name) and `ACCORD_PROVIDER_STATE_PARAMS`
/// (compact JSON). It must exit 0 within `timeout`; otherwise it is killed and the interaction
/// fails with the last lines it wrote to stderr.
///
/// ```swift
/// let hook = ProviderStateHook(command: ["python3", "scripts/set-state.py"], workingDirectory: "/srv/ledgerly")
/// try await hook.run(ProviderState(state: "invoice exists", params: ["id": "INV-1001"]))
/// ```
public struct ProviderStateHook: Sendable, Equatable {
    /// argv: the executable (a path, or a name looked up in `PATH`) and its arguments.
    public var command: [String]
    public var workingDirectory: String?
    /// Extra environment variables, added to Accord's own environment.
    public var environment: [String: String]
    public var timeout: Duration
    /// How many of the hook's last stderr lines a failure carries.
    public static let stderrLinesKept = 10

    public init(command: [String], workingDirectory: String? = nil, environment: [String: String] = [:], timeout: Duration = .seconds(30)) {
        self.command = command
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.timeout = timeout
    }

    /// The command line as a user would type it, for messages.
    public var displayCommand: String { command.joined(separator: " ") }

    /// Why a hook run did not set the state up.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Reason: Sendable, Equatable {
            case launchFailed(String)
            case exited(status: Int32)
            case killedBySignal(Int32)
            case timedOut(seconds: Double)
            case cancelled
        }

        public var state: String
        public var command: String
        public var reason: Reason
        /// The hook's last stderr lines, oldest first.
        public var stderrTail: [String]

        public var description: String {
            let what = switch reason {
            case .launchFailed(let detail): "could not be started (\(detail))"
            case .exited(let status): "exited with status \(status)"
            case .killedBySignal(let signal): "was killed by signal \(signal)"
            case .timedOut(let seconds): "did not finish within \(Self.format(seconds)) s and was killed"
            case .cancelled: "was cancelled"
            }
            let tail = stderrTail.isEmpty ? "" : ": " + stderrTail.joined(separator: "\n")
            return "the provider-state hook `\(command)` \(what) setting up state \"\(state)\"\(tail)"
        }

        private static func format(_ seconds: Double) -> String {
            seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        }
    }

    /// The JSON the hook reads on stdin.
    public static func input(for state: ProviderState) -> JSONValue {
        ["state": .string(state.state), "params": state.params]
    }

    /// Runs the hook for `state` and waits for it (at most `timeout`; then it is killed).
    ///
    /// The hook runs in a session of its own, so a timeout or Ctrl-C ends the hook and every
    /// process it started (SIGTERM to its process group, SIGKILL half a second later), and the
    /// hook is always reaped. A background process the hook leaves behind after exiting 0 is
    /// its own business.
    public func run(_ state: ProviderState) async throws(Failure) {
        func failure(_ reason: Failure.Reason, _ tail: [String] = []) -> Failure {
            Failure(state: state.state, command: displayCommand, reason: reason, stderrTail: tail)
        }
        guard let executable = command.first, !executable.isEmpty else { throw failure(.launchFailed("the command is empty")) }

        // stderr goes to a file: no pipe can fill up, and a grandchild that outlives the hook
        // cannot keep us waiting for end-of-file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-hook-\(UUID().uuidString)")
        let errorPath = folder.appendingPathComponent("stderr.txt").path
        // stdin comes from a file too: a hook that exits without reading it must not end
        // Accord with SIGPIPE, as a write into a pipe nobody reads would.
        let inputPath = folder.appendingPathComponent("state.json").path
        let errorFile: FileDescriptor
        let inputFile: FileDescriptor
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(JSONEncoding.compact(Self.input(for: state)).utf8).write(to: URL(fileURLWithPath: inputPath))
            inputFile = try FileDescriptor.open(FilePath(inputPath), .readOnly)
        } catch {
            throw failure(.launchFailed("cannot write its stdin to \(inputPath): \(error)"))
        }
        do {
            errorFile = try FileDescriptor.open(FilePath(errorPath), .writeOnly, options: [.create, .truncate], permissions: .ownerReadWrite)
        } catch {
            try? inputFile.close()
            throw failure(.launchFailed("cannot create a file for its stderr in \(folder.path): \(error)"))
        }

        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(500))]
        let environment: Environment = .inherit.updating(Dictionary(uniqueKeysWithValues: (environment.merging([
            "ACCORD_PROVIDER_STATE": state.state,
            "ACCORD_PROVIDER_STATE_PARAMS": JSONEncoding.compact(state.params),
        ]) { $1 }).compactMap { key, value in Environment.Key(rawValue: key).map { ($0, Optional(value)) } }))
        let configuration = Configuration(
            executable: resolvedExecutable(executable), arguments: Arguments(Array(command.dropFirst())), environment: environment,
            workingDirectory: workingDirectory.map { FilePath($0) }, platformOptions: options)

        enum Outcome: Sendable {
            case finished(TerminationStatus)
            case launchFailed(String)
            case timedOut
            case cancelled
        }
        let timeout = self.timeout
        let outcome: Outcome = await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do {
                    let result = try await Subprocess.run(configuration, input: .fileDescriptor(inputFile, closeAfterSpawningProcess: false), output: .discarded,
                                                          error: .fileDescriptor(errorFile, closeAfterSpawningProcess: false))
                    return .finished(result.terminationStatus)
                } catch let error as SubprocessError {
                    return Task.isCancelled ? .cancelled : .launchFailed("\(error)")
                } catch {
                    return .cancelled
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                } catch {
                    return .cancelled
                }
            }
            let first = await group.next() ?? .cancelled
            // Cancelling the run tears the hook's process group down and reaps it before the
            // group returns.
            group.cancelAll()
            return first
        }
        // Closed here, exactly once, after the run is over (a second close could hit a descriptor
        // another thread has opened since).
        try? errorFile.close()
        try? inputFile.close()

        let tail = Self.lastLines(of: URL(fileURLWithPath: errorPath))
        switch outcome {
        case .timedOut:
            let components = timeout.components
            throw failure(.timedOut(seconds: Double(components.seconds) + Double(components.attoseconds) / 1e18), tail)
        case .cancelled:
            throw failure(.cancelled, tail)
        case .launchFailed(let detail):
            throw failure(.launchFailed(detail), tail)
        case .finished(.exited(let status)):
            if status != 0 { throw failure(.exited(status: status), tail) }
        case .finished(.signaled(let signal)):
            throw failure(.killedBySignal(signal), tail)
        }
    }

    /// A bare name is looked up in `PATH`; a relative path is relative to the working directory.
    private func resolvedExecutable(_ executable: String) -> Executable {
        guard executable.contains("/") else { return .name(executable) }
        if executable.hasPrefix("/") || workingDirectory == nil { return .path(FilePath(executable)) }
        return .path(FilePath(workingDirectory!).appending(executable))
    }

    private static func lastLines(of url: URL) -> [String] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return Array(lines.suffix(stderrLinesKept))
    }
}
