import AccordJSON
import AccordMCP

/// How a proxied session ended, which decides whether the contract is complete.
public enum SessionEnding: Sendable, Equatable {
    /// The client closed the connection (stdin EOF, or the HTTP listener was stopped by it);
    /// the server was then stopped.
    case clientClosed
    /// Stopped by SIGINT/SIGTERM; the server was stopped and what was seen is kept.
    case interrupted
    /// The upstream server went away while the client was still connected.
    case upstreamExited(status: String)

    /// Why the contract is incomplete, for the file's comment and the CLI's message; nil when it is not.
    public var incompleteReason: String? {
        guard case .upstreamExited(let status) = self else { return nil }
        return "the upstream server exited (\(status)) while the client was still connected"
    }
}
