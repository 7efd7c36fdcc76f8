import AccordTestSupport
import Foundation

/// A free TCP port on 127.0.0.1 (bind to 0, read, release).
func freePort() -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts TCP connections on 127.0.0.1:port.
func portAcceptsConnections(_ port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}

/// An HTTP peer running for the length of one test: started on a free port, waited for, and
/// terminated (then killed) when the test ends. Nothing here blocks a thread of the test pool
/// (Swift Testing runs async tests on as many threads as there are cores, two on CI): the start
/// is awaited, and the stop waits for the process on a thread of its own.
final class BackgroundServer: @unchecked Sendable {
    let port: Int
    private let process = Process()
    private let log: URL

    var url: String { "http://127.0.0.1:\(port)/mcp" }
    var sseURL: String { "http://127.0.0.1:\(port)/sse" }

    /// Starts `executable arguments` where `{port}` in an argument is replaced by the port, and
    /// waits up to 30 s for it to listen.
    static func start(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> BackgroundServer {
        let server = try BackgroundServer(launching: executable, arguments, environment: environment)
        let deadline = Date().addingTimeInterval(30)
        while !portAcceptsConnections(server.port) {
            guard server.process.isRunning else { throw StartFailure(message: "the peer exited early:\n\(server.logText)") }
            guard Date() < deadline else { server.stop(); throw StartFailure(message: "the peer did not listen on \(server.port) within 30 s:\n\(server.logText)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        return server
    }

    private init(launching executable: String, _ arguments: [String], environment: [String: String]) throws {
        port = freePort()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("accord-peer-\(port).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments.map { $0.replacingOccurrences(of: "{port}", with: String(port)) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    struct StartFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// SIGTERM now; SIGKILL after 5 s if it is still running, and the reaping, on a thread of
    /// its own.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let running = RunningProcess(process: process)
        Thread.detachNewThread {
            let deadline = Date().addingTimeInterval(5)
            while running.process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
            running.process.waitUntilExit()
        }
    }

    /// The process handed to the stopping thread (only that thread uses it from then on).
    private struct RunningProcess: @unchecked Sendable {
        let process: Process
    }

    deinit { stop() }
}
