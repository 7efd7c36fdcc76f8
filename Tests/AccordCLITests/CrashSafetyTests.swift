import AccordTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` of Accord in the middle of rewriting a baseline leaves the previous file intact:
/// files are written to a hidden temp file beside the target and renamed over it only when
/// complete. The kill lands the moment the temp file appears (inotify), while a ~40 MB snapshot
/// is being written and fsynced, and the test proves it landed mid-write (the temp file is still
/// there afterwards, so the rename never ran).
@Suite(.serialized) struct CrashSafetyTests {
    static let previous = "{\n  \"previous\": \"baseline, byte for byte\"\n}\n"

    @Test func killDuringSnapshotOutputLeavesThePreviousFile() async throws {
        let folder = try temporaryFolder()
        let baseline = folder + "/baseline.json"
        try Self.previous.write(toFile: baseline, atomically: true, encoding: .utf8)
        let outcome = try await Self.killAtTempFile(in: folder, arguments: ["snapshot", "-o", baseline, "--timeout", "120"] + (try Self.hugeServer()))
        try Self.expectIntact(baseline, folder: folder, outcome: outcome, target: "baseline.json")
    }

    @Test func killDuringSnapshotUpdateLeavesThePreviousBaseline() async throws {
        let folder = try temporaryFolder()
        // HUGE_COUNT lets the rerun below use a small list.
        try """
            snapshots: snapshots
            servers:
              huge:
                command: \(try Peers.python())
                args: ["\(try Peers.fixture("hostile_server.py"))", "--mode", "huge-list", "--count", "${HUGE_COUNT:-8000}"]
            """.write(toFile: folder + "/accord.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/snapshots", withIntermediateDirectories: true)
        let baseline = folder + "/snapshots/huge.json"
        try Self.previous.write(toFile: baseline, atomically: true, encoding: .utf8)
        let outcome = try await Self.killAtTempFile(in: folder + "/snapshots", arguments: ["snapshot", "huge", "--update", "--timeout", "120"], directory: folder)
        try Self.expectIntact(baseline, folder: folder + "/snapshots", outcome: outcome, target: "huge.json")

        // The stale temp file is no baseline: the next update replaces the real one and works.
        let rerun = try await runAccord(["snapshot", "huge", "--update", "--timeout", "60"], in: folder, environment: ["HUGE_COUNT": "3"], limit: 90)
        #expect(rerun.status == 0, "\(rerun)")
        #expect(try String(contentsOfFile: baseline, encoding: .utf8).contains("\"tool_00002\""))
    }

    /// The same for a report: `diff --report sarif=PATH` over 8000 removed tools writes ~9 MB.
    @Test func killDuringReportWriteLeavesThePreviousReport() async throws {
        let folder = try temporaryFolder()
        try Self.snapshotText(tools: 8000).write(toFile: folder + "/old.json", atomically: true, encoding: .utf8)
        try Self.snapshotText(tools: 0).write(toFile: folder + "/new.json", atomically: true, encoding: .utf8)
        let reports = folder + "/reports"
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        let report = reports + "/diff.sarif"
        try Self.previous.write(toFile: report, atomically: true, encoding: .utf8)
        let outcome = try await Self.killAtTempFile(in: reports, arguments: ["diff", folder + "/old.json", folder + "/new.json", "--report", "sarif=" + report, "--quiet"])
        try Self.expectIntact(report, folder: reports, outcome: outcome, target: "diff.sarif")
    }

    // MARK: - Helpers

    /// A canonical snapshot with `tools` small tools.
    static func snapshotText(tools count: Int) -> String {
        let tools = (0..<count).map { index in
            #"{"description":"Tool \#(index).","inputSchema":{"properties":{"q":{"type":"string"}},"type":"object"},"name":"tool_\#(String(format: "%05d", index))"}"#
        }
        return #"{"capabilities":{"tools":{}},"era":"handshake","formatVersion":1,"prompts":[],"protocolVersion":"2025-11-25","resourceTemplates":[],"resources":[],"serverInfo":{"name":"crash-peer","version":"1.0.0"},"tools":["# + tools.joined(separator: ",") + "]}\n"
    }

    /// `-- python hostile_server.py --mode huge-list --count 8000`: one ~40 MB tools/list line.
    static func hugeServer() throws -> [String] {
        ["--", try Peers.python(), try Peers.fixture("hostile_server.py"), "--mode", "huge-list", "--count", "8000"]
    }

    struct Outcome {
        var temporaryName: String?
        var temporaryExistedAfterKill: Bool
        var killedBySignal: Bool
        var stderr: String
    }

    /// Runs accord with an inotify watch on `folder`; the first file created there whose name
    /// marks it as Accord's temp file gets accord SIGKILLed at once.
    static func killAtTempFile(in folder: String, arguments: [String], directory: String = PackagePaths.root) async throws -> Outcome {
        let watch = inotify_init1(Int32(IN_CLOEXEC))
        try #require(watch >= 0)
        defer { close(watch) }
        try #require(inotify_add_watch(watch, folder, UInt32(IN_CREATE)) >= 0)

        let errURL = URL(fileURLWithPath: try temporaryFolder() + "/err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.accord)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        try process.run()
        let pid = process.processIdentifier

        // A plain thread waits on the watch; the kill follows the event within microseconds.
        let watcher = TempFileWatcher(descriptor: watch, pid: pid)
        let thread = Thread { watcher.run() }
        thread.start()
        let deadline = Date().addingTimeInterval(240)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        watcher.stop()
        while !watcher.finished { try await Task.sleep(for: .milliseconds(10)) }
        let name = watcher.found
        return Outcome(
            temporaryName: name,
            temporaryExistedAfterKill: name.map { FileManager.default.fileExists(atPath: folder + "/" + $0) } ?? false,
            killedBySignal: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        )
    }

    /// Reads inotify events until Accord's temp file appears (then SIGKILLs `pid`) or `stop()`.
    final class TempFileWatcher: @unchecked Sendable {
        private let descriptor: Int32
        private let pid: Int32
        private let lock = NSLock()
        private var stopped = false
        private var name: String?
        private var done = false

        init(descriptor: Int32, pid: Int32) {
            self.descriptor = descriptor
            self.pid = pid
        }

        var found: String? { lock.withLock { name } }
        var finished: Bool { lock.withLock { done } }
        func stop() { lock.withLock { stopped = true } }

        func run() {
            defer { lock.withLock { done = true } }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            while !lock.withLock({ stopped }) {
                guard poll(&poller, 1, 50) > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { return }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset + 12, as: UInt32.self)) }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let created = String(decoding: buffer[nameStart..<min(count, nameStart + length)].prefix { $0 != 0 }, as: UTF8.self)
                    if created.contains(".accord-"), created.hasSuffix(".tmp") {
                        kill(pid, SIGKILL)
                        lock.withLock { name = created }
                        return
                    }
                    offset = nameStart + length
                }
            }
        }
    }

    static func expectIntact(_ baseline: String, folder: String, outcome: Outcome, target: String) throws {
        let name = try #require(outcome.temporaryName, "accord never created a temp file: \(outcome.stderr)")
        #expect(outcome.killedBySignal, "accord was not killed by SIGKILL: \(outcome.stderr)")
        #expect(outcome.temporaryExistedAfterKill, "the kill came after the rename; the test proved nothing")
        #expect(try Data(contentsOf: URL(fileURLWithPath: baseline)) == Data(Self.previous.utf8), "the previous baseline changed")
        // The leftover is hidden and named so nothing takes it for a snapshot.
        #expect(name.hasPrefix(".\(target).accord-"), "\(name)")
        #expect(!name.hasSuffix(".json"))
        let visible = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        #expect(visible == [target], "\(visible)")
    }
}
