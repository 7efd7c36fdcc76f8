import Foundation

/// The arguments of `swift package accord …`, read as far as the plugin needs: what to pass to
/// Accord, which config file it will read, and whether the run writes into the package.
///
/// ```swift
/// let invocation = AccordInvocation(pluginArguments: ["snapshot", "api", "--update"])
/// invocation.write             // .configuredFolders(reason: "--update rewrites baselines …")
/// invocation.accordArguments   // ["snapshot", "api", "--update"]
/// ```
struct AccordInvocation: Equatable {
    /// The arguments for `accord`: the plugin's arguments less SwiftPM's plugin options, which
    /// SwiftPM honours after the verb too but also passes on to the plugin.
    var accordArguments: [String]
    /// `--allow-writing-to-package-directory` was among the plugin's arguments.
    var allowsWritingToPackageDirectory: Bool
    /// `--config PATH`, as given.
    var configuration: String?
    /// What this run writes: baselines or records (`--update`, `--record`), or an output file.
    var write: Write?

    /// A file-writing invocation.
    enum Write: Equatable {
        /// `--update` or `--record`: files in the folders accord.yaml names.
        case configuredFolders(reason: String)
        /// `-o`/`--output FILE`.
        case output(String)

        /// Why this writes into `packageDirectory`, or `nil` when it writes elsewhere.
        func reason(packageDirectory: URL) -> String? {
            switch self {
            case .configuredFolders(let reason):
                return reason
            case .output(let path):
                let file = path.hasPrefix("/") ? URL(fileURLWithPath: path) : packageDirectory.appendingPathComponent(path)
                let inside = file.standardizedFileURL.path.hasPrefix(packageDirectory.standardizedFileURL.path + "/")
                return inside ? "it writes \(path)" : nil
            }
        }
    }

    /// SwiftPM's plugin options (and `--disable-sandbox`), with whether each takes a value.
    static let swiftPMPluginOptions: [String: Bool] = [
        "--allow-writing-to-package-directory": false,
        "--allow-writing-to-directory": true,
        "--allow-network-connections": true,
        "--disable-sandbox": false,
        "--package": true,
    ]

    init(pluginArguments: [String]) {
        var accordArguments: [String] = []
        var allowsWriting = false
        var index = pluginArguments.startIndex
        // Only options before `--` are Accord's (or SwiftPM's); after it comes a server command.
        while index < pluginArguments.endIndex, pluginArguments[index] != "--" {
            let argument = pluginArguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if let takesValue = Self.swiftPMPluginOptions[name] {
                if name == "--allow-writing-to-package-directory" { allowsWriting = true }
                if takesValue, !argument.contains("=") { index += 1 }
            } else {
                accordArguments.append(argument)
            }
            index += 1
        }
        let options = accordArguments
        accordArguments += pluginArguments[index...]

        self.accordArguments = accordArguments
        self.allowsWritingToPackageDirectory = allowsWriting
        self.configuration = Self.value(of: "--config", in: options)
        self.write = Self.write(in: options)
    }

    /// What the options make Accord write, if anything (reports are outputs, not sources).
    private static func write(in options: [String]) -> Write? {
        if options.contains("--update") { return .configuredFolders(reason: "--update rewrites baselines in the snapshots folder") }
        if options.contains("--record") { return .configuredFolders(reason: "--record writes verification records in the contracts folder") }
        if let output = value(of: "--output", in: options) ?? value(of: "-o", in: options), output != "-" {
            return .output(output)
        }
        return nil
    }

    /// The value of `--name VALUE` or `--name=VALUE` (the last one wins, as in ArgumentParser).
    private static func value(of name: String, in options: [String]) -> String? {
        var found: String?
        for (index, option) in options.enumerated() {
            if option == name, index + 1 < options.count {
                found = options[index + 1]
            } else if option.hasPrefix(name + "=") {
                found = String(option.dropFirst(name.count + 1))
            }
        }
        return found
    }

    /// The config file Accord will read: `--config PATH` relative to the package directory
    /// (Accord runs there), else `accord.yaml` in it.
    func configurationFile(in packageDirectory: URL) -> URL {
        guard let configuration else { return packageDirectory.appendingPathComponent("accord.yaml") }
        if configuration.hasPrefix("/") { return URL(fileURLWithPath: configuration) }
        return packageDirectory.appendingPathComponent(configuration)
    }

    /// `accord ARGUMENTS` as a shell command line, for messages.
    var commandLine: String {
        (["accord"] + accordArguments).map { argument in
            let plain = !argument.isEmpty && argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) }
            return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    /// The config file as the user named it, for messages.
    func displayPath(of file: URL) -> String { configuration ?? file.lastPathComponent }
}
