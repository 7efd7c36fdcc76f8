import AccordJSON
import AccordMCP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A snapshot as the diff reads it: the server-level fields in memory, every definition a
/// ``DefinitionSlot`` — for a file, a node of its tape, read only if it is compared — in the
/// canonical order (by identity).
///
/// Reading a file parses and validates all of it in one pass (the same errors as
/// ``SnapshotFile/read(_:)``, which goes through here), recording the document only down to the
/// definitions; a mapped file's pages are released behind the parser, so two large snapshots
/// can be diffed in little memory.
///
/// ```swift
/// let old = try SnapshotDocument.read("snapshots/api.json")
/// let new = try SnapshotDocument.read("candidate.json")
/// let changes = SnapshotChanges(old: old, new: new)   // unchanged tools are never parsed again
/// ```
public struct SnapshotDocument: Sendable {
    public let header: SnapshotHeader
    private let slots: [DefinitionKind: [DefinitionSlot]]
    /// Canonical line counts of the definitions, for ``lines(of:)``.
    let lineCounts: [DefinitionKind: [Int]]

    /// The definitions of one kind, in canonical order.
    public func definitions(_ kind: DefinitionKind) -> [DefinitionSlot] { slots[kind] ?? [] }

    /// A snapshot already in memory.
    public init(_ snapshot: Snapshot) {
        header = snapshot.header
        var slots: [DefinitionKind: [DefinitionSlot]] = [:], counts: [DefinitionKind: [Int]] = [:]
        for kind in DefinitionKind.allCases {
            let definitions = snapshot.definitions(kind)
            slots[kind] = definitions.map { DefinitionSlot(value: $0, kind: kind) }
            counts[kind] = definitions.map(JSONEncoding.lineCount)
        }
        self.slots = slots
        lineCounts = counts
    }

    /// Reads the snapshot file at `path` (memory-mapped).
    public static func read(_ path: String) throws(SnapshotFileError) -> SnapshotDocument {
        let input: JSONInput
        do {
            input = try JSONInput.mapped(path: path)
        } catch {
            throw SnapshotFileError(path: path, reason: error.code == ENOENT ? "no such file" : "cannot read the file")
        }
        return try decode(input, path: path, releasingPagesBehind: true)
    }

    /// Decodes a snapshot's bytes (`path` names it in errors).
    public static func decode(_ bytes: [UInt8], path: String) throws(SnapshotFileError) -> SnapshotDocument {
        try decode(JSONInput(bytes: bytes), path: path, releasingPagesBehind: false)
    }

    /// The whole snapshot in memory.
    public func snapshot() -> Snapshot {
        Snapshot(
            serverInfo: header.serverInfo, protocolVersion: header.protocolVersion, era: header.era,
            capabilities: header.capabilities, instructions: header.instructions,
            tools: definitions(.tool).map(\.value), resources: definitions(.resource).map(\.value),
            resourceTemplates: definitions(.resourceTemplate).map(\.value), prompts: definitions(.prompt).map(\.value)
        )
    }

    private init(header: SnapshotHeader, slots: [DefinitionKind: [DefinitionSlot]], lineCounts: [DefinitionKind: [Int]]) {
        self.header = header
        self.slots = slots
        self.lineCounts = lineCounts
    }

    // The root, its definition lists and each definition's members are recorded; everything
    // deeper (schemas) stays bytes until a definition is read.
    private static let recordedDepth = 2
    /// How far fingerprinting reads between two releases of the pages behind it.
    private static let releaseStep = 4 << 20

