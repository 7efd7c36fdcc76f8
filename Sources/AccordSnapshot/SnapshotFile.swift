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
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw SnapshotFileError(path: path, reason: reason)
        }
        return try decode(Array(data), path: path)
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(SnapshotFileError) -> Snapshot {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            throw SnapshotFileError(path: path, line: error.line, reason: "not valid JSON: \(error.reason) (column \(error.column))")
        }
        func field<T>(_ key: String, _ expected: String, _ extract: (JSONValue) -> T?) throws(SnapshotFileError) -> T {
            guard let value = json[key] else { throw SnapshotFileError(path: path, field: "/\(key)", reason: "missing; a snapshot needs \(expected)") }
            guard let typed = extract(value) else { throw SnapshotFileError(path: path, field: "/\(key)", reason: "must be \(expected), found \(value.typeName)") }
            return typed
        }
        guard case .object = json else { throw SnapshotFileError(path: path, field: "", reason: "a snapshot must be a JSON object") }
        let format = try field("formatVersion", "an integer", \.intValue)
        guard format <= Snapshot.formatVersion else {
            throw SnapshotFileError(path: path, field: "/formatVersion", reason: "format \(format) is newer than this Accord understands (\(Snapshot.formatVersion)); upgrade Accord")
        }
        let eraText = try field("era", "\"handshake\" or \"modern\"", \.stringValue)
        guard let era = ProtocolEra(rawValue: eraText) else {
            throw SnapshotFileError(path: path, field: "/era", reason: "must be \"handshake\" or \"modern\", found \"\(eraText)\"")
        }
        var lists: [DefinitionKind: [JSONValue]] = [:]
        for kind in DefinitionKind.allCases {
            let items = try field(kind.snapshotKey, "an array", \.arrayValue)
            for (index, item) in items.enumerated() where kind.identity(of: item) == nil {
                throw SnapshotFileError(path: path, field: "/\(kind.snapshotKey)/\(index)/\(kind.identityField)", reason: "missing or not a string")
            }
            lists[kind] = items
        }
        return Snapshot(
            serverInfo: json["serverInfo"] ?? .null,
            protocolVersion: try field("protocolVersion", "a string", \.stringValue),
            era: era,
            capabilities: json["capabilities"] ?? .object([:]),
            instructions: json["instructions"]?.stringValue,
            tools: lists[.tool] ?? [],
            resources: lists[.resource] ?? [],
            resourceTemplates: lists[.resourceTemplate] ?? [],
            prompts: lists[.prompt] ?? []
        )
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
