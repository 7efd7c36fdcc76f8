import AccordGit
import AccordRegistry
import AccordYAML
import AccordMCP
import AccordSnapshot
import AccordServer
import ArgumentParser

/// Accord's exit codes: stable, documented in `accord --help` and the README.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything passed.
    case ok = 0
    /// Findings at or above `fail-on`: breaking changes, failed contracts, too small a version bump.
    case findings = 1
    /// Usage or input error: bad flags, an unreadable or invalid file (the message names it).
    case inputError = 2
    /// Server error: cannot start, connect, authenticate, handshake; timeout; protocol violation.
    /// 401 and 403 share it (both are "the server refused these credentials"; a CI gate reacts
    /// the same way), but their messages differ: 403 names the missing scope.
    case serverError = 3
    /// A bug in Accord.
    case internalError = 4
    /// Interrupted (Ctrl-C); every server process has been stopped.
    case interrupted = 130

    /// The text for `accord --help` and the README.
    public static let reference = """
        EXIT CODES:
          0  success
          1  findings at or above --fail-on: breaking changes, failed contracts,
             an insufficient version bump
          2  usage or input error: bad flags; an unreadable or invalid file
             (named with line and field)
          3  server error: cannot start, connect, authenticate or handshake;
             timeout; protocol violation; the registry cannot be reached
             or updated. HTTP 401 says "authentication required"; 403 says
             "insufficient scope" and names the scope from WWW-Authenticate;
             OAuth failures (discovery, a refused grant) too. An unsafe or
             unreadable --token-cache file is 2
          4  internal error (a bug in Accord: please report it)
          130  interrupted (Ctrl-C); every server Accord started was stopped
        """

    /// The status an error ends the program with.
    static func classify(_ error: any Error) -> ExitStatus {
        switch error {
        case let failure as CommandFailure: failure.status
        case let error as MCPError: error.isTokenCacheProblem ? .inputError : .serverError
        case let error as GitError: error.reason == .cancelled ? .interrupted : .inputError
        case let error as RegistryError:
            switch error.kind {
            case .input: .inputError
            case .unreachable, .contention: .serverError
            case .cancelled: .interrupted
            }
        case is InputFileError, is SnapshotFileError, is UsageError: .inputError
        case is ServerError: .inputError
        case is CancellationError: .interrupted
        default: .internalError
        }
    }
}

/// A command finished its work and wants a non-zero exit without printing an error (findings).
public struct CommandFailure: Error, Sendable {
    public var status: ExitStatus
    public init(_ status: ExitStatus) { self.status = status }
}

/// A mistake in how Accord was called that argument parsing cannot catch. Exit code 2.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
