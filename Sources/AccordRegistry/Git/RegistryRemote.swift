import AccordGit
import Foundation

/// The registry repository, reached through the `git` command (any URL git takes: a path,
/// `file://`, `git://`, ssh, https; git's own credential helpers, SSH agent and `GIT_ASKPASS`).
///
/// Each operation works in a scratch bare repository of its own, removed afterwards: it fetches
/// only the refs it reads (depth 1), builds commits with plumbing (no working tree), and pushes
/// without force — a push that lost a race is rejected by git and the operation is redone on
/// the new tip (``update(_:message:change:)``). Nothing is written outside the scratch folder.
public struct RegistryRemote: Sendable {
    /// The URL as git is given it (a relative path made absolute).
    public let url: String
    /// The URL as messages show it: user and password removed.
    public let display: String
    let git: GitCommand

    /// Runs `body` with the registry at `url`; the scratch repository is removed afterwards, also
    /// when `body` throws or is cancelled.
    public static func with<Result: Sendable>(_ url: String, timeout: Duration = .seconds(60),
                                              _ body: (RegistryRemote) async throws -> Result) async throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("accord-registry-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw RegistryError(.unreachable, "cannot create a scratch folder in \(FileManager.default.temporaryDirectory.path): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let absolute = Self.absolute(url)
        let git = GitCommand(directory: scratch, timeout: timeout, environment: ["GIT_DIR": scratch])
        let remote = RegistryRemote(url: absolute, display: Self.redacted(url), git: git)
        _ = try await remote.run(["init", "--bare", "--quiet"])
        return try await body(remote)
    }

    // MARK: Reading

    /// The refs under `prefix` and their commits (`git ls-remote`; with protocol v2 the server
    /// sends only those).
    public func refs(under prefix: String) async throws(RegistryError) -> [String: String] {
        try await lsRemote(prefix + "*")
    }

    /// The commit of one ref, nil when it does not exist yet.
    public func tip(of ref: String) async throws(RegistryError) -> String? {
        try await lsRemote(ref)[ref]
    }