    private static func decode(_ input: JSONInput, path: String, releasingPagesBehind: Bool) throws(SnapshotFileError) -> SnapshotDocument {
        let tape: JSONTape
        do {
            tape = try JSONTape(parsing: input, maxDepth: recordedDepth, releasingPagesBehind: releasingPagesBehind)
        } catch {
            throw SnapshotFileError(path: path, line: error.line, reason: "not valid JSON: \(error.reason) (column \(error.column))")
        }
        let root = tape.root
        guard tape.kind(root) == .object else { throw SnapshotFileError(path: path, field: "", reason: "a snapshot must be a JSON object") }
        func field<T>(_ key: String, _ expected: String, _ extract: (JSONTape.Node) -> T?) throws(SnapshotFileError) -> T {
            guard let node = tape.member(root, key) else { throw SnapshotFileError(path: path, field: "/\(key)", reason: "missing; a snapshot needs \(expected)") }
            guard let typed = extract(node) else { throw SnapshotFileError(path: path, field: "/\(key)", reason: "must be \(expected), found \(tape.typeName(node))") }
            return typed
        }
        let format = try field("formatVersion", "an integer") { tape.numberText($0).flatMap { Int($0) } }
        guard format <= Snapshot.formatVersion else {
            throw SnapshotFileError(path: path, field: "/formatVersion", reason: "format \(format) is newer than this Accord understands (\(Snapshot.formatVersion)); upgrade Accord")
        }
        let eraText = try field("era", "\"handshake\" or \"modern\"", tape.string)
        guard let era = ProtocolEra(rawValue: eraText) else {
            throw SnapshotFileError(path: path, field: "/era", reason: "must be \"handshake\" or \"modern\", found \"\(eraText)\"")
        }
        // Fingerprinting reads every definition's bytes once more, in file order; the pages
        // behind are released again as it goes.
        var released = 0
        var slots: [DefinitionKind: [DefinitionSlot]] = [:], counts: [DefinitionKind: [Int]] = [:]
        for kind in DefinitionKind.allCases {
            let items = try field(kind.snapshotKey, "an array") { tape.kind($0) == .array ? tape.elements($0) : nil }
            var listed: [(slot: DefinitionSlot, lines: Int)] = []
            for (index, item) in items.enumerated() {
                guard tape.kind(item) == .object, let identity = tape.member(item, kind.identityField).flatMap(tape.string) else {
                    throw SnapshotFileError(path: path, field: "/\(kind.snapshotKey)/\(index)/\(kind.identityField)", reason: "missing or not a string")
                }
                listed.append((DefinitionSlot(identity: identity, tape: tape, node: item), tape.canonicalLineCount(item)))
                let end = tape.byteRange(item).upperBound
                if releasingPagesBehind, end - released > releaseStep {
                    input.releaseResidentPages(below: end)
                    released = end
                }
            }
            let sorted = canonicalOrder(listed)
            slots[kind] = sorted.map(\.slot)
            counts[kind] = sorted.map(\.lines)
        }
        let header = SnapshotHeader(
            serverInfo: tape.member(root, "serverInfo").map(tape.value) ?? .null,
            protocolVersion: try field("protocolVersion", "a string", tape.string),
            era: era,
            capabilities: tape.member(root, "capabilities").map(tape.value) ?? .object([:]),
            instructions: tape.member(root, "instructions").flatMap(tape.string)
        )
        return SnapshotDocument(header: header, slots: slots, lineCounts: counts)
    }

    /// ``Snapshot``'s order: by identity (UTF-8 bytes), ties (duplicates) by compact text.
    private static func canonicalOrder(_ listed: [(slot: DefinitionSlot, lines: Int)]) -> [(slot: DefinitionSlot, lines: Int)] {
        listed.sorted { lhs, rhs in
            let left = lhs.slot.identity ?? "", right = rhs.slot.identity ?? ""
            if left != right { return left.utf8.lexicographicallyPrecedes(right.utf8) }
            return JSONEncoding.compact(lhs.slot.value).utf8.lexicographicallyPrecedes(JSONEncoding.compact(rhs.slot.value).utf8)
        }
    }
}

extension SnapshotChanges {
    /// The changes between two documents: definitions with the same bytes on both sides are
    /// unchanged without being read.
    public init(old: SnapshotDocument, new: SnapshotDocument) {
        var kinds: [DefinitionKind: DefinitionChanges] = [:]
        for kind in DefinitionKind.allCases {
            kinds[kind] = DefinitionChanges(old: old.definitions(kind), new: new.definitions(kind))
        }
        self.init(old: old.header, new: new.header, definitions: kinds)
    }
}

extension JSONTape {
    /// The JSON type name as JSON Schema spells it, as ``JSONValue/typeName`` does.
    func typeName(_ node: Node) -> String {
        switch kind(node) {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
