import AccordGit
import AccordSnapshot
import Foundation

/// A snapshot named on the command line: a file in the working tree, or the file as committed at
/// a git revision (`git:REF:PATH`, e.g. `git:origin/main:snapshots/api.json`). Every option and
/// argument that takes a snapshot file reads it through here.
enum SnapshotArgument {
    /// Whether `argument` names a snapshot rather than a server (a file that exists, a `.json`
    /// path, or a `git:` reference).
    static func namesSnapshot(_ argument: String) -> Bool {
        GitFileReference.isReference(argument) || argument.hasSuffix(".json") || FileManager.default.fileExists(atPath: argument)
    }

    /// Reads the snapshot. Errors name the argument as written: an unknown revision or path, not a
    /// repository, or the snapshot's own file/line/field problems — all exit code 2.
    static func read(_ argument: String) async throws -> Snapshot {
        try await readDocument(argument).snapshot()
    }

    /// Reads the snapshot for a diff: a file stays mapped, its definitions unread until compared.
    static func readDocument(_ argument: String) async throws -> SnapshotDocument {
        guard let reference = try GitFileReference(parsing: argument) else { return try SnapshotDocument.read(argument) }
        return try SnapshotDocument.decode(try await GitRepository.locate().read(reference), path: reference.description)
    }

    /// Reads the snapshot at `reference` from an already located repository (one lookup for many
    /// baselines, as in `accord check --baseline-ref`).
    static func read(_ reference: GitFileReference, in repository: GitRepository) async throws -> Snapshot {
        try SnapshotFile.decode(try await repository.read(reference), path: reference.description)
    }
}