    private func lsRemote(_ pattern: String) async throws(RegistryError) -> [String: String] {
        let result = try await run(["ls-remote", "--refs", url, pattern], allowFailure: true)
        guard result.succeeded else { throw unreachable(result) }
        var refs: [String: String] = [:]
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { refs[String(parts[1])] = String(parts[0]) }
        }
        return refs
    }

    /// Fetches `refs` (their last commit only) into the scratch repository.
    public func fetch(_ refs: [String]) async throws(RegistryError) {
        guard !refs.isEmpty else { return }
        let refspecs = refs.map { "+\($0):\($0)" }.joined(separator: "\n") + "\n"
        let result = try await run(["fetch", "--quiet", "--no-tags", "--depth=1", "--stdin", url], input: Array(refspecs.utf8), allowFailure: true)
        guard result.succeeded else { throw unreachable(result) }
    }

    /// Every file of each fetched ref, by path (one `cat-file --batch` for all of them).
    public func files(of refs: [String]) async throws(RegistryError) -> [String: [String: [UInt8]]] {
        let entries = try await listing(of: refs)
        var files: [String: [String: [UInt8]]] = Dictionary(uniqueKeysWithValues: refs.map { ($0, [:]) })
        guard !entries.isEmpty else { return files }
        let batch = try await run(["cat-file", "--batch"], input: Array(entries.map { $0.object + "\n" }.joined().utf8))
        var offset = 0
        let bytes = batch.stdout
        for entry in entries {
            // "<object> blob <size>\n<content>\n"
            guard let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: bytes[offset..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= bytes.count else {
                throw RegistryError(.unreachable, "git cat-file returned an unexpected answer for \(entry.ref):\(entry.path)")
            }
            files[entry.ref, default: [:]][entry.path] = Array(bytes[(newline + 1)..<(newline + 1 + size)])
            offset = newline + 1 + size + 1
        }
        return files
    }

    /// The blobs of each ref's tree. A commit fetched with depth 1 is a shallow root, so one
    /// `diff-tree --stdin --root` lists every ref's files in one process; a ref whose commit has
    /// its parent here (fetched again after a rejected push) is listed with `ls-tree`.
    private func listing(of refs: [String]) async throws(RegistryError) -> [(ref: String, path: String, object: String)] {
        guard !refs.isEmpty else { return [] }
        let commits = try await run(["rev-parse"] + refs).output.split(separator: "\n").map(String.init)
        guard commits.count == refs.count else { throw RegistryError(.unreachable, "git rev-parse did not resolve every fetched ref") }
        let shallow = Set(((try? String(contentsOfFile: git.directory + "/shallow", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init))
        var entries: [(ref: String, path: String, object: String)] = []
        var roots: [(ref: String, commit: String)] = []
        for (ref, commit) in zip(refs, commits) {
            guard !shallow.contains(commit) else {
                roots.append((ref, commit))
                continue
            }
            let listing = try await run(["ls-tree", "-r", "-z", "--full-tree", ref])
            for entry in listing.output.split(separator: "\0") {
                let parts = entry.split(separator: "\t", maxSplits: 1)
                let fields = parts.first?.split(separator: " ") ?? []
                guard parts.count == 2, fields.count == 3, fields[1] == "blob" else { continue }
                entries.append((ref, String(parts[1]), String(fields[2])))
            }
        }
        guard !roots.isEmpty else { return entries }
        // "<commit>\0" then ":000000 100644 0…0 <blob> A\0<path>\0" for each file it adds.
        let input = Array(Set(roots.map(\.commit)).sorted().map { $0 + "\n" }.joined().utf8)
        let fields = try await run(["diff-tree", "--stdin", "-r", "--root", "-z"], input: input)
            .output.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        // Two refs may point at one commit: each gets its files.
        let refsOf = Dictionary(grouping: roots, by: \.commit).mapValues { $0.map(\.ref) }
        var current: [String] = []
        var index = 0
        while index < fields.count {
            let field = fields[index].trimmingCharacters(in: .newlines)
            if field.hasPrefix(":") {
                let columns = field.split(separator: " ")
                if columns.count >= 5, index + 1 < fields.count, columns[1] != "160000" {
                    for ref in current { entries.append((ref, fields[index + 1], String(columns[3]))) }
                }
                index += 2
            } else {
                if let refs = refsOf[field] { current = refs }
                index += 1
            }
        }
        return entries
    }

    // MARK: Writing

    public enum UpdateOutcome: Sendable, Equatable {
        /// One commit was pushed.
        case committed(commit: String, attempts: Int)
        /// The change was already there: nothing pushed.
        case unchanged
    }

    /// One operation on one ref: read its files at the tip, let `change` return the files to
    /// write (nil: nothing to do), commit them on the tip and push. A push rejected because
    /// another writer moved the ref first is redone from the new tip, up to `attempts` times with
    /// growing, jittered pauses; then ``RegistryError/Kind/contention``.
    public func update(_ ref: String, message: String, attempts: Int = 12,
                       change: ([String: [UInt8]]) throws(RegistryError) -> [String: [UInt8]]?) async throws(RegistryError) -> UpdateOutcome {
        for attempt in 1...max(1, attempts) {
            let tip = try await tip(of: ref)
            var current: [String: [UInt8]] = [:]
            if tip != nil {
                try await fetch([ref])
                current = try await files(of: [ref])[ref] ?? [:]
            }
            guard let changed = try change(current), !changed.isEmpty else { return .unchanged }
            let commit = try await commit(changed, on: tip == nil ? nil : ref, message: message)
            if try await push(commit, to: ref) { return .committed(commit: commit, attempts: attempt) }
            let pause = UInt64(min(2_000, 25 << min(attempt, 6))) + UInt64.random(in: 0...50)
            do { try await Task.sleep(for: .milliseconds(pause)) } catch { throw RegistryError(.cancelled, "interrupted; nothing was pushed") }
        }
        throw RegistryError(.contention, "\(ref) in \(display) kept changing under \(attempts) attempts to update it (other writers won each time); try again")
    }

    /// A commit holding `parent`'s tree with `files` written over it.
    private func commit(_ files: [String: [UInt8]], on parent: String?, message: String) async throws(RegistryError) -> String {
        let index = git.directory + "/index-\(UUID().uuidString)"
        var indexed = git
        indexed.environment["GIT_INDEX_FILE"] = index
        defer { try? FileManager.default.removeItem(atPath: index) }
        if let parent { _ = try await run(["read-tree", parent], with: indexed) }
        var lines = ""
        for path in files.keys.sorted() {
            let blob = try await run(["hash-object", "-w", "--stdin"], input: files[path]!).output.trimmingCharacters(in: .whitespacesAndNewlines)
            lines += "100644 blob \(blob)\t\(path)\n"
        }
        _ = try await run(["update-index", "--index-info"], input: Array(lines.utf8), with: indexed)
        let tree = try await run(["write-tree"], with: indexed).output.trimmingCharacters(in: .whitespacesAndNewlines)
        var arguments = ["commit-tree", tree, "-m", message]
        if let parent { arguments += ["-p", parent] }
        return try await run(arguments, with: try await committing()).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// git for `commit-tree`: commits need an author, and CI machines often have no git
    /// identity configured, so Accord's stands in for a missing one (asked only when writing).
    private func committing() async throws(RegistryError) -> GitCommand {
        let configured = try await run(["config", "--get", "user.email"], allowFailure: true)
        guard !configured.succeeded || configured.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return git }
        var command = git
        for role in ["AUTHOR", "COMMITTER"] where ProcessInfo.processInfo.environment["GIT_\(role)_EMAIL"] == nil {
            command.environment["GIT_\(role)_NAME"] = "Accord"
            command.environment["GIT_\(role)_EMAIL"] = "accord@localhost"
        }
        return command
    }

    /// Pushes without force; false when the registry refused because the ref moved (a race).
    private func push(_ commit: String, to ref: String) async throws(RegistryError) -> Bool {
        let result = try await run(["push", "--porcelain", "--quiet", url, "\(commit):\(ref)"], allowFailure: true)
        if result.succeeded { return true }
        let text = (result.output + "\n" + result.stderr).lowercased()
        let race = ["[rejected]", "fetch first", "non-fast-forward", "cannot lock ref", "failed to update ref", "stale info", "already exists", "incorrect old value"]
        if race.contains(where: text.contains) { return false }
        throw unreachable(result, doing: "push to")
    }

    // MARK: git

    @discardableResult
    private func run(_ arguments: [String], input: [UInt8] = [], with command: GitCommand? = nil, allowFailure: Bool = false) async throws(RegistryError) -> GitCommand.Result {
        let result: GitCommand.Result
        do {
            result = try await (command ?? git).run(arguments, input: input)
        } catch {
            switch error.reason {
            case .cancelled: throw RegistryError(.cancelled, "interrupted; nothing was pushed")
            case .gitUnavailable(let detail): throw RegistryError(.unreachable, "cannot run git, which the registry needs: \(detail)")
            default: throw RegistryError(.unreachable, redact(error.description))
            }
        }
        if !result.succeeded, !allowFailure {
            throw RegistryError(.unreachable, redact("git \(arguments.first ?? "") failed in the scratch repository: \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))"))
        }
        return result
    }

    private func unreachable(_ result: GitCommand.Result, doing what: String = "reach") -> RegistryError {
        let reason = result.stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && !$0.hasPrefix("hint:") } ?? result.status
        return RegistryError(.unreachable, "cannot \(what) the registry \(display): \(redact(String(reason)))")
    }

    /// Messages never show credentials: the URL as given is replaced by its redacted form.
    private func redact(_ text: String) -> String {
        text.replacingOccurrences(of: url, with: display)
    }

    static func absolute(_ url: String) -> String {
        if url.contains("://") || url.hasPrefix("/") { return url }
        // scp-like ssh (host:path) has a colon before any slash.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return url }
        return URL(fileURLWithPath: url).standardizedFileURL.path
    }

    /// `https://user:token@host/x` → `https://host/x`.
    public static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@"), !rest[..<at].contains("/") else { return url }
        return String(url[..<scheme.upperBound]) + rest[rest.index(after: at)...]
    }
}
