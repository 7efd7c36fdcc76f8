/// What a recording wrote.
public struct RecordOutcome: Sendable {
    public var recorded: RecordedContract
    public var ending: SessionEnding
    /// False when `--snapshot-out` was asked for but the session had no handshake to build one from.
    public var snapshotWritten: Bool
}
