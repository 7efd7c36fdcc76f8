import AccordJSON
import Foundation

/// Runs Tests/Fixtures/jsonschema_oracle.py with the peers venv's Python: Python's `jsonschema`
/// as an independent validator (SchemaCrossCheckTests, SchemaCompletenessPropertyTests).
public enum OraclePython {
    public struct Failed: Error, CustomStringConvertible {
        public let status: Int32
        public let stderr: String
        public var description: String { "the jsonschema oracle exited with status \(status): \(stderr)" }
    }

    public static func path() throws -> String { try Peers.python() }

    public static var script: String { PackagePaths.path("Tests/Fixtures/jsonschema_oracle.py") }

    /// One process for all cases: JSON lines in, one verdict line out per case. Awaited (the
    /// oracle can run for a minute; it must not hold a thread of the test pool).
    public static func run(python: String, cases: [(JSONValue, JSONValue)]) async throws -> [String] {
        let input = cases.map { JSONEncoding.compact(["schema": $0.0, "instance": $0.1]) }.joined(separator: "\n") + "\n"
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("accord-oracle-\(UUID().uuidString).jsonl")
        try Data(input.utf8).write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let run = try await runChild(python, [script], standardInput: inputFile.path, limit: 600)
        guard run.status == 0 else { throw Failed(status: run.status, stderr: run.stderr) }
        return run.stdout.split(separator: "\n").map(String.init)
    }
}
