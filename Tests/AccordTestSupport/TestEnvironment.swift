import Foundation

/// Where scripts/test installed the Python peers. Tests that need them fail (never skip) with a
/// pointer to scripts/test when run without it. Shared by every test target.
public enum Peers {
    public struct Missing: Error, CustomStringConvertible {
        public let variable: String
        public var description: String {
            "\(variable) is not set: run the suite with scripts/test, which installs the Python peers and checkers"
        }
    }

    public static func variable(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    /// The mcp 2.x / fastmcp venv's python (also has jsonschema, junitparser, sarif-tools).
    public static func python() throws -> String { try variable("ACCORD_PEERS_PYTHON") }
    /// The mcp<2 venv's python.
    public static func legacyPython() throws -> String { try variable("ACCORD_LEGACY_PYTHON") }
    /// A tool in the peers venv's bin folder (fastmcp, mcp-server-time, ...).
    public static func bin(_ tool: String) throws -> String { try variable("ACCORD_PEERS_BIN") + "/" + tool }
    /// A file in Tests/Fixtures/peers.
    public static func fixture(_ file: String) throws -> String { try variable("ACCORD_FIXTURES") + "/" + file }
    public static func gitRepository() throws -> String { try variable("ACCORD_GIT_REPO") }
}

/// Paths inside the package and its build.
public enum PackagePaths {
    /// The package root, found from this file's location (Tests/AccordTestSupport/…).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A path relative to the package root.
    public static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    /// The built products folder (an ancestor of the running test bundle holding `accord`).
    public static let products: String = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("accord").path) {
            folder.deleteLastPathComponent()
        }
        return folder.path
    }()

    public static var accord: String { products + "/accord" }
    public static var demoServer: String { products + "/accord-demo-server" }
}
