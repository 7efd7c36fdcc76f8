import Foundation

/// A throwaway git repository (git baselines, the install test): `git init`, commits made with a
/// fixed identity (CI machines have none), removed when the test drops it.
public final class ScratchRepository: Sendable {
    public let root: String

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("accord-git-\(UUID().uuidString)").resolvingSymlinksInPath().path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try git("init", "--quiet", "--initial-branch=main")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    public func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Copies a file into the repository (e.g. a committed snapshot of the package).
    public func copy(_ source: String, to path: String) throws {
        try write(path, try String(contentsOfFile: source, encoding: .utf8))
    }

    public func commit(_ message: String) throws {
        try git("add", "--all")
        try git("commit", "--quiet", "-m", message)
    }

    @discardableResult
    public func git(_ arguments: String...) throws -> String { try runGit(arguments, in: root) }
}

/// Runs `git arguments` (in `directory`, default the working directory) with a fixed identity
/// (CI machines have none) and returns its stdout, trimmed; a non-zero exit throws, naming the
/// command. Every test that drives git directly goes through here.
@discardableResult
public func runGit(_ arguments: [String], in directory: String? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.environment = ProcessInfo.processInfo.environment.merging([
        "GIT_AUTHOR_NAME": "Accord Tests", "GIT_AUTHOR_EMAIL": "tests@accord.invalid",
        "GIT_COMMITTER_NAME": "Accord Tests", "GIT_COMMITTER_EMAIL": "tests@accord.invalid",
    ]) { $1 }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "git \(arguments.joined(separator: " ")) exited \(process.terminationStatus)"])
    }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
