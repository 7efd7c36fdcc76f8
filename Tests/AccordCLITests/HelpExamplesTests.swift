import AccordCLI
import Testing

/// Every command's help shows examples that work: each one parses under the CLI, and each line
/// fits an 80-column terminal (ArgumentParser wraps longer ones mid-command; the built binary is
/// run, so the help is what a user sees when stdout is not a terminal).
@Suite struct HelpExamplesTests {
    @Test(arguments: [[], ["check"], ["snapshot"], ["diff"], ["bump"], ["verify"], ["can-i-deploy"], ["contract", "init"], ["rules"], ["review"],
                      ["report", "merge"], ["record"], ["mock"], ["publish"], ["record-deployment"], ["registry", "list"], ["registry", "show"], ["probe"]])
    func examplesParseAndFit(_ command: [String]) async throws {
        let run = try await runAccord(command + ["--help"])
        #expect(run.status == 0)
        let help = run.stdout
        let lines = help.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "EXAMPLES:"), "accord \(command.joined(separator: " ")) --help has no EXAMPLES")
        let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
        #expect(!examples.isEmpty)
        for line in examples {
            #expect(line.hasPrefix("  "), "wrapped: \"\(line)\"")
            #expect(line.count <= 80, "too wide: \"\(line)\"")
        }
        let invocations = ShellScript.accordInvocations(in: examples.joined(separator: "\n"), file: "help", firstLine: 1)
        #expect(invocations.count >= 2)
        for invocation in invocations {
            if let error = invocation.parseError { Issue.record("\(invocation): \(error)") }
        }
    }
}
