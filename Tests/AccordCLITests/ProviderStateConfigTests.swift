import AccordJSON
import AccordTestSupport
import Foundation
import Testing

/// Live verification over Streamable HTTP against the Python SDK peer, with the provider-state
/// hook read from accord.yaml: the hook changes what the server returns.
@Suite struct ProviderStateConfigTests {
    /// A project whose one server is the HTTP peer, with or without the hook.
    static func project(url: String, stateFile: String, withHook: Bool) throws -> String {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/contracts", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try Peers.fixture("trip-planner.yaml"), toPath: folder + "/contracts/trip-planner.yaml")
        let hook = withHook ? """

                provider-states:
                  command: ["\(try Peers.python())", "\(try Peers.fixture("set_weather_state.py"))", "\(stateFile)"]
                  timeout: 20
            """ : ""
        try """
            servers:
              weather:
                url: \(url)\(hook)
            """.write(toFile: folder + "/accord.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func theHookFromTheConfigSetsTheStateUpOverStreamableHTTP() async throws {
        let stateFile = FileManager.default.temporaryDirectory.appendingPathComponent("accord-state-\(UUID().uuidString).json").path
        let server = try await BackgroundServer.start(try Peers.python(), [try Peers.fixture("sdk_server.py"), "--transport", "streamable-http", "--port", "{port}", "--state-file", stateFile])
        defer { server.stop() }

        let without = try await runAccord(["verify", "--server", "weather", "--format", "json"],
                                          in: try Self.project(url: server.url, stateFile: stateFile, withHook: false))
        #expect(without.status == 1, "without the hook the server is not in the state: \(without)")
        let mismatches = try JSONValue(parsing: without.stdout)["contracts"]?[0]?["checks"]?.arrayValue?
            .first { $0["id"] == "interaction:snow in Oslo" }?["mismatches"]?.arrayValue ?? []
        #expect(mismatches.contains { $0["pointer"] == "/structuredContent/conditions" }, "\(mismatches)")

        let with = try await runAccord(["verify", "--server", "weather"], in: try Self.project(url: server.url, stateFile: stateFile, withHook: true))
        #expect(with.status == 0, "\(with)")
    }

    @Test(arguments: [
        ("provider-states: { timeout: 3 }", "servers.weather.provider-states", "command"),
        ("provider-states: { command: [x], timeout: soon }", "servers.weather.provider-states.timeout", "positive number"),
        ("provider-states: { command: [x], retries: 2 }", "retries", "retries"),
    ])
    func badProviderStateConfigIsAnInputError(_ entry: String, _ field: String, _ words: String) async throws {
        let folder = try temporaryFolder()
        try "servers:\n  weather:\n    url: http://127.0.0.1:9/mcp\n    \(entry)\n".write(toFile: folder + "/accord.yaml", atomically: true, encoding: .utf8)
        let run = try await runAccord(["verify", "--server", "weather"], in: folder)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("accord.yaml:4"), "\(run.stderr)")
        #expect(run.stderr.contains(field) && run.stderr.contains(words), "\(run.stderr)")
    }
}
