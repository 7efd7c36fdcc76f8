import AccordJSON
import AccordMCP
import Foundation

/// A snapshot file that cannot be used, with where and why.
public struct SnapshotFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// 1-based line, when the problem is in the JSON text itself.
    public var line: Int?
    /// The JSON Pointer of the offending field, when the JSON parsed.
    public var field: String?
    public var reason: String

    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let field { location += " at \(field.isEmpty ? "the top level" : field)" }
        return "\(location): \(reason)"
    }
}

/// Reading and writing snapshot files. Writes are atomic: a temp file in the same folder is
/// written, flushed and renamed over the target, so a failed or interrupted write never leaves a
/// half-written baseline.
public enum SnapshotFile {
    public static func read(_ path: String) throws(SnapshotFileError) -> Snapshot {
        try SnapshotDocument.read(path).snapshot()
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(SnapshotFileError) -> Snapshot {
        try SnapshotDocument.decode(bytes, path: path).snapshot()
    }

    /// Writes `snapshot` to `path` atomically, creating missing parent folders.
    public static func write(_ snapshot: Snapshot, to path: String) throws(SnapshotFileError) {
        try AtomicFile.write(Array(snapshot.canonicalText.utf8), to: path)
    }
}

/// Atomic file replacement: temp file in the target's folder, fsync, rename.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(SnapshotFileError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SnapshotFileError(path: path, reason: "cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).accord-\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw SnapshotFileError(path: path, reason: "cannot write in \(folder.path): \(String(cString: strerror(errno)))")
        }
        var offset = 0
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress!.advanced(by: offset), buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw SnapshotFileError(path: path, reason: "cannot write the file: \(failure)")
        }
    }
}
