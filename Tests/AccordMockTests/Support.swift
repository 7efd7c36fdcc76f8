import AccordContracts
import AccordJSON
import AccordSnapshot
import AccordTestSupport

/// The demo's committed fixtures: its snapshot and contracts.
enum Demo {
    static func snapshot(_ name: String = "snapshots/demo.json") throws -> Snapshot { try SnapshotFile.read(PackagePaths.path(name)) }
    static func contract(_ name: String) throws -> Contract { try ContractFile.load(PackagePaths.path("contracts/\(name).yaml")) }

    /// A contract parsed from text, for the cases the demo's do not show.
    static func contract(text: String, file: String = "contracts/test-agent.yaml") throws -> Contract {
        try ContractFile.parse(text, file: file)
    }
}
