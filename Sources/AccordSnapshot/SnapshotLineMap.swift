import AccordJSON

extension Snapshot {
    /// The lines in this snapshot's canonical file of the given identity-based pointers and of
    /// all their ancestors (see ``SnapshotDocument/lines(of:)``).
    public func lines(of pointers: some Sequence<JSONPointer>) -> [JSONPointer: Int] {
        SnapshotDocument(self).lines(of: pointers)
    }
}
