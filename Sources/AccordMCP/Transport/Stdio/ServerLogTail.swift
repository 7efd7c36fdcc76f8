import Synchronization

/// The last lines a server wrote to stderr, kept for error messages. Bounded in lines and in
/// line length so a chatty or hostile server cannot grow it without limit.
final class ServerLogTail: Sendable {
    private struct State {
        var lines: [String] = []
        var partial: [UInt8] = []
    }

    private let state = Mutex(State())
    private let maximumLines: Int
    private let maximumLineLength = 500

    init(maximumLines: Int = 20) { self.maximumLines = maximumLines }

    func append(_ bytes: some Sequence<UInt8>) {
        state.withLock { state in
            for byte in bytes {
                if byte == 0x0A {
                    commit(&state)
                } else if state.partial.count < maximumLineLength * 4 {
                    state.partial.append(byte)
                }
            }
        }
    }

    /// Flushes an unterminated last line (the stream ended).
    func finish() { state.withLock { commit(&$0) } }

    var lines: [String] {
        state.withLock { state in
            state.partial.isEmpty ? state.lines : state.lines + [Self.text(state.partial, limit: maximumLineLength)]
        }
    }

    private func commit(_ state: inout State) {
        defer { state.partial.removeAll(keepingCapacity: true) }
        let line = Self.text(state.partial, limit: maximumLineLength)
        guard !line.trimmingWhitespace.isEmpty else { return }
        state.lines.append(line)
        if state.lines.count > maximumLines { state.lines.removeFirst(state.lines.count - maximumLines) }
    }

    private static func text(_ bytes: [UInt8], limit: Int) -> String {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? endIndex
        return start < end ? self[start..<end] : ""
    }
}
