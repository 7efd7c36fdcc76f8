import AccordJSON

extension Snapshot {
    /// The lines in this snapshot's canonical file of the given identity-based pointers (the kind
    /// findings use: `/tools/search/inputSchema/properties/q`) and of all their ancestors, so a
    /// report can point at the exact line of a change — or of the nearest surviving ancestor.
    public func lines(of pointers: some Sequence<JSONPointer>) -> [JSONPointer: Int] {
        let json = self.json
        var indexOf: [String: [String: Int]] = [:]
        for kind in DefinitionKind.allCases {
            var positions: [String: Int] = [:]
            for (index, definition) in (json[kind.snapshotKey]?.arrayValue ?? []).enumerated() {
                if let identity = kind.identity(of: definition) { positions[identity] = index }
            }
            indexOf[kind.snapshotKey] = positions
        }
        // Identity pointer → index pointer, for every ancestor too.
        var translation: [JSONPointer: JSONPointer] = [:]
        for pointer in pointers {
            for length in 0...pointer.tokens.count {
                var tokens = Array(pointer.tokens.prefix(length))
                let identity = JSONPointer(tokens: tokens)
                if tokens.count >= 2 {
                    guard let index = indexOf[tokens[0]]?[tokens[1]] else { continue }
                    tokens[1] = String(index)
                }
                translation[identity] = JSONPointer(tokens: tokens)
            }
        }
        let found = JSONEncoding.canonicalLines(json, wanted: Set(translation.values))
        return translation.compactMapValues { found[$0] }
    }
}
