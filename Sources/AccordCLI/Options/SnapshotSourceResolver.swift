import AccordSnapshot
import Foundation

/// Turns a diff side (`OLD`/`NEW`) into a snapshot: a snapshot file (or `git:REF:PATH`), a
/// configured server name (captured live), or `live` (the server named by `--url` or `-- CMD`).
struct SnapshotSourceResolver {
    var server: ServerOptions
    var client: ClientOptionGroup
    var command: [String]
    var verbose: Bool
    var quiet: Bool

    struct Loaded {
        /// A file's definitions stay unread until used.
        var document: SnapshotDocument
        /// What to call it in reports: the file path, server name or URL.
        var label: String

        init(document: SnapshotDocument, label: String) {
            self.document = document
            self.label = label
        }

        init(snapshot: Snapshot, label: String) {
            self.init(document: SnapshotDocument(snapshot), label: label)
        }

        /// The whole snapshot in memory (every definition read).
        func snapshot() -> Snapshot { document.snapshot() }
    }

    func load(_ side: String) async throws -> Loaded {
        if side == "live" {
            guard server.url != nil || !command.isEmpty else {
                throw UsageError("`live` needs the server: --url URL or -- COMMAND ARGS...")
            }
            let resolved = try EndpointResolver(options: server).resolve(name: nil, command: command)
            return Loaded(snapshot: try await capture(resolved), label: resolved.label)
        }
        if SnapshotArgument.namesSnapshot(side) {
            return Loaded(document: try await SnapshotArgument.readDocument(side), label: side)
        }
        let resolved = try EndpointResolver(options: server).resolve(name: side, command: [])
        return Loaded(snapshot: try await capture(resolved), label: side)
    }

    private func capture(_ resolved: EndpointResolver.Resolved) async throws -> Snapshot {
        if verbose { Console.error("capturing \(resolved.label)…") }
        let outcome = try await SnapshotCapture.capture(resolved.endpoint, options: client.clientOptions)
        for warning in outcome.warnings where !quiet { Console.warning(warning) }
        return outcome.snapshot
    }
}
