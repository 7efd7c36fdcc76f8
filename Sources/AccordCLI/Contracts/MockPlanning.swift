import AccordContracts
import AccordMock
import AccordSnapshot
import AccordYAML

/// Which contracts `accord mock` serves, and the plan built from them. Files named on the
/// command line are all served (one that cannot be is an error); from the contracts folder,
/// only those for the snapshot's provider, and a pending contract that cannot be served (it
/// is written against a release to come) is skipped with a warning instead of stopping the mock.
struct MockPlanning {
    var files: [String]
    var folder: String?
    var configuration: AccordConfiguration
    var quiet: Bool

    func plan(snapshot: Snapshot, label: String, serverName: String?, options: MockOptions) throws -> MockPlan {
        let set = try ContractSet.load(files: files, folder: folder, configuration: configuration)
        var contracts = set.naming([serverName, snapshot.serverInfo["name"]?.stringValue])
        guard !contracts.isEmpty else {
            throw UsageError("no contract to mock: name contract files, or put contracts for \(snapshot.serverInfo["name"]?.stringValue ?? "the provider") in the contracts folder")
        }
        while true {
            do {
                return try MockPlan.make(contracts: contracts, snapshot: snapshot, snapshotLabel: label, options: options)
            } catch {
                guard set.fromFolder, let skipped = contracts.firstIndex(where: { $0.file == error.file && $0.pending }) else { throw error }
                if !quiet { Console.warning("skipping pending contract \(error)") }
                contracts.remove(at: skipped)
                if contracts.isEmpty { throw error }
            }
        }
    }
}
