import AccordTestSupport
import Foundation

/// One run of the built `accord` binary.
typealias AccordRun = ChildRun

/// Runs `accord arguments` in `directory` and waits (at most `limit` seconds, then kills it and
/// reports a hang as status -1). The wait suspends instead of blocking a thread: the concurrency
/// pool has one thread per core, and tests running in parallel must not starve each other.
func runAccord(_ arguments: [String], in directory: String = PackagePaths.root, environment: [String: String] = [:], limit: Double = 120) async throws -> AccordRun {
    try await runChild(PackagePaths.accord, arguments, directory: directory, environment: ["NO_COLOR": "1"].merging(environment) { $1 }, limit: limit)
}

/// Process ids of live processes whose command line contains `marker` (to prove nothing was
/// left behind).
func processes(matching marker: String, excluding excluded: Int32? = nil) -> [Int32] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    return entries.compactMap { entry -> Int32? in
        guard let pid = Int32(entry), pid != getpid(), pid != excluded,
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
