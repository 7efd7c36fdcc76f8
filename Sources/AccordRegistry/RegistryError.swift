/// What went wrong with a registry operation, said so the user knows what to fix. The CLI maps
/// ``Kind/input`` to exit 2 and ``Kind/unreachable`` / ``Kind/contention`` to exit 3.
public struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Bad input: a malformed name, a registry file that does not parse or whose hash does
        /// not match, a different contract under a published version.
        case input
        /// git could not reach or update the registry (network, auth, not a repository).
        case unreachable
        /// Other writers kept winning the race for the same record; retried and gave up.
        case contention
        /// Interrupted (Ctrl-C); nothing was pushed.
        case cancelled
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
