/// Cuts a byte stream into newline-terminated lines (stdio framing) without copying more than
/// the unfinished tail. Lines longer than ``maximumLineLength`` are dropped, not kept growing:
/// they still pass through the proxy, they are only not observed.
struct LineSplitter: Sendable {
    static let maximumLineLength = 64 * 1024 * 1024

    private var pending: [UInt8] = []
    private var overlong = false

    /// The complete lines in `pending + chunk`, without their newline.
    mutating func lines(in chunk: some Collection<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var rest = chunk[...]
        while let newline = rest.firstIndex(of: 0x0A) {
            let head = rest[..<newline]
            if overlong {
                overlong = false
            } else if pending.isEmpty {
                lines.append(ArraySlice(head))
            } else {
                pending.append(contentsOf: head)
                lines.append(pending[...])
                pending = []
            }
            rest = rest[rest.index(after: newline)...]
        }
        if !overlong { pending.append(contentsOf: rest) }
        if pending.count > Self.maximumLineLength {
            pending = []
            overlong = true
        }
        return lines
    }

    /// Whether bytes after the last newline are waiting (the stream stopped mid-line).
    var hasPartialLine: Bool { !pending.isEmpty || overlong }
}
