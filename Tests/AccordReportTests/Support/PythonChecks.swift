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
    /// ``Failed`` with everything it printed when it exits non-zero. Awaited, so a checker never
    /// holds a thread of the test pool.
    static func run(_ script: String, _ arguments: [String]) async throws -> String {
        let run = try await runChild(try python(), [path("Tests/Fixtures/report_checks/\(script)")] + arguments, limit: 120)
        guard run.status == 0 else { throw Failed(script: script, status: run.status, output: run.stdout + run.stderr) }
        return run.stdout
    }

    /// Writes `contents` to a fresh temporary file and passes its path to `body`.
    static func withTemporaryFile<T>(_ contents: String, suffix: String, _ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report\(suffix)")
        try Data(contents.utf8).write(to: file)
        return try await body(file.path)
    }

    /// The JSON object a checker printed on its last line.
    static func lastJSONLine(_ output: String) throws -> [String: Any] {
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any], "checker printed no JSON object: \(output)")
    }
}
