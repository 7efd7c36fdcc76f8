import Foundation
import Subprocess
import SystemPackage

/// The git repository a directory belongs to, read through the `git` command (no library: the
/// user's git, with the user's configuration, sees exactly what `git show` would).
///
/// ```swift
/// let repository = try await GitRepository.locate()
/// let bytes = try await repository.read(GitFileReference(revision: "origin/main", path: "snapshots/api.json"))
/// ```
public struct GitRepository: Sendable {
    /// The directory relative paths are taken from (git runs there).
    public let directory: String
    /// The repository's top level (`git rev-parse --show-toplevel`).
    public let topLevel: String
    /// How long one git command may take before it is stopped.
    public var timeout: Duration

    /// The repository holding `directory` (default: the working directory).
    public static func locate(from directory: String = FileManager.default.currentDirectoryPath,
                              timeout: Duration = .seconds(30)) async throws(GitError) -> GitRepository {
        let result = try await GitCommand(directory: directory, timeout: timeout).run(["rev-parse", "--show-toplevel"])
        guard result.succeeded else {
            if result.stderr.contains("not a git repository") { throw GitError(.notARepository(directory: directory)) }
            throw result.failure
        }
        let topLevel = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return GitRepository(directory: directory, topLevel: topLevel, timeout: timeout)
    }

    /// The full hash of the commit `revision` names.
    public func commit(_ revision: String) async throws(GitError) -> String {
        // A revision starting with "-" would be read as an option.
        guard !revision.hasPrefix("-") else { throw GitError(.unknownRevision(revision)) }
        let result = try await command.run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"])
        guard result.succeeded else {
            if result.exitCode == 1 || result.stderr.contains("unknown revision") { throw GitError(.unknownRevision(revision)) }
            throw result.failure
        }
        return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The bytes of the file `reference` names, as committed at its revision.
    public func read(_ reference: GitFileReference) async throws(GitError) -> [UInt8] {
        let commit = try await commit(reference.revision)
        let result = try await command.run(["cat-file", "blob", commit + ":" + gitPath(reference.path)])
        guard result.succeeded else {
            let missing = ["does not exist", "exists on disk, but not in", "not a valid object name", "bad file", "outside repository"]
            if missing.contains(where: { result.stderr.lowercased().contains($0.lowercased()) }) {
                throw GitError(.noSuchPath(path: reference.path, revision: reference.revision))
            }
            throw result.failure
        }
        return result.stdout
    }

    private var command: GitCommand { GitCommand(directory: directory, timeout: timeout) }

    /// git's spelling of a path: relative ones as `./PATH` (relative to where git runs), absolute
    /// ones relative to the top level.
    func gitPath(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path.hasPrefix("./") || path.hasPrefix("../") ? path : "./" + path }
        let top = URL(fileURLWithPath: topLevel).resolvingSymlinksInPath().path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().resolvingSymlinksInPath().path
        let full = folder + "/" + URL(fileURLWithPath: path).lastPathComponent
        guard full.hasPrefix(top + "/") else { return path }
        return String(full.dropFirst(top.count + 1))
    }
}

/// One run of `git` with collected output, a timeout, and a locale that keeps its messages in
/// English (the error mapping reads them). Prompts are off (`GIT_TERMINAL_PROMPT=0`): a missing
/// credential fails instead of waiting for a terminal; git's own credential helpers, SSH agent
/// and `GIT_ASKPASS` still work.
public struct GitCommand: Sendable {
    public var directory: String
    public var timeout: Duration
    /// Variables set for this run on top of the inherited environment (`GIT_DIR`, `GIT_INDEX_FILE`).
    public var environment: [String: String]

    public init(directory: String, timeout: Duration = .seconds(30), environment: [String: String] = [:]) {
        self.directory = directory
        self.timeout = timeout
        self.environment = environment
    }

    public struct Result: Sendable {
        public var arguments: [String]
        /// The exit code; nil when git was killed by a signal.
        public var exitCode: Int32?
        public var status: String
        public var stdout: [UInt8]
        public var stderr: String
        public var succeeded: Bool { exitCode == 0 }
        public var output: String { String(decoding: stdout, as: UTF8.self) }
        public var failure: GitError {
            GitError(.failed(command: "git " + arguments.joined(separator: " "), status: status,
                             stderr: stderr.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }

    /// Larger than any snapshot Accord writes (a 20,000-tool synthetic one is about 700 MB).
    static let outputLimit = 4 << 30

    /// Runs `git arguments` with `input` on stdin; a non-zero exit is a result, not an error.
    public func run(_ arguments: [String], input: [UInt8] = []) async throws(GitError) -> Result {
        var variables: [Environment.Key: String?] = ["LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"]
        for (key, value) in self.environment { if let key = Environment.Key(rawValue: key) { variables[key] = value } }
        let environment: Environment = .inherit.updating(variables)
        let configuration = Configuration(executable: .name("git"), arguments: Arguments(arguments), environment: environment,
                                          workingDirectory: FilePath(directory))
        let timeout = self.timeout
        enum Outcome: Sendable {
            case finished(Result)
            case launchFailed(String)
            case timedOut
            case cancelled
        }
        let outcome: Outcome = await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do {
                    let run = try await Subprocess.run(configuration, input: .array(input), output: .bytes(limit: Self.outputLimit), error: .string(limit: 64 << 10))
                    let (code, status): (Int32?, String) = switch run.terminationStatus {
                    case .exited(let code): (code, "exited with status \(code)")
                    case .signaled(let signal): (nil, "was killed by signal \(signal)")
                    }
                    return .finished(Result(arguments: arguments, exitCode: code, status: status, stdout: run.standardOutput, stderr: run.standardError))
                } catch {
                    return Task.isCancelled ? .cancelled : .launchFailed("\(error)")
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
            group.cancelAll()
            return first
        }
        switch outcome {
        case .finished(let result): return result
        case .launchFailed(let detail):
            if !FileManager.default.fileExists(atPath: directory) { throw GitError(.notARepository(directory: directory)) }
            throw GitError(.gitUnavailable(detail))
        case .timedOut: throw GitError(.timedOut(command: "git " + arguments.joined(separator: " "), seconds: Int(timeout.components.seconds)))
        case .cancelled: throw GitError(.cancelled)
        }
    }
}
