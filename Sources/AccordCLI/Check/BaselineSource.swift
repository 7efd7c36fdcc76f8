import AccordGit
import AccordSnapshot
import Foundation

/// Where `accord check` reads the baselines: the working tree, or one git revision
/// (`--baseline-ref`), resolved once so every server is compared with the same commit.
struct BaselineSource {
    private let git: (repository: GitRepository, revision: String)?

    /// Locates the repository and checks that `revision` names a commit, before any server starts.
    init(revision: String?) async throws {
        guard let revision else {
            git = nil
            return
        }
        let repository = try await GitRepository.locate()
        _ = try await repository.commit(revision)
        git = (repository, revision)
    }

    /// The baseline at `path` and what reports call it. In the working tree a missing file is no
    /// baseline yet (the gate says to write one); at a revision it is an input error: the
    /// revision was named to be compared with.
    func read(_ path: String) async throws -> (label: String, snapshot: Snapshot?) {
        guard let git else {
            return (path, FileManager.default.fileExists(atPath: path) ? try SnapshotFile.read(path) : nil)
        }
        let reference = GitFileReference(revision: git.revision, path: path)
        return (reference.description, try await SnapshotArgument.read(reference, in: git.repository))
    }
}
