import AccordTestSupport
import Foundation
import Testing

/// Runs the checkers in `Tests/Fixtures/report_checks/` with the peers venv's Python. Without
/// `ACCORD_PEERS_PYTHON` the calling test fails (it never skips): run the suite with scripts/test.
enum PythonChecks {
    struct Failed: Error, CustomStringConvertible {
        let script: String
        let status: Int32
        let output: String
        var description: String { "\(script) exited with status \(status):\n\(output)" }
    }

    static func path(_ relative: String) -> String { PackagePaths.path(relative) }

    static func python() throws -> String { try Peers.python() }

    /// Runs `Tests/Fixtures/report_checks/<script>` and returns its standard output; throws
    /// ``Failed`` with everything it printed when it exits non-zero.
    static func run(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python())
        process.arguments = [path("Tests/Fixtures/report_checks/\(script)")] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw Failed(script: script, status: process.terminationStatus, output: output) }
        return output
    }

    /// Writes `contents` to a fresh temporary file and passes its path to `body`.
    static func withTemporaryFile<T>(_ contents: String, suffix: String, _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report\(suffix)")
        try Data(contents.utf8).write(to: file)
        return try body(file.path)
    }

    /// The JSON object a checker printed on its last line.
    static func lastJSONLine(_ output: String) throws -> [String: Any] {
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any], "checker printed no JSON object: \(output)")
    }
}
