import AccordJSON

extension Snapshot {
    /// The line of each definition and field in this snapshot's canonical file, keyed by the
    /// identity-based pointers findings use (`/tools/search/inputSchema/properties/q`), so a report
    /// can point at the exact line of a change in a committed baseline.
    public var lineMap: [JSONPointer: Int] {
        let json = self.json
        var identityOf: [String: [String]] = [:]
        for kind in DefinitionKind.allCases {
            identityOf[kind.snapshotKey] = (json[kind.snapshotKey]?.arrayValue ?? []).map { kind.identity(of: $0) ?? "" }
        }
        var map: [JSONPointer: Int] = [:]
        for (pointer, line) in JSONEncoding.canonicalLines(json) {
            var tokens = pointer.tokens
            if tokens.count >= 2, let names = identityOf[tokens[0]], let index = Int(tokens[1]), names.indices.contains(index) {
                tokens[1] = names[index]
            }
            map[JSONPointer(tokens: tokens)] = line
        }
        return map
    }
}
