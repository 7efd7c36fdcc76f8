import AccordJSON
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one JSON-RPC message per line to a file descriptor (stdout), whole lines only: replies
/// of concurrent requests never interleave. A client that closed its end makes writes fail
/// quietly (SIGPIPE is ignored), so the session can still end and report.
final class StdoutWriter: Sendable {
    private let descriptor: Int32
    private let lock = NIOLock()

    init(descriptor: Int32 = 1) {
        self.descriptor = descriptor
        signal(SIGPIPE, SIG_IGN)
    }

    func send(_ messages: [JSONValue]) {
        guard !messages.isEmpty else { return }
        var bytes: [UInt8] = []
        for message in messages {
            bytes += JSONEncoding.compactBytes(message)
            bytes.append(0x0A)
        }
        lock.withLock { writeAll(bytes) }
    }

    private func writeAll(_ bytes: [UInt8]) {
        var offset = 0
        bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress!.advanced(by: offset), buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
