@testable import AccordCLI
import AccordMCP
import AccordTestSupport
import Foundation
import Testing

/// Bad input: exit code 2 and a message naming the file, line and field.
@Suite struct UsageTests {
    @Test func helpListsExitCodes() async throws {
        let run = try await runAccord(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("EXIT CODES"))
        #expect(run.stdout.contains("3  server error"))
    }

    /// `--version` alone skips ArgumentParser (CommandRunner.answerVersionRequest): its line must
    /// stay the one ArgumentParser prints for it (which still answers `--version` among others).
    @Test func versionPrintsWhatArgumentParserWould() async throws {
        let parsed = try #require(throws: (any Error).self) { try AccordCommand.parseAsRoot(["--version"]) }
        #expect(AccordCommand.exitCode(for: parsed) == .success)
        let run = try await runAccord(["--version"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == AccordCommand.fullMessage(for: parsed) + "\n")
        #expect(run.stdout == AccordVersion.current + "\n")
        #expect(run.stderr.isEmpty)

        // Not `--version` alone: ArgumentParser answers, with the same bytes.
        let parsedRun = try await runAccord(["--version", "--quiet"])
        #expect(parsedRun.status == 0, "\(parsedRun)")
        #expect(parsedRun.stdout == run.stdout)
    }

    @Test func unknownFlagIsAUsageError() async throws {
        let run = try await runAccord(["snapshot", "--frobnicate"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--frobnicate"))
    }

    @Test func noServerNamedIsAUsageError() async throws {
        let run = try await runAccord(["snapshot"], in: try temporaryFolder())
        #expect(run.status == 2)
        #expect(run.stderr.contains("name a server"))
    }

    @Test func unsupportedProtocolVersionIsRejected() async throws {
        let run = try await runAccord(["snapshot", "--protocol-version", "1999-01-01", "--url", "http://127.0.0.1:9/mcp"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("2025-11-25"))
    }

    @Test(arguments: [
        ("servers:\n  demo:\n    command: [unclosed\n", "accord.yaml:", "invalid YAML"),
        ("servers:\n  demo:\n    comand: x\n", "accord.yaml:3: servers.demo.comand", "unknown key"),
        ("servers:\n  demo:\n    args: [a]\n", "accord.yaml:3: servers.demo", "needs command"),
        ("servers:\n  demo:\n    command: x\n    args: 5\n", "accord.yaml:4: servers.demo.args", "list of strings"),
        ("servers:\n  web:\n    url: http://127.0.0.1:9/mcp\n    transport: carrier-pigeon\n", "accord.yaml:4: servers.web.transport", "must be one of"),
    ])
    func badConfigNamesFileLineAndField(_ yaml: String, _ location: String, _ reason: String) async throws {
        let folder = try temporaryFolder()
        try yaml.write(toFile: "\(folder)/accord.yaml", atomically: true, encoding: .utf8)
        let run = try await runAccord(["snapshot", "demo"], in: folder)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains(location), "\(run)")
        #expect(run.stderr.contains(reason), "\(run)")
    }

    @Test func unknownServerNameListsTheKnownOnes() async throws {
        let folder = try temporaryFolder()
        try "servers:\n  alpha:\n    command: x\n  beta:\n    url: http://127.0.0.1:9/mcp\n".write(toFile: "\(folder)/accord.yaml", atomically: true, encoding: .utf8)
        let run = try await runAccord(["snapshot", "gamma"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("alpha, beta"))
    }

    @Test func refusedConnectionIsAServerError() async throws {
        let run = try await runAccord(["snapshot", "--url", "http://127.0.0.1:\(freePort())/mcp", "--timeout", "5"])
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.contains("could not connect"))
    }
}
