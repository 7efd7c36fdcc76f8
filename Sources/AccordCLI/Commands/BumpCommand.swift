import AccordEvolution
import AccordJSON
import ArgumentParser

/// `accord bump OLD NEW`: the version bump a release needs.
struct BumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bump",
        abstract: "Print the semver bump the changes between two snapshots require, and the next version.",
        discussion: """
            Prints `major|minor|patch|none` and the old serverInfo.version bumped accordingly \
            (below 1.0.0 a breaking change needs a minor bump), e.g. `major 2.0.0`. Accepted \
            findings do not count. Sides are as for `accord diff`.

            EXAMPLES:
              accord bump snapshots/demo.json snapshots/demo-v2.json       # major 2.0.0
              read -r part next < <(accord bump snapshots/api.json live --url "$URL")
            """
    )

    @OptionGroup
    var input: ComparisonInput

    @Flag(help: "Print JSON: {\"bump\": ..., \"current\": ..., \"next\": ...}.")
    var json = false

    func run() async throws {
        let report = try await input.evaluate().report
        let next = report.nextVersion
        if next == nil, !input.verbosity.quiet {
            Console.warning("the old serverInfo.version \(report.old.serverVersion.map { "\"\($0)\"" } ?? "is missing and") is not a semantic version; no next version")
        }
        let review = report.count(.review)
        if review > 0, !input.verbosity.quiet {
            Console.warning("\(review) review finding\(review == 1 ? "" : "s") in changed LLM-facing text (never a bump; `accord diff` lists them)")
        }
        if json {
            var members: [String: JSONValue] = ["bump": .string(report.requiredBump.rawValue)]
            members["current"] = report.old.serverVersion.map(JSONValue.string)
            members["next"] = next.map(JSONValue.string)
            Console.out(JSONEncoding.compact(.object(members)) + "\n")
        } else {
            Console.out("\(report.requiredBump.rawValue)\(next.map { " \($0)" } ?? "")\n")
        }
    }
}
