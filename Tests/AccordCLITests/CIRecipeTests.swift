import AccordCLI
import AccordTestSupport
import Foundation
import Testing
import Yams

/// The CI recipes (docs/ci/), the GitHub Action (action.yml), the release guide (docs/release.md)
/// and the example release script (scripts/release-notes) use only commands and flags the CLI
/// has: every `accord …` in a YAML `run:`/`script:` block, a fenced shell block or a script is
/// parsed by the real command line parser, so a renamed flag breaks this test rather than a
/// user's pipeline.
@Suite struct CIRecipeTests {
    /// Every file in docs/ci/, the release guide and script, the README (its examples are
    /// recipes too) and the composite action.
    static let recipeFiles: [String] = {
        let folder = PackagePaths.path("docs/ci")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().map { "docs/ci/" + $0 } + ["docs/release.md", "scripts/release-notes", "README.md", "action.yml"]
    }()

    @Test func theRecipesAreThere() {
        for file in ["docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml", "docs/ci/README.md", "docs/ci/python-server.yml", "docs/ci/typescript-server.yml"] {
            #expect(Self.recipeFiles.contains(file), "missing \(file)")
        }
    }

    @Test(arguments: recipeFiles)
    func everyAccordInvocationParses(_ file: String) throws {
        let invocations = try RecipeFile(file).accordInvocations()
        #expect(!invocations.isEmpty, "\(file) runs no accord command")
        for invocation in invocations {
            if let error = invocation.parseError {
                Issue.record("\(invocation): \(error)")
            }
        }
    }

    @Test(arguments: ["docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml", "docs/ci/README.md", "docs/ci/python-server.yml", "docs/ci/typescript-server.yml"])
    func everyRecipeRunsTheGate(_ file: String) throws {
        let invocations = try RecipeFile(file).accordInvocations()
        #expect(invocations.contains { $0.arguments.first == "check" }, "\(file) never runs accord check")
    }

    /// The GitHub workflow publishes everything even when the gate fails, then fails the job.
    @Test func gitHubWorkflowPublishesAndFailsAtTheEnd() throws {
        let file = try RecipeFile("docs/ci/github-actions.yml")
        let steps = try #require(file.yaml?["jobs"]?.mapping?.values.first?["steps"]?.array())
        let check = try #require(try file.accordInvocations().first { $0.arguments.first == "check" })
        func step(uses prefix: String) -> Node? { steps.first { $0["uses"]?.string?.hasPrefix(prefix) == true } }
        func runsAlways(_ step: Node?) -> Bool { step?["if"]?.string?.contains("always()") == true }

        #expect(steps.contains { $0["run"]?.string?.contains("GITHUB_STEP_SUMMARY") == true }, "the summary is not written")

        let sarif = try #require(step(uses: "github/codeql-action/upload-sarif"), "no SARIF upload")
        #expect(runsAlways(sarif))
        #expect(check.reports["sarif"] == sarif["with"]?["sarif_file"]?.string, "the uploaded SARIF is not the one accord check writes")

        let junit = try #require(step(uses: "dorny/test-reporter"), "no JUnit report")
        #expect(runsAlways(junit))
        #expect(check.reports["junit"] == junit["with"]?["path"]?.string)

        let comment = try #require(step(uses: "marocchino/sticky-pull-request-comment"), "no pull-request comment")
        #expect(runsAlways(comment))

        // The last step fails the job on accord's recorded status.
        let last = try #require(steps.last)
        #expect(runsAlways(last))
        #expect(last["env"]?.mapping?.values.contains { $0.string?.contains("steps.accord.outputs.status") == true } == true)
        #expect(last["run"]?.string?.contains("test \"$STATUS\" = 0") == true)
    }

