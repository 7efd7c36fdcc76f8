import Foundation

/// One finished child process: its status and everything it printed.
public struct ChildRun: CustomStringConvertible, Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var seconds: Double

    public var description: String { "exit \(status) after \(String(format: "%.1f", seconds)) s\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// Runs `executable arguments` to the end (stdin from the file `standardInput`, else empty),
/// waiting at most `limit` seconds (then SIGKILL and status -1). The wait suspends instead of blocking a thread, so parallel tests do not starve
/// the concurrency pool.
public func runChild(_ executable: String, _ arguments: [String], directory: String? = nil,
                     environment: [String: String] = [:], standardInput: String? = nil, limit: Double = 120) async throws -> ChildRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-child-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = try standardInput.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
    let start = Date()
    try process.run()
    let deadline = start.addingTimeInterval(limit)
    while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
    var status: Int32 = -1
    if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    } else {
        process.waitUntilExit()
        status = process.terminationStatus
    }
    return ChildRun(
        status: status,
        stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
        seconds: Date().timeIntervalSince(start))
}
