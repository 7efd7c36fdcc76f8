import AccordContracts
import AccordJSON
import AccordReport
import Foundation
import Testing

private let context = SampleReports.context

private func render(_ report: VerificationReport, _ format: ReportFormat, _ context: RenderContext = context) -> String {
    ReportRenderer<VerificationReport>.for(format).render(report, context)
}

@Suite("verify report: text")
struct VerifyTextTests {
    let text = render(SampleVerifications.verify, .text)

    @Test("the header names the contracts, the target, the provider and the mode")
    func header() {
        #expect(text.hasPrefix("accord verify: 3 contracts against snapshots/demo-v2.json (ledgerly 2.0.0, static)\n\n"))
        #expect(render(SampleVerifications.passing, .text).hasPrefix("accord verify: 1 contract against ledgerly (live)\n"))
    }

    @Test("can-i-deploy answers first: NO when a contract fails, YES when only a pending one does")
    func canIDeploy() {
        let no = render(SampleVerifications.canIDeploy, .text).split(separator: "\n")
        #expect(no[0] == "can-i-deploy ledgerly 2.0.0: NO")
        #expect(no[1] == "accord can-i-deploy: 3 contracts against snapshots/demo-v2.json (ledgerly 2.0.0, static)")
        let yes = render(SampleVerifications.canIDeployYes, .text)
        #expect(yes.hasPrefix("can-i-deploy ledgerly 2.0.0: YES\n"))
        #expect(yes.contains("FAIL tool:refund:examples[0]"), "the pending contract's failure is still shown")
    }

