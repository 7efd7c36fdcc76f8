import AccordJSON
import AccordSnapshot
import Foundation

/// The stages after the proxy: observed session → contract (and snapshot) → files, written
/// atomically so an interrupted or failed recording never leaves a half-written file.
///
/// ```swift
/// let request = RecordRequest(consumer: "trip-agent", output: "contracts/trip-agent.yaml")
/// try Recording.checkWritable(request)
/// let ending = try await StdioRecordProxy(launch: launch).run(observer: observer)
/// let outcome = try Recording.write(observer.session, ending: ending, request)
/// ```
public enum Recording {
    /// Fails early, before any server starts, when an output file could not be written.
    public static func checkWritable(_ request: RecordRequest) throws(RecordError) {
        for path in [request.output] + (request.snapshotOutput.map { [$0] } ?? []) {
            try checkWritable(path)
        }
    }

    /// Synthesises the contract (and the snapshot, if asked) and writes them.
    public static func write(_ session: ObservedSession, ending: SessionEnding, _ request: RecordRequest) throws(RecordError) -> RecordOutcome {
        let synthesiser = ContractSynthesiser(consumer: request.consumer, provider: request.provider,
                                              resultLimit: request.resultLimit, scrubber: request.scrubber)
        let recorded: RecordedContract
        do {
            recorded = try synthesiser.synthesise(session, incompleteReason: ending.incompleteReason)
        } catch {
            throw .unreadableContract(error.reason)
        }
        try write(recorded.yaml, to: request.output)
        var snapshotWritten = false
        if let path = request.snapshotOutput, let snapshot = session.snapshot {
            try write(snapshot.canonicalText, to: path)
            snapshotWritten = true
        }
        return RecordOutcome(recorded: recorded, ending: ending, snapshotWritten: snapshotWritten)
    }

    private static func write(_ text: String, to path: String) throws(RecordError) {
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch {
            throw .outputNotWritable(path: path, reason: error.reason)
        }
    }

    private static func checkWritable(_ path: String) throws(RecordError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw .outputNotWritable(path: path, reason: "it is a folder")
        }
        var folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            let parent = folder.deletingLastPathComponent()
            guard parent.path != folder.path else { break }
            folder = parent
        }
        guard isFolder.boolValue else { throw .outputNotWritable(path: path, reason: "\(folder.path) is not a folder") }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw .outputNotWritable(path: path, reason: "the folder \(folder.path) is not writable")
        }
    }
}
