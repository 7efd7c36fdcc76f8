import AccordTestSupport
import Foundation

/// `accord mock ARGS` running in the background for one test: stderr (its notes and the
/// report) collected in a file, stdin a pipe kept open until ``closeStdin()``. Over HTTP,
/// ``waitForURL()`` reads the URL it announces. ``stop(signal:)`` signals it and waits for its
/// exit; deinit kills it, so no test leaves one behind.
final class MockProcess: @unchecked Sendable {
    private let process = Process()
    private let stdin = Pipe()
    private let errorLog: URL
    let marker = "accord-mock-test-\(UUID().uuidString.prefix(8))"

    init(_ arguments: [String]) throws {
        errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("\(marker).stderr")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: PackagePaths.accord)
        process.arguments = ["mock"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: PackagePaths.root)
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1", "ACCORD_TEST_MARKER": marker]) { $1 }
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stderr: String { (try? String(contentsOf: errorLog, encoding: .utf8)) ?? "" }

    /// The `http://127.0.0.1:PORT/mcp` of the "serving … on URL" line, within 30 s.
    func waitForURL() async throws -> String {
        let line = try await waitForServing()
        guard let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }) else { throw Failure(message: "no URL in \(line)") }
        return String(url)
    }

    /// The "accord mock: serving …" line (over stdio, printed with `--verbose`), within 30 s:
    /// from then on the mock is serving and Ctrl-C is handled.
    @discardableResult
    func waitForServing() async throws -> String {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let line = stderr.split(separator: "\n").first(where: { $0.hasPrefix("accord mock: serving ") }) { return String(line) }
            guard process.isRunning else { throw Failure(message: "accord mock exited \(process.terminationStatus):\n\(stderr)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(message: "not serving within 30 s:\n\(stderr)")
    }

    func closeStdin() { try? stdin.fileHandleForWriting.close() }

    /// Sends `signal` (none: just waits) and waits at most `limit` seconds for the exit status.
    func stop(signal: Int32? = SIGINT, limit: Double = 20) async throws -> Int32 {
        if let signal, process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard !process.isRunning else { throw Failure(message: "accord mock still running \(limit) s after signal \(signal ?? 0):\n\(stderr)") }
        process.waitUntilExit()
        return process.terminationStatus
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        try? FileManager.default.removeItem(at: errorLog)
    }
}
