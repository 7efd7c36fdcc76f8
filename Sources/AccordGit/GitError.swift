/// Why a file could not be read from git. Every case names what the user wrote, so the message
/// says what to fix; the CLI maps all of them to exit code 2 (an input error).
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// `git` is not on PATH or cannot be started.
        case gitUnavailable(String)
        /// The working directory is not inside a git repository.
        case notARepository(directory: String)
        /// The revision does not name a commit.
        case unknownRevision(String)
        /// The revision exists but holds no file at the path.
        case noSuchPath(path: String, revision: String)
        /// The argument is not `git:REF:PATH`.
        case malformedReference(String)
        /// git ran but failed for another reason (its stderr is quoted).
        case failed(command: String, status: String, stderr: String)
        /// git took longer than the timeout and was stopped.
        case timedOut(command: String, seconds: Int)
        /// The run was cancelled (Ctrl-C); git was stopped.
        case cancelled
    }

    public var reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .gitUnavailable(let detail):
            "cannot run git (needed to read a baseline from git): \(detail)"
        case .notARepository(let directory):
            "\(directory) is not inside a git repository (a git: snapshot or --baseline-ref reads from the repository of the working directory)"
        case .unknownRevision(let revision):
            "unknown git revision \"\(revision)\" (no commit, branch or tag by that name here; fetch it first, e.g. git fetch origin main)"
        case .noSuchPath(let path, let revision):
            "\(path) does not exist at git revision \"\(revision)\""
        case .malformedReference(let text):
            "\"\(text)\" is not a git snapshot reference: write git:REF:PATH, e.g. git:origin/main:snapshots/api.json"
        case .failed(let command, let status, let stderr):
            "\(command) \(status)" + (stderr.isEmpty ? "" : ": \(stderr)")
        case .timedOut(let command, let seconds):
            "\(command) did not finish within \(seconds) s and was stopped"
        case .cancelled:
            "interrupted while reading from git"
        }
    }
}
