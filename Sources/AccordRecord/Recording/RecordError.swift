/// Why a recording could not start or could not be written. Each case says what to fix.
public enum RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The contract or snapshot file cannot be written there (checked before the server starts).
    case outputNotWritable(path: String, reason: String)
    /// The synthesised contract did not read back (a bug in Accord).
    case unreadableContract(String)
    /// The HTTP listener could not be opened (port in use, bad address).
    case listenFailed(address: String, reason: String)
    /// `--listen` or `--upstream` is not a usable address.
    case invalidAddress(String, reason: String)

    public var description: String {
        switch self {
        case .outputNotWritable(let path, let reason): "cannot write \(path): \(reason)"
        case .unreadableContract(let reason): "the recorded contract does not read back: \(reason)"
        case .listenFailed(let address, let reason): "cannot listen on \(address): \(reason)"
        case .invalidAddress(let address, let reason): "\(address): \(reason)"
        }
    }
}
