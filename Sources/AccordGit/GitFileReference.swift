/// A file as it is at a git revision: `git:REF:PATH`, e.g. `git:origin/main:snapshots/api.json`.
///
/// `REF` is anything git resolves to a commit (a branch, tag, `HEAD~1`, a hash); git forbids `:`
/// in ref names, so the first `:` after `git:` ends it. `PATH` is relative to the working
/// directory, like every other file argument (an absolute path works too).
public struct GitFileReference: Sendable, Equatable, CustomStringConvertible {
    public static let scheme = "git:"

    public var revision: String
    public var path: String

    public init(revision: String, path: String) {
        self.revision = revision
        self.path = path
    }

    /// Whether a command-line argument is meant as a git reference (and so must parse as one).
    public static func isReference(_ argument: String) -> Bool { argument.hasPrefix(scheme) }

    /// Parses `git:REF:PATH`; nil when the argument does not start with `git:`.
    public init?(parsing argument: String) throws(GitError) {
        guard Self.isReference(argument) else { return nil }
        let rest = argument.dropFirst(Self.scheme.count)
        guard let colon = rest.firstIndex(of: ":") else { throw GitError(.malformedReference(argument)) }
        let revision = String(rest[..<colon]), path = String(rest[rest.index(after: colon)...])
        guard !revision.isEmpty, !path.isEmpty else { throw GitError(.malformedReference(argument)) }
        self.init(revision: revision, path: path)
    }

    public var description: String { Self.scheme + revision + ":" + path }
}