    /// The composite action installs the wheel, runs the gate with every report, publishes the
    /// summary, SARIF and reports even when the gate fails, and fails the job at the end.
    @Test func compositeActionInstallsTheWheelPublishesAndFailsAtTheEnd() throws {
        let file = try RecipeFile("action.yml")
        let action = try #require(file.yaml)
        #expect(action["runs"]?["using"]?.string == "composite")
        let steps = try #require(action["runs"]?["steps"]?.array())
        let inputs = try #require(action["inputs"]?.mapping)
        for name in ["version", "config", "args", "sarif", "junit", "baseline-ref"] {
            #expect(inputs[Node(name)]?["description"]?.string?.isEmpty == false, "input \(name) missing or undocumented")
        }
        // Every input is used by some step (an unused one is a silent no-op for the user).
        for key in inputs.keys.compactMap(\.string) {
            #expect(file.text.contains("inputs.\(key)"), "input \(key) is never used")
        }
        func runsAlways(_ step: Node?) -> Bool { step?["if"]?.string?.contains("always()") == true }

        let install = try #require(steps.first)
        let installScript = install["run"]?.string ?? ""
        #expect(installScript.contains("pip install") && installScript.contains("accord-mcp"), "the first step does not install the wheel")
        #expect(installScript.contains("GITHUB_PATH"))

        let check = try #require(try file.accordInvocations().first { $0.arguments.first == "check" }, "the action never runs accord check")
        #expect(check.arguments.contains("--config"))
        let gate = try #require(steps.first { $0["id"]?.string == "accord" })
        let script = gate["run"]?.string ?? ""
        #expect(script.contains("--report sarif=\"$SARIF\"") && gate["env"]?["SARIF"]?.string == "${{ inputs.sarif }}")
        #expect(script.contains("--report junit=\"$JUNIT\"") && gate["env"]?["JUNIT"]?.string == "${{ inputs.junit }}")
        #expect(script.contains("GITHUB_STEP_SUMMARY"), "the summary is not written")
        #expect(script.contains("|| status=$?") && script.contains("status=$status\" >> \"$GITHUB_OUTPUT"), "the gate's status is not kept for the end")

        let sarif = try #require(steps.first { $0["uses"]?.string?.hasPrefix("github/codeql-action/upload-sarif") == true }, "no SARIF upload")
        #expect(runsAlways(sarif))
        #expect(sarif["with"]?["sarif_file"]?.string == "${{ inputs.sarif }}")
        let artifact = try #require(steps.first { $0["uses"]?.string?.hasPrefix("actions/upload-artifact") == true }, "no report artifact")
        #expect(runsAlways(artifact))
        #expect(artifact["with"]?["path"]?.string?.contains("${{ inputs.junit }}") == true)

        let last = try #require(steps.last)
        #expect(runsAlways(last))
        #expect(last["env"]?["STATUS"]?.string == "${{ steps.accord.outputs.status }}")
        #expect(last["run"]?.string?.contains("test \"$STATUS\" = 0") == true)
        #expect(action["outputs"]?["status"]?["value"]?.string == "${{ steps.accord.outputs.status }}")
    }

