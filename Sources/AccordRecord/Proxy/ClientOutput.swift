import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Our stdout in stdio mode: the MCP channel to the client. Bytes are written as they come
/// from the server (no re-framing); the proxy's own replies (to requests a crashed server left
/// unanswered) start on a fresh line. A client that went away (EPIPE) makes further writes no-ops.
final class ClientOutput: Sendable {
    private struct State {
        var endsMidLine = false
        var closed = false
    }

    private let descriptor: Int32
    private let state = Mutex(State())

    init(descriptor: Int32 = 1) { self.descriptor = descriptor }

    /// Writes `bytes` in full; returns false once the client is gone.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        state.withLock { state in
            guard !state.closed, !bytes.isEmpty else { return !state.closed }
            let ok = Self.writeAll(descriptor, bytes)
            if ok { state.endsMidLine = bytes.last != 0x0A } else { state.closed = true }
            return ok
        }
    }

    /// Writes one message line of our own, after a newline if the server stopped mid-line.
    func writeLine(_ line: [UInt8]) {
        let prefix: [UInt8] = state.withLock { $0.endsMidLine } ? [0x0A] : []
        write(prefix + line + [0x0A])
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        return bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress!.advanced(by: offset), buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
