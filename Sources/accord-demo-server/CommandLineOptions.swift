/// The demo's command line. Hand-parsed on purpose: the target depends only on the MCP SDK (and
/// NIO for HTTP), and four flags do not justify pulling swift-argument-parser into the server.
struct CommandLineOptions: Equatable, Sendable {
    var release = DemoRelease.defaultRelease
    var transport = DemoTransport.stdio
    var host = "127.0.0.1"
    /// 0 asks the system for a free port; the ready line on stderr says which one it gave.
    var port = 0
    var showHelp = false

    /// A usage error; the message is printed to stderr and the process exits with status 2,
    /// matching Accord's "usage or input error" code.
    struct UsageError: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// Printed under a usage error, where the full help would bury the error line.
    static let shortUsage = "Usage: accord-demo-server [--release 1.0.0|2.0.0] [--transport stdio|http] [--host <host>] [--port <n>] [--help]"

    static let usage = """
        USAGE: accord-demo-server [--release <version>] [--transport stdio|http] [--host <host>] [--port <n>]

        Ledgerly, a small invoicing service: the MCP server that ships with Accord as its demo and
        test peer. Over stdio (the default) it speaks one JSON-RPC message per line on stdin/stdout
        and exits when stdin closes. Over http it serves MCP Streamable HTTP at
        http://<host>:<port>/mcp, one fresh ledger per MCP session, and prints
        "ledgerly <release> listening on <url>" to stderr once it accepts connections. Logs go to
        stderr; SIGTERM or SIGINT end it with status 0.

        OPTIONS:
          --release <version>   Definition set to serve: \(releaseChoices) (default: \(DemoRelease.defaultRelease.version)).
                                serverInfo.version is the release. See docs/demo-server.md for what
                                changes between them.
          --transport <kind>    stdio or http (default: stdio).
          --host <host>         http only: the loopback address to listen on, 127.0.0.1, localhost
                                or ::1 (default: 127.0.0.1).
          --port <n>            http only: the TCP port, 0-65535; 0 picks a free one (default: 0).
          -h, --help            Show this help and exit.

        """

    static func parse(_ arguments: [String]) -> Result<CommandLineOptions, UsageError> {
        var options = CommandLineOptions()
        var remaining = arguments[...]
        var given: Set<String> = []
        while let argument = remaining.popFirst() {
            if argument == "-h" || argument == "--help" {
                options.showHelp = true
                continue
            }
            let (name, inlineValue) = split(argument)
            guard let flag = valueFlags[name] else {
                return .failure(UsageError(description: "unknown argument '\(argument)'"))
            }
            guard let value = inlineValue ?? remaining.popFirst() else {
                return .failure(UsageError(description: "\(name) needs a value (\(flag.expected))"))
            }
            if let error = flag.apply(value, &options) { return .failure(error) }
            given.insert(name)
        }
        // Without this, `--port 8080` alone would start a stdio server that exits as soon as its
        // (likely empty) stdin closes, leaving the user to wonder why nothing listens.
        if options.transport == .stdio, let networkFlag = ["--host", "--port"].first(where: given.contains) {
            return .failure(UsageError(description: "\(networkFlag) needs --transport http"))
        }
        return .success(options)
    }

    /// `--flag=value` as (`--flag`, `value`); anything else as (argument, nil).
    private static func split(_ argument: String) -> (name: String, value: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// A flag that takes a value: what it expects (for messages) and how it sets the option.
    private struct ValueFlag: Sendable {
        let expected: String
        let apply: @Sendable (String, inout CommandLineOptions) -> UsageError?
    }

    private static let valueFlags: [String: ValueFlag] = [
        "--release": ValueFlag(expected: releaseChoices) { value, options in
            guard let release = DemoRelease(rawValue: value) else {
                return UsageError(description: "unknown release '\(value)'; this server knows \(releaseChoices)")
            }
            options.release = release
            return nil
        },
        "--transport": ValueFlag(expected: transportChoices) { value, options in
            guard let transport = DemoTransport(rawValue: value) else {
                return UsageError(description: "unknown transport '\(value)'; choose \(transportChoices)")
            }
            options.transport = transport
            return nil
        },
        // Loopback only: the SDK's HTTP transport accepts only localhost Host and Origin headers
        // (DNS rebinding protection), so any other address would answer 421 to every request.
        "--host": ValueFlag(expected: loopbackHosts.joined(separator: ", ")) { value, options in
            guard loopbackHosts.contains(value) else {
                return UsageError(description: "--host '\(value)' is not a loopback address; the demo listens on \(loopbackHosts.joined(separator: ", ")) only")
            }
            options.host = value
            return nil
        },
        "--port": ValueFlag(expected: "0-65535") { value, options in
            guard let port = Int(value), (0...65535).contains(port) else {
                return UsageError(description: "--port '\(value)' is not a port number (0-65535; 0 picks a free port)")
            }
            options.port = port
            return nil
        },
    ]

    private static let loopbackHosts = ["127.0.0.1", "localhost", "::1"]

    private static var releaseChoices: String { DemoRelease.allCases.map(\.version).joined(separator: " or ") }

    private static var transportChoices: String { DemoTransport.allCases.map(\.rawValue).joined(separator: " or ") }
}

/// How the demo talks to its client. Both serve the same definitions and behaviour; see
/// `ServeOverStdio.swift` and `ServeOverHTTP.swift`.
enum DemoTransport: String, CaseIterable, Sendable {
    case stdio
    case http
}