    /// A recipe that uses the action passes only inputs action.yml declares.
    @Test(arguments: recipeFiles.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".md") })
    func recipesUseOnlyTheActionsInputs(_ file: String) throws {
        let declared = Set(try #require(try RecipeFile("action.yml").yaml?["inputs"]?.mapping).keys.compactMap(\.string))
        for use in try RecipeFile(file).actionUses() {
            #expect(Set(use.inputs).isSubset(of: declared), "\(file): \(Set(use.inputs).subtracting(declared).sorted()) are not inputs of action.yml")
        }
    }

    @Test func theTypeScriptRecipeRunsTheGateThroughTheAction() throws {
        let uses = try RecipeFile("docs/ci/typescript-server.yml").actionUses()
        #expect(uses.count == 1)
        #expect(uses.first?.invocation.arguments.starts(with: ["check", "--baseline-ref"]) == true, "\(uses)")
    }

    @Test func gitLabJobKeepsItsReports() throws {
        let file = try RecipeFile("docs/ci/gitlab-ci.yml")
        let job = try #require(file.yaml?["accord"])
        let check = try #require(try file.accordInvocations().first { $0.arguments.first == "check" })
        #expect(job["artifacts"]?["when"]?.string == "always")
        #expect(job["artifacts"]?["reports"]?["junit"]?.string == check.reports["junit"])
        #expect(job["script"]?.array().last?.string == "exit $status")
    }

    // MARK: The checker itself

    /// The checker rejects what the CLI rejects: unknown verbs, unknown flags, bad values.
    @Test(arguments: [
        "accord check --no-such-flag",
        "accord frobnicate",
        "accord check --format yaml",
        "accord check --report pdf=accord.pdf",
        "status=0\naccord check \\\n  --report sarif=accord.sarif \\\n  --colour > accord.md || status=$?",
        "swift package accord check --no-such-flag",
        "echo \"$(accord bump --no-such-flag old.json new.json)\"",
    ])
    func theCheckerRejectsWhatTheCLIRejects(_ script: String) throws {
        let invocations = ShellScript.accordInvocations(in: script, file: "test", firstLine: 1)
        #expect(invocations.count == 1)
        #expect(invocations.allSatisfy { $0.parseError != nil }, "\(invocations)")
    }

    /// How shell text becomes accord's arguments.
    @Test(arguments: [
        ("accord check --format markdown > accord.md || status=$?", [["check", "--format", "markdown"]]),
        ("accord check \\\n  --report sarif=accord.sarif \\\n  --report junit=$OUT/j.xml", [["check", "--report", "sarif=accord.sarif", "--report", "junit=placeholder/j.xml"]]),
        ("LEDGERLY_RELEASE=2.0.0 accord bump snapshots/demo.json demo", [["bump", "snapshots/demo.json", "demo"]]),
        ("if ! accord diff a.json b.json; then echo failed; fi", [["diff", "a.json", "b.json"]]),
        ("read -r part next <<<\"$(accord bump \"$old\" 'live' --url \"${URL}\")\"", [["bump", "placeholder", "live", "--url", "placeholder"]]),
        ("cat accord.md >> \"$GITHUB_STEP_SUMMARY\"; accord rules 2>&1 | head", [["rules"]]),
        ("accord check  # --no-such-flag in a comment", [["check"]]),
        ("cat <<EOF\naccord frobnicate\nEOF\naccord rules", [["rules"]]),
        ("swift package --allow-writing-to-package-directory accord snapshot demo --update", [["snapshot", "demo", "--update"]]),
        ("swift run accord snapshot demo", [["snapshot", "demo"]]),
        ("\"$(swift build --show-bin-path)/accord\" check -q", [["check", "-q"]]),
        ("echo 'accord frobnicate' \"accord check\"", []),
        ("accord check --config \"$CONFIG\" \"${extra[@]}\" || status=$?", [["check", "--config", "placeholder"]]),
    ] as [(String, [[String]])])
    func shellTextBecomesArguments(_ script: String, _ expected: [[String]]) {
        #expect(ShellScript.accordInvocations(in: script, file: "test", firstLine: 1).map(\.arguments) == expected)
    }
}

// MARK: - Reading recipes

/// One `accord …` command found in a recipe, its shell expansions replaced by placeholder words.
struct RecipeInvocation: CustomStringConvertible {
    var file: String
    var line: Int
    var arguments: [String]

    var description: String { "\(file):\(line): accord \(arguments.joined(separator: " "))" }

    /// Why the real parser rejects the arguments, `nil` when it accepts them (`--help` too).
    var parseError: String? {
        do {
            _ = try AccordCommand.parseAsRoot(arguments)
            return nil
        } catch {
            if AccordCommand.exitCode(for: error).isSuccess { return nil }
            return AccordCommand.message(for: error)
        }
    }

    /// `--report FORMAT=PATH` values by format.
    var reports: [String: String] {
        var reports: [String: String] = [:]
        for (index, argument) in arguments.enumerated() where argument == "--report" && index + 1 < arguments.count {
            let pair = arguments[index + 1].split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { reports[pair[0]] = pair[1] }
        }
        return reports
    }
}

