import Foundation

/// How the authorization URL reaches the person at the terminal: printed to stderr, and opened
/// in a browser (`xdg-open`, `open` on macOS) when stdin is a terminal and the opener exists.
///
/// ```swift
/// let prompt = AuthorizationPrompt.terminal(openBrowser: true)
/// prompt.present("https://as.example/authorize?...", "http://127.0.0.1:8000/mcp")
/// ```
public struct AuthorizationPrompt: Sendable {
    /// Shows `url` (the authorization request for the server at the second argument).
    public var present: @Sendable (_ url: String, _ server: String) -> Void

    public init(present: @escaping @Sendable (_ url: String, _ server: String) -> Void) {
        self.present = present
    }

    public static func terminal(openBrowser: Bool = isatty(STDIN_FILENO) == 1) -> AuthorizationPrompt {
        AuthorizationPrompt { url, server in
            let text = "accord: to authorize Accord for \(server), open this URL in a browser:\n  \(url)\n"
            FileHandle.standardError.write(Data(text.utf8))
            if openBrowser { launchBrowser(url) }
        }
    }

    private static func launchBrowser(_ url: String) {
        #if os(macOS)
        let opener = "/usr/bin/open"
        #else
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let opener = path.split(separator: ":").map({ "\($0)/xdg-open" }).first(where: FileManager.default.isExecutableFile(atPath:)) else { return }
        #endif
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // xdg-open hands the URL to the browser and exits; reap it off the caller's thread.
        process.terminationHandler = { _ in }
        try? process.run()
    }
}
