import Foundation

/// Whether SwiftPM was given `--allow-writing-to-package-directory` for this run.
///
/// SwiftPM does not tell a plugin which permissions it granted, so the plugin looks:
///
/// - after the verb (`swift package accord snapshot api --update --allow-writing-to-package-directory`)
///   SwiftPM honours the flag and also passes it on in the plugin's arguments;
/// - before the verb (`swift package --allow-writing-to-package-directory accord …`, the form
///   SwiftPM documents) it is on the command line of `swift-package`, the plugin's parent
///   process, which Linux shows in `/proc/<ppid>/cmdline`;
/// - on macOS the plugin runs in SwiftPM's sandbox, which makes the package directory read-only
///   unless writing was allowed: a probe file tells (and `--disable-sandbox` allows it too).
enum WritePermission {
    static let flag = "--allow-writing-to-package-directory"

    static func isGranted(flagInArguments: Bool, pluginArguments: [String], packageDirectory: URL) -> Bool {
        if flagInArguments { return true }
        #if os(macOS)
        return canWrite(in: packageDirectory)
        #else
        return parentCommandLineGrants(pluginArguments: pluginArguments)
        #endif
    }

    /// `swift-package`'s arguments before the plugin's own contain the flag. The parent's
    /// command line ends with the plugin's arguments; anything else means the parent is not
    /// `swift package` (an IDE) and nothing can be told.
    static func parentCommandLineGrants(pluginArguments: [String]) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(getppid())/cmdline") else { return false }
        let parent = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        guard parent.count > pluginArguments.count, Array(parent.suffix(pluginArguments.count)) == pluginArguments else { return false }
        return parent.dropLast(pluginArguments.count).contains(flag)
    }

    #if os(macOS)
    private static func canWrite(in directory: URL) -> Bool {
        let probe = directory.appendingPathComponent(".accord-plugin-write-probe-\(getpid())")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else { return false }
        try? FileManager.default.removeItem(at: probe)
        return true
    }
    #endif
}
