import Foundation
import PackagePlugin

/// `swift package accord <verb> [args…]`: runs Accord in a Swift MCP server package.
///
/// ```sh
/// swift package accord check                          # the CI gate over accord.yaml
/// swift package accord diff snapshots/api.json api --format markdown
/// swift package --allow-writing-to-package-directory accord snapshot api --update
/// ```
///
/// What it does, in order:
///
/// 1. Reads `accord.yaml` in the package directory (or `--config PATH`) for servers declared
///    with `swift-product: NAME` — stdio servers that are this package's executable products —
///    and stops with the file, line and the package's executable products when one names a
///    product the package does not have.
/// 2. Builds those products and the `accord` product in the debug configuration through
///    `packageManager.build`, the same build as `swift build` (`.build/debug`), so nothing is
///    compiled twice. The plugin deliberately has no tool dependency on `accord`: SwiftPM builds
///    a plugin's tools for the host as separate `-tool` modules, which is a second complete build
///    of Accord and its dependencies (async-http-client, SwiftNIO …) beside the debug build.
/// 3. Runs the built `accord` with the arguments as given, in the package directory (relative
///    paths in accord.yaml and on the command line mean the same as with `swift run accord`),
///    with `ACCORD_PRODUCTS_DIR` set to the folder of the built products, where Accord looks
///    `swift-product:` servers up. Accord's stdout is the command's stdout; its stderr lines are
///    relayed as SwiftPM progress lines (`[AccordPlugin] …`) on stderr, so stdout stays clean.
/// 4. A non-zero exit of Accord is reported as an error naming the status and its meaning
///    (1 findings, 2 input error, 3 server error, 4 internal error), and `swift package` exits
///    non-zero. SwiftPM does not forward a plugin's exit status, so a CI job that must tell 1
///    from 3 runs the built binary itself (`swift build --product accord && .build/debug/accord check`).
///
/// Writing: SwiftPM grants a command plugin the package directory per plugin, not per
/// invocation. Declaring `.writeToPackageDirectory` would make every run — a read-only `check`
/// in CI included — fail without `--allow-writing-to-package-directory` (or prompt on a
/// terminal). So the plugin declares no permission; read-only runs need no flag, and the plugin
/// itself refuses invocations that write source files into the package (`--update`, `--record`,
/// `-o`/`--output FILE` of `snapshot` and `contract init`) unless SwiftPM was given
/// `--allow-writing-to-package-directory` (see ``WritePermission`` for how that is detected).
/// `--report FORMAT=PATH` files are build outputs, not sources, and are not refused.
@main
struct AccordPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let packageDirectory = context.package.directoryURL
        let invocation = AccordInvocation(pluginArguments: arguments)

        if let write = invocation.write?.reason(packageDirectory: packageDirectory),
           !WritePermission.isGranted(flagInArguments: invocation.allowsWritingToPackageDirectory, pluginArguments: arguments, packageDirectory: packageDirectory) {
            Diagnostics.error("""
                `\(invocation.commandLine)` writes into the package directory (\(write)). \
                SwiftPM lets a command plugin write there only when asked; run:
                  swift package --allow-writing-to-package-directory \(invocation.commandLine)
                """)
            return
        }

        let configuration = invocation.configurationFile(in: packageDirectory)
        let products: [SwiftProductReference]
        do {
            products = try SwiftProductReference.declared(in: configuration)
        } catch {
            Diagnostics.error("cannot read \(configuration.path): \(error.localizedDescription)")
            return
        }

        let executables = context.package.products(ofType: ExecutableProduct.self).map(\.name)
        let missing = products.filter { !executables.contains($0.name) }
        guard missing.isEmpty else {
            for reference in missing {
                Diagnostics.error("""
                    \(invocation.displayPath(of: configuration)):\(reference.line): swift-product '\(reference.name)' is not an executable \
                    product of package '\(context.package.displayName)'; its executable products: \
                    \(executables.isEmpty ? "none" : executables.sorted().joined(separator: ", "))
                    """)
            }
            return
        }

        // The servers first: a compile error in the package is the likelier failure.
        let builder = ProductBuilder(packageManager: packageManager)
        Diagnostics.progress("Building \((products.map(\.name) + ["accord"]).joined(separator: ", ")) (debug)…")
        var builtProducts: [URL] = []
        for product in products {
            guard let executable = try builder.executable(of: product.name) else { return }
            builtProducts.append(executable)
        }
        guard let accord = try builder.executable(of: "accord") else { return }

        let status = try AccordProcess(
            executable: accord,
            arguments: invocation.accordArguments,
            workingDirectory: packageDirectory,
            productsFolder: (builtProducts.first ?? accord).deletingLastPathComponent()
        ).run()
        if let failure = status.failureDescription {
            Diagnostics.error(failure)
        }
    }
}
