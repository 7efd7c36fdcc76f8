// swift-tools-version:6.1
import PackageDescription

let releaseCLIOnly = Context.environment["ACCORD_RELEASE_CLI_ONLY"] == "1"
// `scripts/fuzz` sets ACCORD_FUZZ=1 (with its own --scratch-path): Accord's modules are built
// with libFuzzer's coverage instrumentation and the fuzz targets under Fuzz/ are added.
let fuzzing = Context.environment["ACCORD_FUZZ"] == "1"
// libFuzzer without its main (SwiftPM gives every executable a main of its own; the targets call
// LLVMFuzzerRunDriver): scripts/fuzz finds libclang_rt.fuzzer_no_main in the toolchain.
let fuzzRuntime = Context.environment["ACCORD_FUZZ_RUNTIME"] ?? ""

let package = Package(
    name: "Accord",
    platforms: [.macOS("13.0")],
    products: [
        .executable(name: "accord", targets: ["accord"]),
        .executable(name: "accord-demo-server", targets: ["accord-demo-server"]),
        .executable(name: "accord-parse-bench", targets: ["accord-parse-bench"]),
        .library(name: "AccordJSON", targets: ["AccordJSON"]),
        .library(name: "AccordMCP", targets: ["AccordMCP"]),
        .library(name: "AccordSnapshot", targets: ["AccordSnapshot"]),
        .library(name: "AccordEvolution", targets: ["AccordEvolution"]),
        .library(name: "AccordReport", targets: ["AccordReport"]),
        .library(name: "AccordContracts", targets: ["AccordContracts"]),
        .library(name: "AccordGit", targets: ["AccordGit"]),
        .library(name: "AccordRegistry", targets: ["AccordRegistry"]),
        .library(name: "AccordRecord", targets: ["AccordRecord"]),
        .library(name: "AccordServer", targets: ["AccordServer"]),
        .library(name: "AccordMock", targets: ["AccordMock"]),
        .library(name: "AccordProbe", targets: ["AccordProbe"]),
        .plugin(name: "AccordPlugin", targets: ["AccordPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        .target(name: "AccordJSON"),
        .target(
            name: "AccordMCP",
            dependencies: [
                "AccordJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(name: "AccordSnapshot", dependencies: ["AccordJSON", "AccordMCP"]),
        // Files as committed at a git revision, through the user's `git` (baselines from main).
        .target(
            name: "AccordGit",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(name: "AccordYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "AccordEvolution", dependencies: ["AccordJSON", "AccordSnapshot"]),
        .target(name: "AccordReport", dependencies: ["AccordJSON", "AccordEvolution", "AccordContracts", "AccordRegistry", "AccordProbe"]),
        // `accord probe`: calls a live server's tools with arguments generated from their
        // inputSchemas and checks the replies against the server's own schemas.
        .target(name: "AccordProbe", dependencies: ["AccordJSON", "AccordMCP", "AccordEvolution", "AccordContracts"]),
        // The contract registry over git: publications, verification results, deployments.
        .target(name: "AccordRegistry", dependencies: ["AccordGit", "AccordJSON", "AccordContracts"]),
        .target(
            name: "AccordContracts",
            dependencies: [
                "AccordJSON", "AccordMCP", "AccordYAML", "AccordSnapshot", "AccordEvolution",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The MCP serving core (stdio + Streamable HTTP, both eras) that `mock` answers from and
        // `record` proxies through. Its own small NIO listener: not the swift-sdk.
        .target(
            name: "AccordServer",
            dependencies: [
                "AccordJSON", "AccordMCP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // Observed traffic -> a pending contract: the stdio and HTTP recording proxies.
        .target(
            name: "AccordRecord",
            dependencies: [
                "AccordJSON", "AccordMCP", "AccordSnapshot", "AccordContracts", "AccordServer",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "AccordMock", dependencies: ["AccordJSON", "AccordMCP", "AccordSnapshot", "AccordContracts", "AccordServer", "AccordReport", "AccordYAML"]),
        .target(
            name: "AccordCLI",
            dependencies: [
                "AccordJSON", "AccordMCP", "AccordSnapshot", "AccordEvolution", "AccordReport", "AccordYAML", "AccordContracts",
                "AccordGit", "AccordRegistry",
                "AccordRecord",
                "AccordServer", "AccordMock", "AccordProbe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The demo server is a dependency so that `swift run accord` builds it too: the CLI
        // finds it beside its own executable (see StdioLaunchResolver). The release package
        // ships `accord` alone (scripts/release-build sets ACCORD_RELEASE_CLI_ONLY=1): the demo's
        // MCP SDK pulls in FoundationNetworking, whose libcurl cannot be linked statically.
        //
        // The release binary links as a position-dependent executable without -export-dynamic:
        // a PIE of this size makes the dynamic loader apply ~118,000 relative relocations (and
        // copy the pages they touch) on every start, and the exported symbol table (2.7 MB) is
        // scanned by the runtime's start-up dladdr: 2.6 M instructions and ~370 page faults per
        // start; see docs/performance-startup.md.
        .executableTarget(
            name: "accord",
            dependencies: ["AccordCLI"] + (releaseCLIOnly ? [] : ["accord-demo-server"]),
            linkerSettings: releaseCLIOnly ? [.unsafeFlags(["-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic"])] : []
        ),
        .executableTarget(
            name: "accord-demo-server",
            dependencies: [
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The JSON parser's throughput (scripts/benchmark parser; docs/performance.md).
        .executableTarget(name: "accord-parse-bench", dependencies: ["AccordJSON"]),
        // `swift package accord …` in a Swift MCP server package. No tool dependency on `accord`:
        // the plugin builds it with the package's debug build instead of a second host build.
        .plugin(
            name: "AccordPlugin",
            capability: .command(intent: .custom(verb: "accord", description: "Run Accord (check, diff, verify, snapshot …) against this package's MCP servers, building the swift-product servers accord.yaml names."))
        ),
        // Peer lookup and package paths shared by the test targets (not shipped).
        .target(name: "AccordTestSupport", dependencies: ["AccordJSON"], path: "Tests/AccordTestSupport"),
        .testTarget(name: "AccordJSONTests", dependencies: ["AccordJSON", "AccordTestSupport"]),
        .testTarget(name: "AccordMCPTests", dependencies: ["AccordMCP"]),
        .testTarget(name: "AccordSnapshotTests", dependencies: ["AccordSnapshot"]),
        .testTarget(name: "AccordGitTests", dependencies: ["AccordGit", "AccordTestSupport"]),
        .testTarget(name: "AccordRegistryTests", dependencies: ["AccordRegistry", "AccordContracts", "AccordJSON", "AccordTestSupport"]),
        .testTarget(name: "AccordEvolutionTests", dependencies: ["AccordEvolution", "AccordJSON", "AccordSnapshot", "AccordTestSupport"]),
        .testTarget(name: "AccordReportTests", dependencies: ["AccordReport", "AccordEvolution", "AccordContracts", "AccordJSON", "AccordTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AccordContractsTests", dependencies: ["AccordContracts", "AccordJSON", "AccordSnapshot", "AccordTestSupport"]),
        .testTarget(name: "AccordRecordTests", dependencies: ["AccordRecord", "AccordContracts", "AccordJSON", "AccordSnapshot", "AccordTestSupport"]),
        .testTarget(name: "AccordServerTests", dependencies: ["AccordServer", "AccordJSON", "AccordMCP", "AccordTestSupport"]),
        .testTarget(name: "AccordMockTests", dependencies: ["AccordMock", "AccordServer", "AccordContracts", "AccordSnapshot", "AccordJSON", "AccordReport", "AccordTestSupport"]),
        .testTarget(name: "AccordProbeTests", dependencies: ["AccordProbe", "AccordReport", "AccordMCP", "AccordJSON", "AccordEvolution", "AccordTestSupport"]),
        .testTarget(name: "AccordCLITests", dependencies: ["AccordCLI", "AccordSnapshot", "AccordJSON", "AccordMCP", "AccordTestSupport", .product(name: "Yams", package: "Yams")]),
    ],
    swiftLanguageModes: [.v6]
)

// One libFuzzer target per parser: `accord-fuzz-NAME` in Fuzz/NAME/ (its main calls
// `fuzzMain` from Fuzz/Support), its seed corpus in Fuzz/corpus/NAME/. See docs/fuzzing.md.
let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
    ("json", ["AccordJSON"]),
    ("sse", ["AccordMCP"]),
    ("jsonrpc", ["AccordJSON", "AccordMCP", "AccordRecord"]),
    ("contract", ["AccordContracts"]),
    ("config", ["AccordCLI"]),
    ("snapshot", ["AccordSnapshot"]),
    ("uri-template", ["AccordContracts"]),
]
if fuzzing {
    for target in package.targets where [.regular, .executable].contains(target.type) && target.name.hasPrefix("Accord") {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-sanitize=fuzzer"])]
    }
    package.targets.append(.target(name: "CLibFuzzer", path: "Fuzz/LibFuzzer"))
    package.targets.append(.target(name: "AccordFuzzing", dependencies: ["CLibFuzzer"], path: "Fuzz/Support"))
    for fuzzTarget in fuzzTargets {
        let module = "accord-fuzz-" + fuzzTarget.name
        package.targets.append(.executableTarget(
            name: module, dependencies: fuzzTarget.dependencies + ["AccordFuzzing"], path: "Fuzz/\(fuzzTarget.name)",
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer"])],
            linkerSettings: [.unsafeFlags(["-Xlinker", fuzzRuntime, "-lstdc++"])]))
        package.products.append(.executable(name: module, targets: [module]))
    }
}
