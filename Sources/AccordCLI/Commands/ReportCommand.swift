import AccordJSON
import AccordReport
import AccordYAML
import ArgumentParser
import Foundation

/// `accord report …`: work with the reports Accord wrote.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Work with reports Accord wrote: merge the JSON reports of a sharded check.",
        subcommands: [ReportMergeCommand.self]
    )
}

/// `accord report merge`: the JSON reports of `accord check --shard I/N` as one gate.
struct ReportMergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the JSON reports of sharded accord check runs into the report of the whole gate.",
        discussion: """
            Reads check reports written by `accord check --format json` or --report json=PATH \
            and prints them as one, in any format, exactly as an unsharded `accord check` would \
            have printed the same results. Shards (--shard I/N) must add up: the same N and \
            servers, every index once, every server in one shard. Reports without a shard \
            (e.g. separate --server runs) are joined in the order given, each server once. One \
            report re-renders it in other formats.

            EXAMPLES:
              accord report merge shard-1.json shard-2.json shard-3.json
              accord report merge shards/*.json --format markdown >> "$GITHUB_STEP_SUMMARY"
              accord report merge shards/*.json --report sarif=accord.sarif \\
                --report junit=accord.xml --report json=accord.json

            EXIT CODES:
              0  the merged gate passed
              1  findings at or above fail-on in some shard, as accord check
              2  a file is unreadable, not a check report, malformed or from a newer
                 Accord (named with line and field), or the shards do not add up
              3  a server could not be checked in some shard, as accord check
              4  internal error (a bug in Accord: please report it)
            """
    )

    @Argument(help: ArgumentHelp("The check reports (JSON) to merge.", valueName: "report.json"))
    var files: [String]

    @OptionGroup(title: "Report")
    var report: ReportOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give the JSON check reports to merge, e.g. accord report merge shard-*.json") }
    }

    func run() async throws {
        let parts = try files.map(Self.read)
        let merged: CheckReport
        do { merged = try CheckReport.merging(parts) } catch { throw UsageError("cannot merge: \(error)") }
        try report.emit(merged)
        switch merged.status {
        case .passed: break
        case .failed: throw CommandFailure(.findings)
        case .error: throw CommandFailure(.serverError)
        }
    }

    /// One check report file, read back.
    /// - Throws: ``InputFileError`` naming the file, and the line and field when there is one.
    static func read(_ file: String) throws(InputFileError) -> CheckReportPart {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw InputFileError(file: file, reason: FileManager.default.fileExists(atPath: file) ? "cannot read the file" : "no such file")
        }
        let json: JSONValue
        do { json = try JSONValue(parsing: data) } catch {
            throw InputFileError(file: file, line: error.line, reason: "not a JSON check report: \(error.reason) (column \(error.column))")
        }
        do {
            return CheckReportPart(file: file, report: try CheckReportDocument.report(from: json))
        } catch {
            throw InputFileError(file: file, line: line(of: error.pointer, in: json, text: data), field: error.pointer.isEmpty ? nil : error.pointer,
                                 reason: error.reason)
        }
    }

    /// The line of `pointer` (or of its nearest ancestor present) when the file is the canonical
    /// JSON Accord writes; `nil` for a file laid out otherwise, where lines cannot be told.
    private static func line(of pointer: String, in json: JSONValue, text: Data) -> Int? {
        guard !pointer.isEmpty, let parsed = try? JSONPointer(parsing: pointer), Array(JSONEncoding.canonical(json).utf8) == Array(text) else { return nil }
        let ancestors = (0...parsed.tokens.count).map { JSONPointer(tokens: Array(parsed.tokens.prefix($0))) }
        let lines = JSONEncoding.canonicalLines(json, wanted: Set(ancestors))
        return ancestors.reversed().lazy.compactMap { lines[$0] }.first
    }
}