    @Test("a failed check shows its id, description and every mismatch; passed checks are only counted")
    func failedChecks() {
        #expect(text.contains("""
            billing-agent → ledgerly: 2 of 4 checks failed
              file: contracts/billing-agent.yaml
              FAIL tool:get_invoice:reads:/customerName
                structuredContent/customerName of get_invoice is guaranteed by its outputSchema
                - customerName is no longer declared by the outputSchema of get_invoice
                  at /properties/customerName: expected a declared, required property, actual (absent)
              FAIL interaction:overdue-invoices
                tools/call list_invoices (overdue-invoices)
                - /structuredContent/invoices/0/status: expected a string matching ^(overdue)$, got "void"
                - /structuredContent/total: expected a number, got null
              2 passed

            """))
        #expect(!text.contains("tool:get_invoice\n"), "passed checks are not listed")
        #expect(!text.contains("prompt:draft_payment_reminder"))
        #expect(text.contains("reporting-job → ledgerly: 1 check passed\n  file: contracts/reporting-job.yaml\n"))
    }

    @Test("pending contracts are labelled as reported, not failing")
    func pending() {
        #expect(text.contains("support-bot → ledgerly: 1 of 2 checks failed (pending: reported, not failing)\n"))
        #expect(!text.contains("billing-agent → ledgerly: 2 of 4 checks failed (pending"))
    }

    @Test("the last line is the report's summary")
    func summary() {
        for report in SampleVerifications.all {
            let lines = render(report, .text).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.dropLast().last.map(String.init) == report.summary)
        }
        #expect(render(SampleVerifications.empty, .text) == """
            accord verify: 0 contracts against snapshots/demo.json (static)

            No contracts.

            0 contracts, 0 checks: all passed

            """)
    }

    @Test("colour only with a colour context: failures red, pending yellow, passes green; same words")
    func colour() {
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        var coloured = context
        coloured.colour = true
        let output = render(SampleVerifications.canIDeploy, .text, coloured)
        #expect(output.hasPrefix("\u{1B}[31;1mcan-i-deploy ledgerly 2.0.0: NO\u{1B}[0m\n"))
        #expect(output.contains("\u{1B}[31;1mFAIL\u{1B}[0m tool:get_invoice:reads:/customerName"))
        #expect(output.contains("\u{1B}[33;1mFAIL\u{1B}[0m tool:refund:examples[0]"))
        #expect(output.contains("\u{1B}[32;1mreporting-job → ledgerly: 1 check passed\u{1B}[0m"))
        #expect(ANSI.strip(output) == render(SampleVerifications.canIDeploy, .text))
    }
}

@Suite("verify report: json")
struct VerifyJSONTests {
    static let schema = ReportSchemas.load("accord-verify-report")

    @Test("canonical JSON with version, kind, tool, mode, target, server and verdict")
    func document() throws {
        let output = render(SampleVerifications.verify, .json)
        let value = try JSONValue(parsing: output)
        #expect(output == JSONEncoding.canonical(value))
        #expect(value["reportVersion"] == 1)
        #expect(value["kind"] == "verify")
        #expect(value["tool"] == ["name": "accord", "version": "0.4.0"])
        #expect(value["mode"] == "static")
        #expect(value["target"] == "snapshots/demo-v2.json")
        #expect(value["server"] == ["name": "ledgerly", "version": "2.0.0"])
        #expect(value["failed"] == true)
        #expect(value["summary"] == ["contracts": 3, "failingContracts": 1, "checks": 7, "failedChecks": 3, "failedPendingChecks": 1])
        #expect(try JSONValue(parsing: render(SampleVerifications.canIDeploy, .json))["kind"] == "can-i-deploy")
        #expect(try JSONValue(parsing: render(SampleVerifications.canIDeployYes, .json))["failed"] == false)
        #expect(try JSONValue(parsing: render(SampleVerifications.passing, .json))["server"] == [:], "unknown provider: no name or version")
    }

    @Test("contracts and checks carry every field; a missing actual is left out, JSON null is kept")
    func contracts() throws {
        let value = try JSONValue(parsing: render(SampleVerifications.verify, .json))
        let billing = try #require(value["contracts"]?[0])
        #expect(billing["consumer"] == "billing-agent")
        #expect(billing["provider"] == "ledgerly")
        #expect(billing["file"] == "contracts/billing-agent.yaml")
        #expect(billing["pending"] == false)
        #expect(billing["failed"] == true)
        #expect(billing["checks"]?[1] == [
            "id": "tool:get_invoice:reads:/customerName",
            "subject": ["kind": "tool", "name": "get_invoice", "aspect": "read"],
            "description": "structuredContent/customerName of get_invoice is guaranteed by its outputSchema",
            "status": "failed",
            "mismatches": [["pointer": "/properties/customerName", "expected": "a declared, required property",
                            "message": "customerName is no longer declared by the outputSchema of get_invoice"]],
        ])
        #expect(billing["checks"]?[2]?["mismatches"]?[1]?["actual"] == .null)
        #expect(billing["checks"]?[0]?["mismatches"] == [])
        #expect(value["contracts"]?[1]?["pending"] == true)
    }

    @Test("every document validates against docs/schemas/accord-verify-report.schema.json (Accord's validator)")
    func schema() throws {
        let validator = JSONSchemaValidator(schema: Self.schema)
        #expect(Self.schema["$id"] == "urn:accord:schema:verify-report:1")
        for report in SampleVerifications.all {
            let document = try JSONValue(parsing: render(report, .json))
            #expect(validator.validate(document).map(\.description) == [], "\(report.summary)")
        }
    }

    @Test("the schema is not vacuous: extra fields, a failed check without mismatches, a bad kind fail it")
    func schemaRejects() throws {
        let validator = JSONSchemaValidator(schema: Self.schema)
        let document = VerificationReportDocument.json(SampleVerifications.verify, context: context)
        #expect(!validator.isValid(document.setting("extra", to: true)))
        #expect(!validator.isValid(document.setting("kind", to: "diff")))
        var contracts = try #require(document["contracts"]?.arrayValue)
        var checks = try #require(contracts[0]["checks"]?.arrayValue)
        checks[1] = checks[1].setting("mismatches", to: [])
        contracts[0] = contracts[0].setting("checks", to: .array(checks))
        #expect(!validator.isValid(document.setting("contracts", to: .array(contracts))))
    }

    @Test("jsonschema agrees: every document is valid")
    func schemaPython() async throws {
        for report in [SampleVerifications.verify, SampleVerifications.hostile, SampleVerifications.empty] {
            let output = try await ReportSchemas.validateWithPython(render(report, .json), against: "accord-verify-report")
            #expect(output.contains("valid against Accord contract verification report, version 1"))
        }
    }
}

@Suite("verify report: markdown")
struct VerifyMarkdownTests {
    let output = render(SampleVerifications.verify, .markdown)

    @Test("title, target, verdict, then a table of contracts")
    func summary() {
        #expect(output.hasPrefix("""
            ## Accord verify: ledgerly 2.0.0

            Against `snapshots/demo-v2.json` (static)

            **FAIL**: 3 contracts, 7 checks: 3 failed (1 in pending contracts, not failing)

            | Consumer | Contract | Checks | Failed | Pending |
            | --- | --- | ---: | ---: | --- |
            | `billing-agent` → `ledgerly` | `contracts/billing-agent.yaml` | 4 | 2 | no |
            | `support-bot` → `ledgerly` | `contracts/support bot.yaml` | 2 | 1 | yes |
            | `reporting-job` → `ledgerly` | `contracts/reporting-job.yaml` | 1 | 0 | no |

            """))
    }

    @Test("can-i-deploy asks and answers in the verdict")
    func canIDeploy() {
        #expect(render(SampleVerifications.canIDeploy, .markdown).contains("\n\n**Can I deploy ledgerly 2.0.0? NO**: 3 contracts"))
        #expect(render(SampleVerifications.canIDeployYes, .markdown).contains("\n\n**Can I deploy ledgerly 2.0.0? YES**: 2 contracts"))
    }

    @Test("details list each failed check with its mismatches, per contract, pending ones labelled")
    func details() {
        #expect(output.contains("""
            ### `billing-agent` → `ledgerly`

            | Check | Description | Mismatches |
            | --- | --- | --- |
            | `tool:get_invoice:reads:/customerName` | structuredContent/customerName of get\\_invoice is guaranteed by its outputSchema | customerName is no longer declared by the outputSchema of get\\_invoice<br>at `/properties/customerName`: expected a declared, required property, actual *absent* |
            """))
        #expect(output.contains("### `support-bot` → `ledgerly` (pending: reported, not failing)"))
        #expect(!output.contains("### `reporting-job`"), "a contract without failures has no details")
        #expect(!output.contains("`tool:get_invoice` |"), "passed checks are not listed")
    }

    @Test("hostile text cannot break a row, start a heading or inject HTML")
    func escaping() {
        let hostile = render(SampleVerifications.hostile, .markdown)
        for line in hostile.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| ---") {
            let cells = Markdown.unescapedPipes(String(line)) - 1
            #expect(cells == (line.contains("Consumer") || line.contains("contracts/evil.yaml") ? 5 : 3), "\(line)")
        }
        #expect(hostile.contains("calls evil\\\\u{202E}txt.exe\\\\u{1B}\\[2J \\<b\\>\\&amp;\\</b\\> \\| \\`x\\` 100%"), "text cells escape HTML and formatting")
        #expect(!hostile.contains("\n# heading"))
        #expect(!hostile.unicodeScalars.contains("\u{202E}"))
        #expect(!hostile.unicodeScalars.contains("\u{1B}"))
    }
}

@Suite("verify report: sarif")
struct VerifySARIFTests {
    let log = (try? JSONValue(parsing: render(SampleVerifications.verify, .sarif))) ?? .null

    @Test("rules are the contract rules, one per aspect, documented")
    func rules() throws {
        let rules = try #require(log["runs"]?[0]?["tool"]?["driver"]?["rules"]?.arrayValue)
        #expect(rules.map { $0["id"]?.stringValue } == ["contract-object-missing", "contract-example-invalid", "contract-read-not-guaranteed",
                                                        "contract-annotation-changed", "contract-prompt-arguments-mismatch", "contract-interaction-failed"])
        #expect(rules.allSatisfy { $0["shortDescription"]?["text"]?.stringValue?.isEmpty == false && $0["help"]?["text"] != nil })
        #expect(rules[2]["name"] == "ContractReadNotGuaranteed")
        #expect(rules[2]["properties"]?["aspect"] == "read")
    }

    @Test("a result per failed check at the contract file: error, or note in a pending contract")
    func results() throws {
        let results = try #require(log["runs"]?[0]?["results"]?.arrayValue)
        #expect(results.count == 3)
        #expect(results.map { $0["ruleId"]?.stringValue } == ["contract-read-not-guaranteed", "contract-interaction-failed", "contract-example-invalid"])
        #expect(results.map { $0["level"]?.stringValue } == ["error", "error", "note"])
        let rules = try #require(log["runs"]?[0]?["tool"]?["driver"]?["rules"]?.arrayValue)
        for result in results {
            let index = try #require(result["ruleIndex"]?.intValue)
            #expect(rules[index]["id"] == result["ruleId"])
        }
        let first = results[0]
        #expect(first["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "contracts/billing-agent.yaml")
        #expect(first["locations"]?[0]?["physicalLocation"]?["region"]?["startLine"] == 1)
        #expect(first["locations"]?[0]?["logicalLocations"]?[0]?["fullyQualifiedName"] == "tool:get_invoice:reads:/customerName")
        #expect(results[2]["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "contracts/support%20bot.yaml")
        let message = try #require(first["message"]?["text"]?.stringValue)
        #expect(message.hasPrefix("billing-agent → ledgerly: check tool:get_invoice:reads:/customerName failed"))
        #expect(message.contains("customerName is no longer declared by the outputSchema of get_invoice"))
        #expect(results[2]["message"]?["text"]?.stringValue?.hasSuffix("Pending contract: reported, not failing.") == true)
        #expect(first["properties"]?["consumer"] == "billing-agent")
        #expect(first["properties"]?["pending"] == false)
    }

    @Test("fingerprints are stable and tell checks apart")
    func fingerprints() throws {
        let results = try #require(log["runs"]?[0]?["results"]?.arrayValue)
        let prints = results.compactMap { $0["partialFingerprints"]?["accordContractCheck/v1"]?.stringValue }
        #expect(prints.count == 3)
        #expect(Set(prints).count == 3)
        var moved = SampleVerifications.verify
        moved.verifications[0].file = "elsewhere/billing.yaml"
        let again = try JSONValue(parsing: render(moved, .sarif))["runs"]?[0]?["results"]?[0]?["partialFingerprints"]?["accordContractCheck/v1"]
        #expect(again == .string(prints[0]), "moving the contract file keeps the alert")
    }

    @Test("validates against the SARIF 2.1.0 schema and GitHub's upload rules; sarif-tools reads it")
    func schema() async throws {
        for report in [SampleVerifications.verify, SampleVerifications.hostile, SampleVerifications.passing] {
            let summary = try await PythonChecks.withTemporaryFile(render(report, .sarif), suffix: ".sarif") { path in
                try await PythonChecks.lastJSONLine(PythonChecks.run("check_sarif.py", [PythonChecks.path("Tests/AccordReportTests/Fixtures/sarif-schema-2.1.0.json"), path]))
            }
            #expect(summary["results"] as? Int == report.failedCheckCount)
        }
    }
}

@Suite("verify report: junit")
struct VerifyJUnitTests {
    let output = render(SampleVerifications.verify, .junit)

    @Test("a suite per contract with its properties, a case per check, counts on every level")
    func structure() {
        #expect(output.contains("<testsuites name=\"accord\" tests=\"7\" failures=\"2\" errors=\"0\" skipped=\"1\">"))
        #expect(output.contains("<testsuite name=\"billing-agent → ledgerly\" tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"0\">"))
        #expect(output.contains("<testsuite name=\"support-bot → ledgerly\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"1\">"))
        #expect(output.contains("<property name=\"file\" value=\"contracts/billing-agent.yaml\"/>"))
        #expect(output.contains("<property name=\"pending\" value=\"true\"/>"))
        #expect(output.contains("<property name=\"mode\" value=\"static\"/>"))
        #expect(output.contains("<property name=\"target\" value=\"snapshots/demo-v2.json\"/>"))
        #expect(output.contains("<testcase classname=\"tool get_invoice\" name=\"tool:get_invoice\"/>"))
        #expect(output.contains("<failure message=\"customerName is no longer declared by the outputSchema of get_invoice\" type=\"read\">"))
    }

    @Test("a pending contract's failed check is skipped with its reason, never a failure")
    func pending() throws {
        let start = try #require(output.range(of: "<testsuite name=\"support-bot"))
        let end = try #require(output.range(of: "</testsuite>", range: start.upperBound..<output.endIndex))
        let suite = output[start.lowerBound..<end.upperBound]
        #expect(!suite.contains("<failure"))
        #expect(suite.contains("<skipped message=\"pending: reported, not failing: /amount: -1 is less than the minimum 0\">"))
    }

    @Test("junitparser reads it: suites, cases, failures as written")
    func junitparser() async throws {
        let summary = try await PythonChecks.withTemporaryFile(output, suffix: ".xml") { path in
            try await PythonChecks.lastJSONLine(PythonChecks.run("read_junit.py", [path]))
        }
        #expect(summary["tests"] as? Int == 7)
        #expect(summary["failures"] as? Int == 2)
        let suites = try #require(summary["suites"] as? [[String: Any]])
        #expect(suites.map { $0["name"] as? String } == ["billing-agent → ledgerly", "support-bot → ledgerly", "reporting-job → ledgerly"])
        let cases = try #require(suites[0]["cases"] as? [[String: Any]])
        #expect(cases.map { $0["name"] as? String } == ["tool:get_invoice", "tool:get_invoice:reads:/customerName", "interaction:overdue-invoices", "prompt:draft_payment_reminder"])
        let failures = try #require(cases[2]["failures"] as? [[String: Any]])
        #expect(failures.first?["type"] as? String == "interaction")
        let text = try #require(failures.first?["text"] as? String)
        #expect(text.contains("/structuredContent/invoices/0/status: expected a string matching ^(overdue)$, got \"void\""))
        #expect(text.contains("/structuredContent/total: expected a number, got null"))
    }

    @Test("hostile text yields well-formed XML that reads back escaped")
    func hostile() async throws {
        let xml = render(SampleVerifications.hostile, .junit)
        #expect(!xml.unicodeScalars.contains { !XMLEscaping.isAllowed($0) })
        #expect(!xml.unicodeScalars.contains("\u{202E}"))
        #expect(!xml.contains("<b>"))
        let summary = try await PythonChecks.withTemporaryFile(xml, suffix: ".xml") { path in
            try await PythonChecks.lastJSONLine(PythonChecks.run("read_junit.py", [path]))
        }
        #expect(summary["failures"] as? Int == 1)
    }
}

@Suite("verify report: github")
struct VerifyGitHubTests {
    let lines = render(SampleVerifications.verify, .github).split(separator: "\n").map(String.init)

    @Test("an error per failed check of a contract that fails, a warning for a pending one, none for passes")
    func levels() {
        let commands = lines.filter { $0.hasPrefix("::") }
        #expect(commands.count == 3)
        #expect(commands.filter { $0.hasPrefix("::error ") }.count == 2)
        #expect(commands.filter { $0.hasPrefix("::warning ") }.count == 1)
        #expect(!commands.contains { $0.hasPrefix("::error ") && $0.contains("support bot") }, "a pending contract never errors")
        #expect(!render(SampleVerifications.canIDeployYes, .github).contains("::error"))
    }

    @Test("on the contract file, titled by consumer and check, every mismatch on its own line")
    func command() {
        #expect(lines[1] == "::error file=contracts/billing-agent.yaml,title=billing-agent%3A interaction%3Aoverdue-invoices::interaction:overdue-invoices: tools/call list_invoices (overdue-invoices)%0A/structuredContent/invoices/0/status: expected a string matching ^(overdue)$, got \"void\"%0A/structuredContent/total: expected a number, got null")
        #expect(lines[2].hasSuffix("%0A(pending: reported, not failing)"))
    }

    @Test("a plain summary line closes it; can-i-deploy leads with the answer")
    func summary() {
        #expect(lines.last == "accord verify: 3 contracts against snapshots/demo-v2.json (ledgerly 2.0.0, static): 3 contracts, 7 checks: 3 failed (1 in pending contracts, not failing) — FAIL")
        #expect(render(SampleVerifications.canIDeployYes, .github).hasSuffix("\ncan-i-deploy ledgerly 2.0.0: YES — 2 contracts, 3 checks: 1 failed (1 in pending contracts, not failing)\n"))
    }

    @Test("hostile text cannot end a command or start another")
    func injection() {
        let output = render(SampleVerifications.hostile, .github)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("::error file=contracts/evil.yaml,title="))
        #expect(!lines[1].hasPrefix("::"))
        #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!output.unicodeScalars.contains("\u{202E}"))
    }
}

@Suite("verify report: renderer values")
struct VerifyRendererValueTests {
    @Test("each format's renderer writes it, deterministically, ending with a newline; only text is coloured", arguments: ReportFormat.allCases)
    func laws(format: ReportFormat) {
        RendererLaws.hold(for: SampleVerifications.all, format: format, lookup: ReportRenderer<VerificationReport>.for)
        #expect(SampleVerifications.verify.rendered(as: format, context: context) == render(SampleVerifications.verify, format))
    }

    @Test("hostile text: no terminal escape or raw line break from it in any format; no bidi override where people read it",
          arguments: ReportFormat.allCases)
    func hostile(format: ReportFormat) throws {
        let output = render(SampleVerifications.hostile, format)
        RendererLaws.escapeHostileText(in: output, format: format)
        if format == .json {
            // Data: the server's text exactly, every control character JSON-escaped.
            #expect(try JSONValue(parsing: output)["contracts"]?[0]?["consumer"] == .string("bot" + SampleVerifications.hostileText))
        }
        if format == .sarif {
            let message = try #require(try JSONValue(parsing: output)["runs"]?[0]?["results"]?[0]?["message"]?["text"]?.stringValue)
            #expect(!message.unicodeScalars.contains { DisplayTextProbe.isUnsafe($0) })
        }
    }
}
