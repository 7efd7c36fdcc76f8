import Dispatch
import Foundation
import PackagePlugin

/// One run of the built `accord`, its output relayed to the user.
///
/// SwiftPM prints whatever a plugin writes (stdout and stderr alike) on its stdout, line by
/// line, and drops a last line without a newline. So Accord's stdout is copied to the plugin's
/// stdout with a final newline guaranteed, and Accord's stderr goes through SwiftPM's progress
/// channel, which SwiftPM prints on its stderr: `swift package accord diff … > report.md` stays
/// a clean report.
struct AccordProcess {
    var executable: URL
    var arguments: [String]
    var workingDirectory: URL
    /// `ACCORD_PRODUCTS_DIR`: where Accord finds the executables of `swift-product:` servers.
    var productsFolder: URL

    /// How Accord ended.
    struct Status: Equatable {
        var code: Int32
        var signalled: Bool

        /// The meaning of Accord's documented exit codes.
        static let meanings: [Int32: String] = [
            1: "findings at or above --fail-on: breaking changes, failed contracts or an insufficient version bump",
            2: "usage or input error",
            3: "server error: a server could not be started, reached or understood",
            4: "internal error in Accord",
            130: "interrupted",
        ]

        /// The error to report, `nil` on success.
        var failureDescription: String? {
            if signalled { return "accord was terminated by signal \(code)" }
            guard code != 0 else { return nil }
            return "accord exited with status \(code)" + (Self.meanings[code].map { " (\($0))" } ?? "")
        }
    }

    func run() throws -> Status {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        var environment = ProcessInfo.processInfo.environment
        environment["ACCORD_PRODUCTS_DIR"] = productsFolder.path
        process.environment = environment
        // The plugin's own stdin is closed by PackagePlugin; a child without one would reuse
        // descriptor 0 for the first file it opens.
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors

        try process.run()
        let relays = DispatchGroup()
        Self.relay(output.fileHandleForReading, in: relays) { FileHandle.standardOutput.write($0) }
        Self.relayLines(errors.fileHandleForReading, in: relays) { Diagnostics.progress($0) }
        process.waitUntilExit()
        // The pipes close when accord exits, unless something it started still holds them (a
        // stray server): then the rest of its output is not worth hanging for.
        _ = relays.wait(timeout: .now() + 10)
        return Status(code: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal)
    }

    /// Copies `handle` to `write` until end of file, ending with a newline.
    private static func relay(_ handle: FileHandle, in group: DispatchGroup, write: @escaping @Sendable (Data) -> Void) {
        DispatchQueue.global().async(group: group) {
            var last: UInt8 = UInt8(ascii: "\n")
            while case let chunk = handle.availableData, !chunk.isEmpty {
                write(chunk)
                last = chunk.last ?? last
            }
            if last != UInt8(ascii: "\n") { write(Data("\n".utf8)) }
        }
    }

    /// Passes each line of `handle` to `emit` until end of file.
    private static func relayLines(_ handle: FileHandle, in group: DispatchGroup, emit: @escaping @Sendable (String) -> Void) {
        DispatchQueue.global().async(group: group) {
            var pending = Data()
            while case let chunk = handle.availableData, !chunk.isEmpty {
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    emit(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[pending.index(after: newline)...])
                }
            }
            if !pending.isEmpty { emit(String(decoding: pending, as: UTF8.self)) }
        }
    }
}
