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

    /// One process for all cases: JSON lines in, one verdict line out per case.
    public static func run(python: String, cases: [(JSONValue, JSONValue)]) throws -> [String] {
        let input = cases.map { JSONEncoding.compact(["schema": $0.0, "instance": $0.1]) }.joined(separator: "\n") + "\n"
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("accord-oracle-\(UUID().uuidString).jsonl")
        try Data(input.utf8).write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script]
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(status: process.terminationStatus, stderr: String(decoding: errorData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