/// A recipe file: YAML (commands in `run:`, `script:`, `before_script:`, `after_script:`),
/// markdown (fenced `sh`/`bash`/`shell`/`console` blocks, and `yaml` blocks as YAML) or a shell
/// script.
struct RecipeFile {
    var path: String
    var text: String

    init(_ path: String) throws {
        self.path = path
        self.text = try String(contentsOfFile: PackagePaths.path(path), encoding: .utf8)
    }

    var yaml: Node? { try? Yams.compose(yaml: text) }

    func accordInvocations() throws -> [RecipeInvocation] {
        try shellInvocations() + actionUses().map(\.invocation)
    }

    /// The steps that use Accord's action (`uses: accord-mcp/accord@…`), in YAML files and yaml
    /// blocks of markdown.
    func actionUses() throws -> [ActionUse] {
        let documents: [(String, Int)]
        switch (path as NSString).pathExtension {
        case "yml", "yaml": documents = [(text, 1)]
        case "md": documents = markdownBlocks(languages: ["yaml", "yml"]).map { ($0.text, $0.firstLine) }
        default: documents = []
        }
        return try documents.flatMap { text, firstLine in try ActionUse.find(in: text, file: path, firstLine: firstLine) }
    }

    private func shellInvocations() throws -> [RecipeInvocation] {
        switch (path as NSString).pathExtension {
        case "yml", "yaml": return try Self.yamlInvocations(text, file: path, firstLine: 1)
        case "md": return try markdownInvocations()
        default: return ShellScript.accordInvocations(in: text, file: path, firstLine: 1)
        }
    }

    private static let commandKeys: Set<String> = ["run", "script", "before_script", "after_script"]

    static func yamlInvocations(_ yaml: String, file: String, firstLine: Int) throws -> [RecipeInvocation] {
        guard let root = try Yams.compose(yaml: yaml) else { return [] }
        var invocations: [RecipeInvocation] = []
        func shell(_ node: Node) {
            switch node {
            case .scalar(let scalar):
                // A block scalar's text starts on the line after its `|` or `>`.
                let block = scalar.style == .literal || scalar.style == .folded
                let line = firstLine - 1 + (scalar.mark?.line ?? 1) + (block ? 1 : 0)
                invocations += ShellScript.accordInvocations(in: scalar.string, file: file, firstLine: line)
            case .sequence(let sequence):
                sequence.forEach(shell)
            default:
                break
            }
        }
        func walk(_ node: Node) {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if let name = key.string, commandKeys.contains(name) { shell(value) } else { walk(value) }
                }
            case .sequence(let sequence):
                sequence.forEach(walk)
            default:
                break
            }
        }
        walk(root)
        return invocations
    }

    /// A fenced block of a markdown file.
    struct MarkdownBlock {
        var language: String
        var lines: [String]
        /// The file line of the block's first line.
        var firstLine: Int
        var text: String { lines.joined(separator: "\n") }
    }

    func markdownBlocks(languages: Set<String>? = nil) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        let lines = text.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("```") else {
                index += 1
                continue
            }
            let language = line.dropFirst(3).split(separator: " ").first.map(String.init) ?? ""
            let start = index + 1
            var end = start
            while end < lines.count, !lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("```") { end += 1 }
            if languages?.contains(language) ?? true {
                blocks.append(MarkdownBlock(language: language, lines: Array(lines[start..<min(end, lines.count)]), firstLine: start + 1))
            }
            index = end + 1
        }
        return blocks
    }

    private func markdownInvocations() throws -> [RecipeInvocation] {
        var invocations: [RecipeInvocation] = []
        for block in markdownBlocks() {
            switch block.language {
            case "sh", "bash", "shell", "zsh":
                invocations += ShellScript.accordInvocations(in: block.text, file: path, firstLine: block.firstLine)
            case "console":
                // Commands follow a `$ ` prompt; a trailing backslash continues one.
                var continuing = false
                for (offset, text) in block.lines.enumerated() {
                    guard continuing || text.hasPrefix("$ ") else { continue }
                    let command = continuing ? text : String(text.dropFirst(2))
                    continuing = command.hasSuffix("\\")
                    invocations += ShellScript.accordInvocations(in: command, file: path, firstLine: block.firstLine + offset)
                }
            case "yaml", "yml":
                invocations += try Self.yamlInvocations(block.text, file: path, firstLine: block.firstLine)
            default:
                break
            }
        }
        return invocations
    }
}

