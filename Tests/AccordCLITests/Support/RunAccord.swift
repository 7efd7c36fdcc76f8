import AccordTestSupport
import Foundation

/// One run of the built `accord` binary.
struct AccordRun: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double

    var description: String { "exit \(status) after \(String(format: "%.1f", seconds)) s\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// Runs `accord arguments` in `directory` and waits (at most `limit` seconds, then kills it and
/// reports a hang as status -1). The wait suspends instead of blocking a thread: the concurrency
/// pool has one thread per core, and tests running in parallel must not starve each other.
func runAccord(_ arguments: [String], in directory: String = PackagePaths.root, environment: [String: String] = [:], limit: Double = 120) async throws -> AccordRun {
    try await runProgram(PackagePaths.accord, arguments, in: directory, environment: environment, limit: limit)
}

/// Runs any program the way ``runAccord(_:in:environment:limit:)`` runs `accord` (a Python
/// client that starts `accord` itself, for instance).
func runProgram(_ executable: String, _ arguments: [String], in directory: String = PackagePaths.root, environment: [String: String] = [:], limit: Double = 120) async throws -> AccordRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var merged = ProcessInfo.processInfo.environment
    merged["NO_COLOR"] = "1"
    process.environment = merged.merging(environment) { $1 }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    var status: Int32 = -1
    let deadline = start.addingTimeInterval(limit)
    while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
    if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    } else {
        process.waitUntilExit()
        status = process.terminationStatus
    }
    return AccordRun(
        status: status,
        stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
        seconds: Date().timeIntervalSince(start)
    )
}

/// Process ids of live processes whose command line contains `marker` (to prove nothing was
/// left behind).
func processes(matching marker: String) -> [Int32] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    return entries.compactMap { entry -> Int32? in
        guard let pid = Int32(entry), pid != getpid(),
              let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
        let commandLine = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        guard commandLine.contains(marker) else { return nil }
        // A zombie has been reaped by nobody yet; count it as left behind too.
        return pid
    }
}

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.path
}
