import AccordGit
import AccordTestSupport
import Foundation
import Testing

@Suite struct GitFileReferenceTests {
    @Test func splitsAtTheFirstColonAfterTheScheme() throws {
        let reference = try #require(try GitFileReference(parsing: "git:origin/main:snapshots/a:b.json"))
        #expect(reference.revision == "origin/main")
        #expect(reference.path == "snapshots/a:b.json")
        #expect(reference.description == "git:origin/main:snapshots/a:b.json")
    }

    @Test func aPlainPathIsNoReference() throws {
        #expect(try GitFileReference(parsing: "snapshots/api.json") == nil)
    }

    @Test(arguments: ["git:", "git:main", "git::snapshots/a.json", "git:main:"])
    func anIncompleteReferenceSaysHowToWriteOne(_ text: String) {
        #expect(throws: GitError(.malformedReference(text))) { try GitFileReference(parsing: text) }
        #expect(GitError(.malformedReference(text)).description.contains("git:REF:PATH"))
    }
}

@Suite struct GitRepositoryTests {
    /// A hang guard, not a timing: in the full suite a git run may wait its turn for a long time.
    static let patience: Duration = .seconds(300)

    @Test func readsTheFileAsCommittedNotAsInTheWorkingTree() async throws {
        let scratch = try ScratchRepository()
        try scratch.write("snapshots/api.json", "{\"v\": 1}\n")
        try scratch.commit("baseline")
        try scratch.write("snapshots/api.json", "{\"v\": 2}\n")
        try scratch.commit("change")
        try scratch.write("snapshots/api.json", "{\"v\": 3}\n")   // uncommitted

        let repository = try await GitRepository.locate(from: scratch.root, timeout: Self.patience)
        #expect(repository.topLevel == scratch.root)
        let previous = try await repository.read(GitFileReference(revision: "HEAD~1", path: "snapshots/api.json"))
        #expect(String(decoding: previous, as: UTF8.self) == "{\"v\": 1}\n")
        let head = try await repository.read(GitFileReference(revision: "main", path: scratch.root + "/snapshots/api.json"))
        #expect(String(decoding: head, as: UTF8.self) == "{\"v\": 2}\n")
    }

    @Test func relativePathsAreRelativeToTheDirectoryNotTheTopLevel() async throws {
        let scratch = try ScratchRepository()
        try scratch.write("server/snapshots/api.json", "inner\n")
        try scratch.write("snapshots/api.json", "outer\n")
        try scratch.commit("two baselines")
        let repository = try await GitRepository.locate(from: scratch.root + "/server", timeout: Self.patience)
        let bytes = try await repository.read(GitFileReference(revision: "HEAD", path: "snapshots/api.json"))
        #expect(String(decoding: bytes, as: UTF8.self) == "inner\n")
        let parent = try await repository.read(GitFileReference(revision: "HEAD", path: "../snapshots/api.json"))
        #expect(String(decoding: parent, as: UTF8.self) == "outer\n")
    }

    @Test func anUnknownRevisionIsNamed() async throws {
        let scratch = try ScratchRepository()
        try scratch.write("a.json", "{}")
        try scratch.commit("one")
        let repository = try await GitRepository.locate(from: scratch.root, timeout: Self.patience)
        await #expect(throws: GitError(.unknownRevision("origin/nope"))) {
            try await repository.read(GitFileReference(revision: "origin/nope", path: "a.json"))
        }
        await #expect(throws: GitError(.unknownRevision("--output=/tmp/x"))) { try await repository.commit("--output=/tmp/x") }
    }

    @Test func aPathMissingAtTheRevisionIsNamedWithTheRevision() async throws {
        let scratch = try ScratchRepository()
        try scratch.write("a.json", "{}")
        try scratch.commit("one")
        try scratch.write("b.json", "{}")   // in the working tree only
        let repository = try await GitRepository.locate(from: scratch.root, timeout: Self.patience)
        let error = await #expect(throws: GitError.self) { try await repository.read(GitFileReference(revision: "HEAD", path: "b.json")) }
        #expect(error == GitError(.noSuchPath(path: "b.json", revision: "HEAD")))
        #expect(error?.description == "b.json does not exist at git revision \"HEAD\"")
    }

    @Test func aDirectoryOutsideAnyRepositoryIsNamed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-nogit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        await #expect(throws: GitError(.notARepository(directory: folder))) { try await GitRepository.locate(from: folder, timeout: Self.patience) }
    }
}
