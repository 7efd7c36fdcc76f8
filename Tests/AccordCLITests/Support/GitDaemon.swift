import AccordTestSupport
import Foundation

/// A bare registry repository, optionally served by a real `git daemon` on 127.0.0.1 (push
/// enabled), started by the test and stopped (and reaped) when dropped.
final class RegistryRepository: @unchecked Sendable {
    let root: String
    let path: String
    private var daemon: Process?
    private(set) var port: Int?

    /// `file://` URL of the bare repository.
    var fileURL: String { "file://" + path }
    /// `git://127.0.0.1:PORT/registry.git` once ``serve()`` ran.
    var daemonURL: String? { port.map { "git://127.0.0.1:\($0)/registry.git" } }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("accord-registry-\(UUID().uuidString)").path
        path = root + "/registry.git"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.git(["init", "--quiet", "--bare", path])
    }

    deinit {
        if let daemon { Self.stop(daemon) }
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Starts `git daemon` on a free port and waits (at most 10 s) until it answers.
    func serve() async throws {
        // git-daemon itself, not the `git daemon` wrapper: a signal to the wrapper leaves the
        // daemon running.
        let executable = try Self.git(["--exec-path"]) + "/git-daemon"
        for _ in 0..<5 {
            let port = freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--reuseaddr", "--export-all", "--enable=receive-pack", "--informative-errors",
                                 "--base-path=\(root)", "--listen=127.0.0.1", "--port=\(port)", root]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning, Date() < deadline {
                if portAcceptsConnections(port) {
                    daemon = process
                    self.port = port
                    return
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            Self.stop(process)
        }
        throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "git daemon did not start on 127.0.0.1"])
    }

    /// SIGKILL, and wait until it is reaped: a child of the test process inherits its blocked signals, so SIGTERM
    /// may never arrive.
    private static func stop(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let deadline = Date().addingTimeInterval(5)
        // Foundation's process monitor reaps it.
        while process.isRunning, Date() < deadline { usleep(10_000) }
    }

    /// `git` in the bare repository; its stdout, trimmed.
    @discardableResult
    func git(_ arguments: [String]) throws -> String { try Self.git(["--git-dir", path] + arguments) }

    @discardableResult
    static func git(_ arguments: [String]) throws -> String { try runGit(arguments) }
}
