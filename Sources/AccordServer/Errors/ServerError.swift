/// Why the serving core cannot serve. Each case says what to change; a CLI prints
/// ``description`` as one line and exits 2.
public struct ServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Another process listens on the address already.
        case addressInUse(host: String, port: Int)
        /// The address cannot be bound for another reason (permission, no such interface).
        case cannotBind(host: String, port: Int, reason: String)
        /// A `--listen` value that is not `HOST:PORT`.
        case invalidListenAddress(text: String, reason: String)
        /// stdin or stdout cannot be used.
        case stdioUnavailable(reason: String)
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case .addressInUse(let host, let port):
            "cannot listen on \(host):\(port): the port is in use; stop the other server or pick another port (port 0 picks a free one)"
        case .cannotBind(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason)"
        case .invalidListenAddress(let text, let reason):
            "invalid listen address '\(text)': \(reason); write HOST:PORT, e.g. 127.0.0.1:8000"
        case .stdioUnavailable(let reason):
            "cannot serve on stdin/stdout: \(reason)"
        }
    }
}
