import AccordJSON
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    public func run(_ state: ProviderState) async throws(Failure) {
        func failure(_ reason: Failure.Reason, _ tail: [String] = []) -> Failure {
            Failure(state: state.state, command: displayCommand, reason: reason, stderrTail: tail)
        }
        guard let executable = command.first, !executable.isEmpty else { throw failure(.launchFailed("the command is empty")) }

        // stdin and stderr go through files: no pipe can fill up or break, and a grandchild
        // that outlives the hook cannot keep us waiting for end-of-file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-hook-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw failure(.launchFailed("cannot create \(folder.path): \(error.localizedDescription)"))
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputURL = folder.appendingPathComponent("stdin.json")
        let errorURL = folder.appendingPathComponent("stderr.txt")
        let paramsJSON = JSONEncoding.compact(state.params)
        _ = FileManager.default.createFile(atPath: inputURL.path, contents: Data(JSONEncoding.compact(Self.input(for: state)).utf8))
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)

        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable, relativeTo: workingDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) })
            process.arguments = Array(command.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
        }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory, isDirectory: true) }
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        env["ACCORD_PROVIDER_STATE"] = state.state
        env["ACCORD_PROVIDER_STATE_PARAMS"] = paramsJSON
        process.environment = env

        let stdinHandle: FileHandle
        let stderrHandle: FileHandle
        do {
            stdinHandle = try FileHandle(forReadingFrom: inputURL)
            stderrHandle = try FileHandle(forWritingTo: errorURL)
        } catch {
            throw failure(.launchFailed(error.localizedDescription))
        }
        defer {
            try? stdinHandle.close()
            try? stderrHandle.close()
        }
        process.standardInput = stdinHandle
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderrHandle

        let (exits, exitContinuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .unbounded)
        process.terminationHandler = { _ in
            exitContinuation.yield(0)
            exitContinuation.finish()
        }
        do {
            try process.run()
        } catch {
            throw failure(.launchFailed(error.localizedDescription))
        }
        let pid = process.processIdentifier

        enum Event: Sendable { case exited, timedOut, cancelled }
        let timeout = self.timeout
        let first: Event = await withTaskGroup(of: Event.self) { group in
            group.addTask {
                for await _ in exits { return .exited }
                return Task.isCancelled ? .cancelled : .exited
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
            if first != .exited { kill(pid, SIGKILL) }
            group.cancelAll()
            return first
        }
        // Reap: after SIGKILL (or a normal exit) this returns promptly.
        process.waitUntilExit()

        let tail = Self.lastLines(of: errorURL)
        switch first {
        case .timedOut:
            let components = timeout.components
            throw failure(.timedOut(seconds: Double(components.seconds) + Double(components.attoseconds) / 1e18), tail)
        case .cancelled:
            throw failure(.cancelled, tail)
        case .exited:
            switch process.terminationReason {
            case .exit where process.terminationStatus == 0: return
            case .exit: throw failure(.exited(status: process.terminationStatus), tail)
            case .uncaughtSignal: throw failure(.killedBySignal(process.terminationStatus), tail)
            @unknown default: throw failure(.exited(status: process.terminationStatus), tail)
            }
        }
    }

    private static func lastLines(of url: URL) -> [String] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return Array(lines.suffix(stderrLinesKept))
    }
}
