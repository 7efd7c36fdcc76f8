import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// The official JSON-Schema-Test-Suite, draft 2020-12 (Tests/Fixtures/JSON-Schema-Test-Suite,
/// see its SOURCE.md). Every required case must pass; the optional ones are run and their pass
/// rate printed. References to `http://localhost:1234/…` are answered from the fixture's
/// `remotes/` folder through ``JSONSchemaValidator/Options/documents``: nothing is fetched.
@Suite struct JSONSchemaTestSuiteTests {
    static let folder = PackagePaths.path("Tests/Fixtures/JSON-Schema-Test-Suite")

    /// One `tests` entry of a suite file, with the group it belongs to.
    struct Case {
        var file: String
        var group: String
        var description: String
        var schema: JSONValue
        var data: JSONValue
        var valid: Bool

        var name: String { "\(file): \(group) / \(description)" }
    }

    /// What a run of some suite files came to.
    struct Outcome {
        var total = 0
        var failures: [String] = []
        var passed: Int { total - failures.count }
        var rate: String { total == 0 ? "0 / 0" : "\(passed) / \(total) (\(String(format: "%.1f", Double(passed) * 100 / Double(total))) %)" }
    }

    /// Every file under `remotes/`, by the URI the suite serves it at.
    static let remotes: [String: JSONValue] = {
        let root = folder + "/remotes"
        var documents: [String: JSONValue] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".json"), let text = try? String(contentsOfFile: root + "/" + relative, encoding: .utf8),
                  let document = try? JSONValue(parsing: text) else { continue }
            documents["http://localhost:1234/" + relative] = document
        }
        return documents
    }()

    static func files(in subfolder: String) -> [String] {
        let path = folder + "/tests/draft2020-12" + (subfolder.isEmpty ? "" : "/" + subfolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { subfolder.isEmpty ? $0 : subfolder + "/" + $0 }
    }

    static func cases(in file: String) throws -> [Case] {
        let text = try String(contentsOfFile: folder + "/tests/draft2020-12/" + file, encoding: .utf8)
        guard case .array(let groups) = try JSONValue(parsing: text) else { return [] }
        return groups.flatMap { group -> [Case] in
            let tests = group["tests"]?.arrayValue ?? []
            return tests.map { test in
                Case(file: file, group: group["description"]?.stringValue ?? "?", description: test["description"]?.stringValue ?? "?",
                     schema: group["schema"] ?? .bool(true), data: test["data"] ?? .null, valid: test["valid"]?.boolValue ?? true)
            }
        }
    }

    /// Runs every case of `files`; formats are asserted for `optional/format/` as the suite intends.
    static func run(_ files: [String]) throws -> Outcome {
        var outcome = Outcome()
        for file in files {
            let options = JSONSchemaValidator.Options(assertFormats: file.hasPrefix("optional/format/"), documents: remotes)
            for testCase in try cases(in: file) {
                outcome.total += 1
                let validator = JSONSchemaValidator(schema: testCase.schema, options: options)
                let quiet = validator.isValid(testCase.data)
                let errors = validator.validate(testCase.data)
                if quiet != testCase.valid || errors.isEmpty != testCase.valid {
                    let detail = errors.prefix(2).map(\.description).joined(separator: "; ")
                    outcome.failures.append("\(testCase.name): expected \(testCase.valid ? "valid" : "invalid"), isValid \(quiet), \(errors.count) errors \(detail)")
                }
            }
        }
        return outcome
    }

    @Test func theFixtureIsComplete() {
        #expect(Self.files(in: "").count >= 40)
        #expect(Self.remotes["http://localhost:1234/draft2020-12/extendible-dynamic-ref.json"] != nil)
        #expect(FileManager.default.fileExists(atPath: Self.folder + "/LICENSE"))
    }

    @Test(arguments: files(in: ""))
    func everyRequiredCasePasses(_ file: String) throws {
        let outcome = try Self.run([file])
        #expect(outcome.total > 0, "\(file) has no cases")
        for failure in outcome.failures { Issue.record(Comment(rawValue: failure)) }
    }

    @Test func requiredPassRate() throws {
        let outcome = try Self.run(Self.files(in: ""))
        print("JSON-Schema-Test-Suite draft2020-12 required: \(outcome.rate)")
        #expect(outcome.failures.isEmpty)
    }

    /// Optional behaviour (bignums, ECMAScript regexes, format assertion …) is not asserted, only
    /// that every case runs to an answer; the pass rates go to the test output.
    @Test func optionalPassRates() throws {
        let optional = try Self.run(Self.files(in: "optional"))
        let format = try Self.run(Self.files(in: "optional/format"))
        print("JSON-Schema-Test-Suite draft2020-12 optional: \(optional.rate)")
        print("JSON-Schema-Test-Suite draft2020-12 optional/format: \(format.rate)")
        if ProcessInfo.processInfo.environment["ACCORD_SUITE_VERBOSE"] != nil {
            for failure in optional.failures + format.failures { print("  optional failure: \(failure)") }
        }
        #expect(optional.total > 0 && format.total > 0)
    }
}
