import AccordContracts
import AccordSnapshot
import AccordYAML
import ArgumentParser
import Foundation

/// `[CONTRACT...]` and `--contracts DIR`: which contract files a command reads.
struct ContractOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The consumer contracts folder (default: contracts: in accord.yaml, else ./contracts).", valueName: "dir"))
    var contracts: String?
}

/// Contracts read for one run, with the verification record that decides which are pending.
///
/// The record (`.verified.json`) lives in the contracts folder — for contract files named on
/// the command line, in the folder of the first one.
struct ContractSet: Sendable {
    var contracts: [Contract]
    /// Where the record is read from and `--record` writes it.
    var recordPath: String
    var record: VerificationRecord
    /// Whether the contracts came from a folder (then contracts for other providers are skipped
    /// rather than failed).
    var fromFolder: Bool

    /// Loads the named `files`, else every contract in `folder`, else in the configured folder.
    /// A folder that does not exist is an error only when it was asked for explicitly.
    static func load(files: [String], folder: String?, configuration: AccordConfiguration) throws -> ContractSet {
        if !files.isEmpty {
            var contracts: [Contract] = []
            for file in files { contracts.append(try ContractFile.load(file)) }
            let recordFolder = (files[0] as NSString).deletingLastPathComponent
            return try ContractSet(contracts: contracts, recordFolder: recordFolder, fromFolder: false)
        }
        let chosen = folder ?? configuration.contractsFolder
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: chosen, isDirectory: &isFolder), isFolder.boolValue else {
            if folder != nil { throw InputFileError(file: chosen, reason: "no such contracts folder") }
            return ContractSet(contracts: [], recordPath: recordPath(in: chosen), record: VerificationRecord(), fromFolder: true)
        }
        return try ContractSet(contracts: ContractFile.loadFolder(chosen), recordFolder: chosen, fromFolder: true)
    }

    private init(contracts: [Contract], recordFolder: String, fromFolder: Bool) throws {
        let path = Self.recordPath(in: recordFolder)
        self.init(contracts: contracts, recordPath: path, record: try VerificationRecord.load(path), fromFolder: fromFolder)
    }

    private init(contracts: [Contract], recordPath: String, record: VerificationRecord, fromFolder: Bool) {
        self.contracts = contracts
        self.recordPath = recordPath
        self.record = record
        self.fromFolder = fromFolder
    }

    private static func recordPath(in folder: String) -> String {
        ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(VerificationRecord.defaultFileName)
    }

    /// The contracts for a provider known by any of `names` (its config name, its
    /// `serverInfo.name`). Contracts named on the command line are all kept: a contract for
    /// another provider then fails its `provider` check instead of being skipped silently.
    func naming(_ names: [String?]) -> [Contract] {
        guard fromFolder else { return contracts }
        let known = Set(names.compactMap { $0 })
        return contracts.filter { known.contains($0.provider) }
    }

    /// `verifications` with `pending` decided by the record: a `pending: true` contract stays
    /// pending until this exact text has passed once.
    func applyingRecord(to verifications: [ContractVerification], of contracts: [Contract]) -> [ContractVerification] {
        zip(contracts, verifications).map { contract, verification in
            var verification = verification
            verification.pending = isPending(contract, record)
            return verification
        }
    }

    /// Verifies the contracts for the snapshot's provider against it, without a server.
    /// - Throws: ``UsageError`` when no contract names the provider.
    func verifyStatically(against snapshot: Snapshot, target: String, purpose: VerificationReport.Purpose) throws
        -> (report: VerificationReport, contracts: [Contract]) {
        let provider = snapshot.serverInfo["name"]?.stringValue
        let contracts = naming([provider])
        try requireContracts(contracts, provider: provider)
        let verdicts = contracts.map { StaticVerifier.verify($0, against: snapshot) }
        let report = VerificationReport(purpose: purpose, mode: .static, target: target, serverName: provider,
                                        serverVersion: snapshot.serverVersion, verifications: applyingRecord(to: verdicts, of: contracts))
        return (report, contracts)
    }

    /// Verifying nothing is a mistake worth saying, not a pass.
    func requireContracts(_ chosen: [Contract], provider: String?) throws {
        guard chosen.isEmpty else { return }
        if contracts.isEmpty { throw UsageError("no contracts to verify: name contract files or put them in the contracts folder (--contracts DIR)") }
        let providers = Set(contracts.map(\.provider)).sorted().joined(separator: ", ")
        throw UsageError("no contract names provider \(provider ?? "(unnamed)"); the contracts are for: \(providers)")
    }

    /// Records every contract that passed and writes the record (atomically); returns the
    /// consumers newly recorded.
    mutating func recordPasses(_ verifications: [ContractVerification], of contracts: [Contract]) throws -> [String] {
        var recorded: [String] = []
        for (contract, verification) in zip(contracts, verifications) where !verification.failed && !record.hasPassed(contract) {
            record.recordPass(of: contract)
            recorded.append(contract.consumer)
        }
        if !recorded.isEmpty { try record.save(to: recordPath) }
        return recorded
    }
}
