import Foundation
import PackagePlugin

/// Builds executable products through the plugin host in the debug configuration, the build
/// `swift build` does, so the artifacts are shared with it (`.build/debug`).
struct ProductBuilder {
    var packageManager: PackageManager

    /// The built executable of `product`, or `nil` after reporting a failed build with its log.
    func executable(of product: String) throws -> URL? {
        let result = try packageManager.build(.product(product), parameters: .init(configuration: .debug, logging: .concise))
        guard result.succeeded else {
            Diagnostics.error("building the product '\(product)' failed:\n\(result.logText)")
            return nil
        }
        guard let executable = result.builtArtifacts.first(where: { $0.kind == .executable }) else {
            Diagnostics.error("building the product '\(product)' produced no executable")
            return nil
        }
        return executable.url
    }
}
