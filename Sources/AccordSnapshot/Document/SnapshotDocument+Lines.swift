import AccordJSON

extension SnapshotDocument {
    /// The lines in this snapshot's canonical file of the given identity-based pointers (the kind
    /// findings use: `/tools/search/inputSchema/properties/q`) and of all their ancestors, so a
    /// report can point at the exact line of a change — or of the nearest surviving ancestor.
    ///
    /// The canonical layout is walked from line counts alone; only definitions a pointer leads
    /// into are read.
    public func lines(of pointers: some Sequence<JSONPointer>) -> [JSONPointer: Int] {
        // Identity → position in each list (the last, should an identity repeat).
        var positions: [String: [String: Int]] = [:]
        for kind in DefinitionKind.allCases {
            var indexOf: [String: Int] = [:]
            for (index, slot) in definitions(kind).enumerated() { if let identity = slot.identity { indexOf[identity] = index } }
            positions[kind.snapshotKey] = indexOf
        }
        // Per top-level member, the wanted pointers below it (relative), by identity pointer.
        var wanted: Set<JSONPointer> = []
        var translation: [JSONPointer: JSONPointer] = [:]
        for pointer in pointers {
            for length in 0...pointer.tokens.count {
                var tokens = Array(pointer.tokens.prefix(length))
                let identity = JSONPointer(tokens: tokens)
                if tokens.count >= 2 {
                    guard let index = positions[tokens[0]]?[tokens[1]] else { continue }
                    tokens[1] = String(index)
                }
                translation[identity] = JSONPointer(tokens: tokens)
                wanted.insert(JSONPointer(tokens: tokens))
            }
        }
        let found = canonicalLines(wanted: wanted)
        return translation.compactMapValues { found[$0] }
    }

    /// `JSONEncoding.canonicalLines` over ``Snapshot/json``, computed from the definitions' line
    /// counts: a definition is read only when a wanted pointer lies inside it.
    private func canonicalLines(wanted: Set<JSONPointer>) -> [JSONPointer: Int] {
        var lines: [JSONPointer: Int] = [:]
        if wanted.contains(.root) { lines[.root] = 1 }
        var members: [String: Member] = [
            "formatVersion": .value(.number(JSONNumber(Snapshot.formatVersion))),
            "serverInfo": .value(header.serverInfo),
            "protocolVersion": .value(.string(header.protocolVersion)),
            "era": .value(.string(header.era.rawValue)),
            "capabilities": .value(header.capabilities),
        ]
        if let instructions = header.instructions { members["instructions"] = .value(.string(instructions)) }
        for kind in DefinitionKind.allCases { members[kind.snapshotKey] = .definitions(kind) }

        // The wanted pointers below each member value or definition, relative to it.
        var below: [JSONPointer: Set<JSONPointer>] = [:]
        for pointer in wanted where !pointer.tokens.isEmpty {
            let depth = members[pointer.tokens[0]].map { if case .definitions = $0 { 2 } else { 1 } } ?? 1
            guard pointer.tokens.count >= depth else { continue }
            below[JSONPointer(tokens: Array(pointer.tokens.prefix(depth))), default: []].insert(JSONPointer(tokens: Array(pointer.tokens.dropFirst(depth))))
        }
        var line = 1
        // Wanted pointers inside a member value are placed at once; inside a definition, after
        // the walk, the definitions side by side (each is read for it).
        var inDefinitions: [(pointer: JSONPointer, start: Int, slot: DefinitionSlot, relative: Set<JSONPointer>)] = []
        @Sendable func place(_ value: JSONValue, relative: Set<JSONPointer>, at pointer: JSONPointer, start: Int, into lines: inout [JSONPointer: Int]) {
            for (found, at) in JSONEncoding.canonicalLines(value, wanted: relative) {
                lines[JSONPointer(tokens: pointer.tokens + found.tokens)] = start + at - 1
            }
        }
        for key in JSONEncoding.sortedKeys(members) {
            line += 1
            let pointer = JSONPointer(tokens: [key])
            switch members[key] {
            case .value(let value):
                if let relative = below[pointer] { place(value, relative: relative, at: pointer, start: line, into: &lines) }
                line += JSONEncoding.lineCount(value) - 1
            case .definitions(let kind):
                if wanted.contains(pointer) { lines[pointer] = line }
                let slots = definitions(kind), counts = lineCounts[kind] ?? []
                guard !slots.isEmpty else { continue }
                for (index, slot) in slots.enumerated() {
                    line += 1
                    let element = pointer.appending(String(index))
                    if let relative = below[element] { inDefinitions.append((element, line, slot, relative)) }
                    line += counts[index] - 1
                }
                line += 1
            case nil:
                break
            }
        }
        let jobs = inDefinitions
        let placed = Parallel.map(jobs.count) { index in
            let job = jobs[index]
            var found: [JSONPointer: Int] = [:]
            place(job.slot.value, relative: job.relative, at: job.pointer, start: job.start, into: &found)
            return found
        }
        for found in placed { lines.merge(found) { _, new in new } }
        return lines
    }

    private enum Member {
        case value(JSONValue)
        case definitions(DefinitionKind)
    }
}
