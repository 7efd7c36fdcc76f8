import AccordContracts
import AccordEvolution
import AccordJSON
import AccordReport
import Foundation
import Testing

private let context = SampleReports.context

private func render(_ report: CheckReport, _ format: ReportFormat, _ context: RenderContext = context) -> String {
    ReportRenderer<CheckReport>.for(format).render(report, context)
}

@Suite("check report: text")
struct CheckTextTests {
    let text = render(SampleVerifications.check, .text)

    @Test("a section per server headed by its state")
    func sections() {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "accord check: accord.yaml (4 servers)")
        #expect(lines.contains("demo: FAILED"))
        #expect(lines.contains("time: passed"))
        #expect(lines.contains("git: ERROR: cannot start `uvx mcp-server-git`: exited with status 1"))
        #expect(lines.contains("fresh: no baseline snapshots/fresh.json — run accord check --update"))
        let passed = render(SampleVerifications.checkPassed, .text)
        #expect(passed.contains("\nfresh: baseline updated (snapshots/fresh.json)\n"))
    }

    @Test("the diff and the verification are printed as their own text formats, indented")
    func parts() throws {
        let diff = ReportRenderer<EvolutionReport>.text.render(SampleVerifications.demoDiff, context)
        let verification = ReportRenderer<VerificationReport>.text.render(try #require(SampleVerifications.demo.verification), context)
        for part in [diff, verification] {
            let indented = part.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            #expect(text.contains("\n" + indented + "\n"))
        }
    }

    @Test("empty parts take one line: a diff without changes, a verification without failures")
    func compact() {
        #expect(text.contains("\ntime: passed\n  accord diff: weather 1.4.2 → 1.4.2: no changes\n\n"))
        let passed = render(SampleVerifications.checkPassed, .text)
        #expect(passed.contains("\n  accord verify: 1 contract against ledgerly (live): 1 contract, 1 check: all passed\n"))
    }

    @Test("a server's error shows every line, the server's output quoted and escaped")
    func error() {
        #expect(text.contains("""
            git: ERROR: cannot start `uvx mcp-server-git`: exited with status 1
              | Traceback (most recent call last):
              | \\u{1B}[31mModuleNotFoundError\\u{1B}[0m: <no module> & ::error::x

            """))
    }

    @Test("one summary block: per server findings, bump against the declared version, contracts, consumers; then the verdict")
    func summary() throws {
        let start = try #require(text.range(of: "\nSummary\n"))
        #expect(String(text[start.upperBound...]) == """
              demo: FAILED — 5 breaking, 3 potentially breaking, 3 non-breaking, 1 accepted; requires major (2.0.0), declares 1.5.0; contracts: 1 of 2 failed, 1 pending failing (not counted); consumers affected: billing-agent, mobile-app
              time: passed — 0 breaking, 0 potentially breaking, 0 non-breaking, 0 accepted; requires none, declares 1.4.2
              git: ERROR: cannot start `uvx mcp-server-git`: exited with status 1
              fresh: no baseline snapshots/fresh.json — run accord check --update
            check could not run for: git; FAILED: demo, fresh

            """)
        #expect(render(SampleVerifications.checkFailed, .text).hasSuffix("\ncheck FAILED\n"))
        let passed = render(SampleVerifications.checkPassed, .text)
        #expect(passed.hasSuffix("""
              ledgerly: passed — 0 breaking, 0 potentially breaking, 0 non-breaking, 0 accepted; requires none, declares 1.4.2; contracts: 0 of 1 failed; no known consumer affected
            check passed

            """))
    }

    @Test("consumers affected: named on failing findings, or owning failed contracts that are not pending")
    func consumers() throws {
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("  demo: FAILED") })
        #expect(line.hasSuffix("consumers affected: billing-agent, mobile-app"))
        #expect(!line.contains("dashboard"), "named only on a finding below fail-on")
        #expect(!line.contains("support-bot"), "its contract is pending")
        var diff = SampleReports.release
        for index in diff.findings.indices { diff.findings[index].consumers = nil }
        let noContracts = CheckReport(servers: [CheckReport.ServerResult(server: "w", baseline: "b.json", diff: diff)], configuration: "accord.yaml")
        let plain = render(noContracts, .text)
        #expect(!plain.contains("consumer"), "nothing is said about consumers when no contracts were consulted")
    }

    @Test("colour only with a colour context; same words")
    func colour() {
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        var coloured = context
        coloured.colour = true
        let output = render(SampleVerifications.check, .text, coloured)
        #expect(output.contains("\u{1B}[31;1mdemo: FAILED\u{1B}[0m"))
        #expect(output.contains("\u{1B}[32;1mtime: passed\u{1B}[0m"))
        #expect(output.hasSuffix("\u{1B}[31;1mcheck could not run for: git; FAILED: demo, fresh\u{1B}[0m\n"))
        #expect(ANSI.strip(output) == text)
    }
}

@Suite("check report: json")
struct CheckJSONTests {
    static let checkSchema = ReportSchemas.load("accord-check-report")

    @Test("canonical JSON: version, kind, tool, configuration, status and the servers in order")
    func document() throws {
        let output = render(SampleVerifications.check, .json)
        let value = try JSONValue(parsing: output)
        #expect(output == JSONEncoding.canonical(value))
        #expect(value["reportVersion"] == 1)
        #expect(value["kind"] == "check")
        #expect(value["tool"] == ["name": "accord", "version": "0.4.0"])
        #expect(value["configuration"] == "accord.yaml")
        #expect(value["status"] == "error")
        let servers = try #require(value["servers"]?.arrayValue)
        #expect(servers.map { $0["server"]?.stringValue } == ["demo", "time", "git", "fresh"])
        #expect(servers.map { $0["status"]?.stringValue } == ["failed", "passed", "error", "failed"])
        #expect(servers[2]["error"]?.stringValue?.hasPrefix("cannot start") == true)
        #expect(servers[0]["error"] == nil)
        #expect(servers[3]["baselineMissing"] == true)
        #expect(servers[3]["baselineUpdated"] == false)
        #expect(servers[0]["consumersAffected"] == ["billing-agent", "mobile-app"])
        #expect(servers[1]["consumersAffected"] == nil, "no contracts consulted")
    }

    @Test("the parts are the diff and verify documents as written on their own, or null")
    func parts() throws {
        let servers = try #require(try JSONValue(parsing: render(SampleVerifications.check, .json))["servers"]?.arrayValue)
        #expect(servers[0]["diff"] == DiffReportDocument.json(SampleVerifications.demoDiff, context: context))
        #expect(servers[0]["verification"] == VerificationReportDocument.json(try #require(SampleVerifications.demo.verification), context: context))
        #expect(servers[1]["verification"] == .null)
        #expect(servers[2]["diff"] == .null)
    }

    @Test("every document validates against docs/schemas/accord-check-report.schema.json (Accord's validator)")
    func schema() throws {
        let validator = JSONSchemaValidator(schema: Self.checkSchema)
        for report in SampleVerifications.checks {
            let document = try JSONValue(parsing: render(report, .json))
            #expect(validator.validate(document).map(\.description) == [], "\(report.servers.map(\.server))")
        }
    }

    @Test("the schema checks the embedded parts too: a bad diff or verification field fails it")
    func schemaRejects() throws {
        let validator = JSONSchemaValidator(schema: Self.checkSchema)
        let document = CheckReportDocument.json(SampleVerifications.check, context: context)
        #expect(!validator.isValid(document.setting("extra", to: true)))
        var servers = try #require(document["servers"]?.arrayValue)
        let demo = servers[0]
        servers[0] = demo.setting("diff", to: demo["diff"]?.setting("requiredBump", to: "huge"))
        #expect(!validator.isValid(document.setting("servers", to: .array(servers))))
        servers[0] = demo.setting("verification", to: demo["verification"]?.setting("mode", to: "psychic"))
        #expect(!validator.isValid(document.setting("servers", to: .array(servers))))
    }

    @Test("the check schema embeds the diff and verify schemas unchanged (references made absolute)")
    func embeddedSchemas() throws {
        func absolute(_ value: JSONValue, _ base: String) -> JSONValue {
            switch value {
            case .object(let members):
                return .object(members.reduce(into: [:]) { result, member in
                    if member.key == "$ref", let reference = member.value.stringValue, reference.hasPrefix("#") {
                        result[member.key] = .string(base + reference)
                    } else {
                        result[member.key] = absolute(member.value, base)
                    }
                })
            case .array(let elements): return .array(elements.map { absolute($0, base) })
            default: return value
            }
        }
        for (name, key) in [("accord-diff-report", "diffReport"), ("accord-verify-report", "verifyReport"), ("accord-probe-report", "probeReport")] {
            let standalone = ReportSchemas.load(name)
            let id = try #require(standalone["$id"]?.stringValue)
            #expect(Self.checkSchema["$defs"]?[key] == absolute(standalone, id), "regenerate the copy in accord-check-report.schema.json")
        }
    }

    @Test("jsonschema agrees: every document is valid")
    func schemaPython() async throws {
        for report in [SampleVerifications.check, SampleVerifications.checkHostile] {
            let output = try await ReportSchemas.validateWithPython(render(report, .json), against: "accord-check-report")
            #expect(output.contains("valid against Accord check report, version 1"))
        }
    }
}

@Suite("check report: markdown")
struct CheckMarkdownTests {
    let output = render(SampleVerifications.check, .markdown)

    @Test("a summary table per server, then the verdict")
    func summary() {
        #expect(output.hasPrefix("""
            ## Accord check: accord.yaml

            | Server | Status | Breaking | Required bump | Contracts failed | Consumers affected |
            | --- | --- | ---: | --- | --- | --- |
            | `demo` | **FAILED** | 5 | requires major (2.0.0), declares 1.5.0 | 1 of 2 failed, 1 pending failing (not counted) | `billing-agent`, `mobile-app` |
            | `time` | passed | 0 | requires none, declares 1.4.2 | — | — |
            | `git` | **ERROR** | — | — | — | — |
            | `fresh` | **FAILED** (no baseline) | — | — | — | — |

            **check could not run for: git; FAILED: demo, fresh**

            ### `demo`: FAILED

            #### Accord diff: weather 1.4.2 → 1.5.0

            """))
        #expect(render(SampleVerifications.checkPassed, .markdown).contains("| `fresh` | passed (baseline updated) | — | — | — | — |"))
    }

    @Test("each server's diff and verification follow as their markdown formats write them, two heading levels down")
    func parts() {
        let diff = ReportRenderer<EvolutionReport>.markdown.render(SampleVerifications.demoDiff, context)
        #expect(output.contains(diff.replacingOccurrences(of: "\n### ", with: "\n##### ").replacingOccurrences(of: "## Accord diff", with: "#### Accord diff")))
        #expect(output.contains("\n#### Accord verify: weather 1.5.0\n"))
        #expect(output.contains("\n##### `billing-agent` → `ledgerly`\n"))
        #expect(!output.contains("\n## Accord diff"))
    }

    @Test("errors are quoted and escaped; a missing baseline says how to write it")
    func notes() {
        #expect(output.contains("### `git`: ERROR\n\n> cannot start \\`uvx mcp-server-git\\`: exited with status 1\n> Traceback (most recent call last):\n"))
        #expect(output.contains("> \\\\u{1B}\\[31mModuleNotFoundError\\\\u{1B}\\[0m: \\<no module\\> \\& ::error::x"))
        #expect(output.contains("No baseline `snapshots/fresh.json`: run `accord check --update` to write it."))
    }

    @Test("a context title replaces the check's title only, not its parts'")
    func title() {
        var titled = context
        titled.title = "Release gate"
        let output = render(SampleVerifications.check, .markdown, titled)
        #expect(output.hasPrefix("## Release gate\n"))
        #expect(output.contains("#### Accord diff: weather 1.4.2 → 1.5.0"))
    }
}

@Suite("check report: sarif")
struct CheckSARIFTests {
    @Test("a run per diff and per verification, each with its own automation id")
    func runs() throws {
        let log = try JSONValue(parsing: render(SampleVerifications.check, .sarif))
        #expect(log["version"] == "2.1.0")
        let runs = try #require(log["runs"]?.arrayValue)
        #expect(runs.map { $0["automationDetails"]?["id"]?.stringValue } == ["accord-check/demo/diff/", "accord-check/demo/contracts/", "accord-check/time/diff/"])
        let diffRun = try JSONValue(parsing: ReportRenderer<EvolutionReport>.sarif.render(SampleVerifications.demoDiff, context))["runs"]?[0]
        #expect(runs[0].setting("automationDetails", to: nil) == diffRun)
        #expect(runs[1]["results"]?.arrayValue?.count == 3)
        #expect(runs[1]["tool"]?["driver"]?["rules"]?[0]?["id"] == "contract-object-missing")
    }

    @Test("with nothing to report there is still one empty run")
    func emptyRun() throws {
        let log = try JSONValue(parsing: render(CheckReport(servers: [SampleVerifications.git], configuration: "accord.yaml"), .sarif))
        #expect(log["runs"]?.arrayValue?.count == 1)
        #expect(log["runs"]?[0]?["results"] == [])
    }

    @Test("validates against the SARIF 2.1.0 schema and GitHub's upload rules; sarif-tools reads it")
    func schema() async throws {
        for report in SampleVerifications.checks {
            let summary = try await PythonChecks.withTemporaryFile(render(report, .sarif), suffix: ".sarif") { path in
                try await PythonChecks.lastJSONLine(PythonChecks.run("check_sarif.py", [PythonChecks.path("Tests/AccordReportTests/Fixtures/sarif-schema-2.1.0.json"), path]))
            }
            let expected = report.servers.reduce(0) { total, server in
                total + (server.diff.map { $0.findings.count + $0.accepted.count } ?? 0) + (server.verification?.failedCheckCount ?? 0)
            }
            #expect(summary["results"] as? Int == expected)
        }
    }
}

@Suite("check report: junit")
struct CheckJUnitTests {
    let output = render(SampleVerifications.check, .junit)

    @Test("every server's diff and contract suites, prefixed by the server; errors and missing baselines fail")
    func suites() async throws {
        let summary = try await PythonChecks.withTemporaryFile(output, suffix: ".xml") { path in
            try await PythonChecks.lastJSONLine(PythonChecks.run("read_junit.py", [path]))
        }
        let suites = try #require(summary["suites"] as? [[String: Any]])
        #expect(suites.map { $0["name"] as? String } == [
            "demo: accord diff", "demo: billing-agent → ledgerly", "demo: support-bot → ledgerly",
            "time: accord diff", "git: accord check", "fresh: accord check",
        ])
        // 8 diff cases + 6 checks + 2 + 1 + 1; failures: 5 findings + 2 checks + error + baseline.
        #expect(summary["tests"] as? Int == 18)
        #expect(summary["failures"] as? Int == 9)
        let git = try #require(suites[4]["cases"] as? [[String: Any]])
        let failure = try #require((git.first?["failures"] as? [[String: Any]])?.first)
        #expect(failure["type"] as? String == "server-error")
        #expect((failure["text"] as? String)?.contains("Traceback (most recent call last):") == true)
        let fresh = try #require(suites[5]["cases"] as? [[String: Any]])
        #expect((fresh.first?["failures"] as? [[String: Any]])?.first?["type"] as? String == "baseline-missing")
    }

    @Test("the pending contract's failure is skipped, not failed")
    func pending() {
        #expect(output.contains("<testsuite name=\"demo: support-bot → ledgerly\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"1\">"))
        #expect(output.contains("<testsuites name=\"accord\" tests=\"18\" failures=\"9\" errors=\"0\" skipped=\"1\">"))
    }
}

@Suite("check report: github")
struct CheckGitHubTests {
    let lines = render(SampleVerifications.check, .github).split(separator: "\n").map(String.init)

    @Test("the annotations of every part, an error per server that could not be checked or has no baseline")
    func annotations() {
        let commands = lines.filter { $0.hasPrefix("::") }
        let diffCommands = SampleVerifications.demoDiff.findings.count
        #expect(commands.count == diffCommands + 3 + 2)
        #expect(commands.contains { $0.hasPrefix("::error title=git%3A could not be checked::cannot start `uvx mcp-server-git`: exited with status 1%0ATraceback") })
        #expect(commands.contains("::error file=snapshots/fresh.json,title=fresh%3A no baseline::no baseline snapshots/fresh.json — run accord check --update"))
        #expect(commands.filter { $0.contains("file=contracts/") && $0.hasPrefix("::error ") }.count == 2)
        #expect(commands.filter { $0.contains("file=contracts/support bot.yaml") }.allSatisfy { $0.hasPrefix("::warning ") })
    }

    @Test("a plain line per server and the verdict close it")
    func summary() {
        #expect(lines.suffix(5) == [
            "accord check: demo: FAILED — 5 breaking, 3 potentially breaking, 3 non-breaking, 1 accepted; requires major (2.0.0), declares 1.5.0; contracts: 1 of 2 failed, 1 pending failing (not counted); consumers affected: billing-agent, mobile-app",
            "accord check: time: passed — 0 breaking, 0 potentially breaking, 0 non-breaking, 0 accepted; requires none, declares 1.4.2",
            "accord check: git: ERROR: cannot start `uvx mcp-server-git`: exited with status 1",
            "accord check: fresh: no baseline snapshots/fresh.json — run accord check --update",
            "accord check: check could not run for: git; FAILED: demo, fresh",
        ])
    }
}

@Suite("check report: renderer values")
struct CheckRendererValueTests {
    @Test("each format's renderer writes it, deterministically, ending with a newline; only text is coloured", arguments: ReportFormat.allCases)
    func laws(format: ReportFormat) {
        RendererLaws.hold(for: SampleVerifications.checks, format: format, lookup: ReportRenderer<CheckReport>.for)
        #expect(SampleVerifications.check.rendered(as: format, context: context) == render(SampleVerifications.check, format))
    }

    @Test("hostile server names, errors and contracts: nothing raw where people read it, in any format", arguments: ReportFormat.allCases)
    func hostile(format: ReportFormat) throws {
        let output = render(SampleVerifications.checkHostile, format)
        RendererLaws.escapeHostileText(in: output, format: format)
        if format == .json {
            #expect(try JSONValue(parsing: output)["servers"]?[1]?["error"] == .string(SampleVerifications.hostileText))
        }
        if format == .sarif {
            let results = try JSONValue(parsing: output)["runs"]?.arrayValue?.flatMap { $0["results"]?.arrayValue ?? [] } ?? []
            #expect(!results.isEmpty)
            #expect(results.allSatisfy { !($0["message"]?["text"]?.stringValue ?? "").unicodeScalars.contains { DisplayTextProbe.isUnsafe($0) } })
        }
    }
}
