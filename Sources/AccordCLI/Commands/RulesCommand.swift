import AccordEvolution
import ArgumentParser

/// `accord rules`: the change-rule catalogue.
struct RulesCommand: ParsableCommand {
    enum Format: String, CaseArgument {
        case text, json, markdown
    }

    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Print the change-rule catalogue: every rule id with its severity, direction and semver effect.",
        discussion: """
            Rule ids are the vocabulary of policies (severity overrides, accept entries) and \
            reports. The README's rule reference is this command's markdown output.

            EXAMPLES:
              accord rules
              accord rules --format json \\
                | jq '.rules[] | select(.severity == "breaking") | .id'
            """
    )

    @Option(help: "text, json or markdown.")
    var format: Format = .text

    func run() throws {
        switch format {
        case .text: Console.out(RuleCatalogueDocument.text())
        case .json: Console.out(RuleCatalogueDocument.json())
        case .markdown: Console.out(RuleCatalogueDocument.markdown())
        }
    }
}