/// A workflow step that uses Accord's action: its inputs, and the `accord check` they make.
struct ActionUse: CustomStringConvertible {
    static let reference = "accord-mcp/accord@"

    var inputs: [String]
    var invocation: RecipeInvocation
    var description: String { "\(invocation) (inputs: \(inputs.joined(separator: ", ")))" }

    static func find(in yaml: String, file: String, firstLine: Int) throws -> [ActionUse] {
        guard let root = try Yams.compose(yaml: yaml) else { return [] }
        var uses: [ActionUse] = []
        func walk(_ node: Node) {
            switch node {
            case .mapping(let mapping):
                if let reference = mapping["uses"]?.string, reference.hasPrefix(Self.reference) {
                    let with = mapping["with"]?.mapping
                    let line = firstLine - 1 + (mapping["uses"]?.mark?.line ?? 1)
                    uses.append(ActionUse(inputs: with?.keys.compactMap(\.string) ?? [],
                                          invocation: invocation(with, file: file, line: line)))
                }
                mapping.values.forEach(walk)
            case .sequence(let sequence):
                sequence.forEach(walk)
            default:
                break
            }
        }
        walk(root)
        return uses
    }

    /// What the action runs for these inputs (action.yml's `accord check` step), with `${{ … }}`
    /// expressions as placeholder words.
    private static func invocation(_ with: Node.Mapping?, file: String, line: Int) -> RecipeInvocation {
        func input(_ name: String) -> String? {
            with?[Node(name)]?.string.map { $0.replacingOccurrences(of: #"\$\{\{[^}]*\}\}"#, with: ShellScript.placeholder, options: .regularExpression) }
        }
        var arguments = ["check", "--config", input("config") ?? "accord.yaml"]
        if let reference = input("baseline-ref"), !reference.isEmpty { arguments = ["check", "--baseline-ref", reference] + arguments.dropFirst() }
        arguments += ["--report", "sarif=" + (input("sarif") ?? "accord.sarif"), "--report", "junit=" + (input("junit") ?? "accord-junit.xml")]
        arguments += (input("args") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        return RecipeInvocation(file: file, line: line, arguments: arguments)
    }
}

// MARK: - Shell

/// Enough of the shell to find commands: quotes, escapes, line continuations, comments,
/// `$VAR`/`${…}` (replaced by the word `placeholder`), `$(…)` and backticks (their commands found
/// too), operators (`|`, `||`, `&&`, `;`, `&`, parentheses), redirections (dropped with their
/// target) and here-documents (skipped).
enum ShellScript {
    static let placeholder = "placeholder"
    /// What `"$@"` becomes: the arguments are not known, so the command is not checked.
    static let forwarded = "\u{1}forwarded"
    /// What `"${name[@]}"` becomes: extra arguments a script collected (the action's `args:`
    /// input), dropped so that the arguments written out are still checked.
    static let collected = "\u{1}collected"

    /// The `accord …` commands in `script`: `accord`, a path ending in `/accord`,
    /// `swift run [options] accord` and `swift package [options] accord` (less SwiftPM's plugin
    /// options, which the plugin drops).
    static func accordInvocations(in script: String, file: String, firstLine: Int) -> [RecipeInvocation] {
        var tokenizer = Tokenizer(Array(script), line: firstLine)
        tokenizer.run()
        return tokenizer.commands.compactMap { command in
            guard let arguments = accordArguments(command.words), !arguments.contains(forwarded) else { return nil }
            return RecipeInvocation(file: file, line: command.line, arguments: arguments.filter { $0 != collected })
        }
    }

    private static let prefixes: Set<String> = ["if", "then", "else", "elif", "while", "until", "do", "!", "{", "time", "exec", "command", "nice", "nohup"]
    private static let swiftPMPluginOptions: [String: Bool] = [
        "--allow-writing-to-package-directory": false, "--allow-writing-to-directory": true,
        "--allow-network-connections": true, "--disable-sandbox": false, "--package": true,
    ]

    private static func accordArguments(_ words: [String]) -> [String]? {
        var words = words[...]
        while let first = words.first, prefixes.contains(first) || isAssignment(first) { words = words.dropFirst() }
        guard let command = words.first else { return nil }
        if command == "accord" || command.hasSuffix("/accord") { return Array(words.dropFirst()) }
        guard command == "swift", let subcommand = words.dropFirst().first, subcommand == "run" || subcommand == "package",
              let verb = words.firstIndex(of: "accord") else { return nil }
        var arguments: [String] = []
        var rest = words[(verb + 1)...]
        while let argument = rest.first {
            rest = rest.dropFirst()
            if argument == "--" {
                arguments.append(argument)
                arguments += rest
                break
            }
            if subcommand == "package", let takesValue = swiftPMPluginOptions[argument] {
                if takesValue { rest = rest.dropFirst() }
                continue
            }
            arguments.append(argument)
        }
        return arguments
    }

    private static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        return word[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    struct Command {
        var line: Int
        var words: [String]
    }

    private struct Tokenizer {
        let characters: [Character]
        var position = 0
        var line: Int
        var commands: [Command] = []
        private var words: [String] = []
        private var word: String?
        private var commandLine: Int
        private var dropNextWord = false
        private var pendingHereDocuments: [(delimiter: String, stripTabs: Bool)] = []

        init(_ characters: [Character], line: Int) {
            self.characters = characters
            self.line = line
            self.commandLine = line
        }

        private func peek(_ offset: Int = 0) -> Character? {
            position + offset < characters.count ? characters[position + offset] : nil
        }

        private mutating func append(_ text: String) {
            if word == nil, words.isEmpty { commandLine = line }
            word = (word ?? "") + text
        }

        private mutating func endWord() {
            guard let finished = word else { return }
            word = nil
            if dropNextWord {
                dropNextWord = false
            } else {
                words.append(finished)
            }
        }

        private mutating func endCommand() {
            endWord()
            // A redirection's target never spans commands (`< <(accord …)`).
            dropNextWord = false
            if !words.isEmpty { commands.append(Command(line: commandLine, words: words)) }
            words = []
        }

        mutating func run() {
            while let character = peek() {
                switch character {
                case "\\":
                    if peek(1) == "\n" {
                        position += 2
                        line += 1
                    } else {
                        if let next = peek(1) { append(String(next)) }
                        position += 2
                    }
                case "#" where word == nil:
                    while let next = peek(), next != "\n" { position += 1 }
                case " ", "\t", "\r":
                    endWord()
                    position += 1
                case "\n":
                    endCommand()
                    position += 1
                    line += 1
                    skipHereDocuments()
                case ";", "|", "(", ")":
                    endCommand()
                    position += 1
                case "&":
                    if peek(1) == ">" {
                        position += 1
                        redirection()
                    } else {
                        endCommand()
                        position += 1
                    }
                case "<", ">":
                    // A file descriptor number before the operator belongs to it (2>&1).
                    if let current = word, current.allSatisfy(\.isNumber) { word = nil }
                    redirection()
                case "'":
                    position += 1
                    var text = ""
                    while let next = peek(), next != "'" {
                        if next == "\n" { line += 1 }
                        text.append(next)
                        position += 1
                    }
                    position += 1
                    append(text)
                case "\"":
                    position += 1
                    doubleQuoted()
                case "$":
                    expansion()
                case "`":
                    position += 1
                    let start = position, startLine = line
                    while let next = peek(), next != "`" {
                        if next == "\n" { line += 1 }
                        position += 1
                    }
                    nested(String(characters[start..<min(position, characters.count)]), line: startLine)
                    position += 1
                    append(ShellScript.placeholder)
                default:
                    append(String(character))
                    position += 1
                }
            }
            endCommand()
        }

        /// `>`, `>>`, `<`, `>&`, `<<<` drop the word after them; `<<WORD` and `<<-WORD` start a
        /// here-document, skipped from the next line on.
        private mutating func redirection() {
            endWord()
            var operatorText = ""
            while let next = peek(), next == "<" || next == ">" || next == "&" || next == "-" && operatorText.hasPrefix("<<") {
                operatorText.append(next)
                position += 1
            }
            if operatorText.hasPrefix("<<"), !operatorText.hasPrefix("<<<") {
                while peek() == " " { position += 1 }
                var delimiter = ""
                while let next = peek(), !" \t\n;|&<>".contains(next) {
                    if next != "'", next != "\"" { delimiter.append(next) }
                    position += 1
                }
                pendingHereDocuments.append((delimiter, operatorText.hasSuffix("-")))
            } else {
                dropNextWord = true
            }
        }

        private mutating func skipHereDocuments() {
            while !pendingHereDocuments.isEmpty {
                let (delimiter, stripTabs) = pendingHereDocuments.removeFirst()
                while position < characters.count {
                    var end = position
                    while end < characters.count, characters[end] != "\n" { end += 1 }
                    var text = String(characters[position..<end])
                    if stripTabs { text = String(text.drop { $0 == "\t" }) }
                    position = min(end + 1, characters.count)
                    line += 1
                    if text == delimiter { break }
                }
            }
        }

        private mutating func doubleQuoted() {
            var text = ""
            while let next = peek(), next != "\"" {
                switch next {
                case "\\" where peek(1).map({ "$`\"\\\n".contains($0) }) == true:
                    if peek(1) == "\n" { line += 1 } else { text.append(peek(1)!) }
                    position += 2
                case "$":
                    append(text)
                    text = ""
                    expansion()
                case "`":
                    append(text)
                    text = ""
                    position += 1
                    let start = position, startLine = line
                    while let inner = peek(), inner != "`" { position += 1 }
                    nested(String(characters[start..<min(position, characters.count)]), line: startLine)
                    position += 1
                    append(ShellScript.placeholder)
                default:
                    if next == "\n" { line += 1 }
                    text.append(next)
                    position += 1
                }
            }
            position += 1
            append(text)
        }

        /// At `$`: a parameter or a command substitution, as a placeholder word part.
        private mutating func expansion() {
            position += 1
            guard let next = peek() else { return append("$") }
            if next == "(" {
                let startLine = line
                position += 1
                let start = position
                var depth = 1
                while let inner = peek(), depth > 0 {
                    if inner == "(" { depth += 1 }
                    if inner == ")" { depth -= 1 }
                    if inner == "\n" { line += 1 }
                    position += 1
                }
                nested(String(characters[start..<max(start, position - 1)]), line: startLine)
                append(ShellScript.placeholder)
            } else if next == "{" {
                var depth = 0
                var name = ""
                while let inner = peek() {
                    if inner == "{" { depth += 1 }
                    if inner == "}" { depth -= 1 }
                    name.append(inner)
                    position += 1
                    if depth == 0 { break }
                }
                if name == "{@}" || name == "{*}" {
                    append(ShellScript.forwarded)
                } else if name.hasSuffix("[@]}") || name.hasSuffix("[*]}") {
                    append(ShellScript.collected)
                } else {
                    append(ShellScript.placeholder)
                }
            } else if next == "@" || next == "*" {
                position += 1
                append(ShellScript.forwarded)
            } else if next.isLetter || next == "_" {
                while let inner = peek(), inner.isLetter || inner.isNumber || inner == "_" { position += 1 }
                append(ShellScript.placeholder)
            } else if next.isNumber || "?#$!-".contains(next) {
                position += 1
                append(ShellScript.placeholder)
            } else {
                append("$")
            }
        }

        /// The commands inside `$(…)` or backticks.
        private mutating func nested(_ script: String, line: Int) {
            var inner = Tokenizer(Array(script), line: line)
            inner.run()
            commands += inner.commands
        }
    }
}
