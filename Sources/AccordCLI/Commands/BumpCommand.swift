import AccordEvolution
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

    @Argument(help: ArgumentHelp("The old side: snapshot file, server name, or live.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new side: snapshot file, server name, or live.", valueName: "new"))
    var new: String

    @Flag(help: "Print JSON: {\"bump\": ..., \"current\": ..., \"next\": ...}.")
    var json = false

    @OptionGroup(title: "Policy")
    var policyOptions: PolicyOptions

    @OptionGroup(title: "Server (for live sides)")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Client")
    var client: ClientOptionGroup

    @OptionGroup(title: "Output")
    var verbosity: VerbosityOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("After --: the stdio server for a `live` side.", valueName: "command"))
    var command: [String] = []

    func run() async throws {
        let report = try await DiffCommand.evaluate(old: old, new: new, policyOptions: policyOptions, failOn: nil,
                                                    server: serverOptions, client: client, command: command, verbosity: verbosity)
        let next = report.nextVersion
        if next == nil, !verbosity.quiet {
            Console.warning("the old serverInfo.version \(report.old.serverVersion.map { "\"\($0)\"" } ?? "is missing and") is not a semantic version; no next version")
        }
        if json {
            var members: [String: String] = ["bump": report.requiredBump.rawValue]
            members["current"] = report.old.serverVersion
            members["next"] = next
            let body = members.keys.sorted().map { "\"\($0)\": \"\(members[$0]!)\"" }.joined(separator: ", ")
            Console.out("{\(body)}\n")
        } else {
            Console.out("\(report.requiredBump.rawValue)\(next.map { " \($0)" } ?? "")\n")
        }
    }
}
