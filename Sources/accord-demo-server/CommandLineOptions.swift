/// The demo's command line. Hand-parsed on purpose: the target depends only on the MCP SDK, and
/// two flags do not justify pulling swift-argument-parser into the server.
struct CommandLineOptions: Equatable, Sendable {
    var release = DemoRelease.defaultRelease
    var showHelp = false

    /// A usage error; the message is printed to stderr and the process exits with status 2,
    /// matching Accord's "usage or input error" code.
    struct UsageError: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// Printed under a usage error, where the full help would bury the error line.
    static let shortUsage = "Usage: accord-demo-server [--release 1.0.0|2.0.0] [--help]"

    static let usage = """
        USAGE: accord-demo-server [--release <version>]

        Ledgerly, a small invoicing service: the MCP server that ships with Accord as its demo and
        test peer. Speaks MCP over stdio (one JSON-RPC message per line on stdin/stdout; logs go to
        stderr) and exits when stdin closes or on SIGTERM/SIGINT.

        OPTIONS:
          --release <version>   Definition set to serve: \(DemoRelease.allCases.map(\.version).joined(separator: " or ")) \
        (default: \(DemoRelease.defaultRelease.version)).
                                serverInfo.version is the release. See docs/demo-server.md for what
                                changes between them.
          -h, --help            Show this help and exit.

        """

    static func parse(_ arguments: [String]) -> Result<CommandLineOptions, UsageError> {
        var options = CommandLineOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "-h", "--help":
                options.showHelp = true
            case "--release":
                guard let value = remaining.popFirst() else {
                    return .failure(UsageError(description: "--release needs a value (\(releaseChoices))"))
                }
                guard let release = DemoRelease(rawValue: value) else { return .failure(unknownRelease(value)) }
                options.release = release
            case let flag where flag.hasPrefix("--release="):
                let value = String(flag.dropFirst("--release=".count))
                guard let release = DemoRelease(rawValue: value) else { return .failure(unknownRelease(value)) }
                options.release = release
            default:
                return .failure(UsageError(description: "unknown argument '\(argument)'"))
            }
        }
        return .success(options)
    }

    private static var releaseChoices: String { DemoRelease.allCases.map(\.version).joined(separator: " or ") }

    private static func unknownRelease(_ value: String) -> UsageError {
        UsageError(description: "unknown release '\(value)'; this server knows \(releaseChoices)")
    }
}
