import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a file descriptor (stdin) as an async sequence, read on a thread of its own.
///
/// A blocking `read` on a dedicated thread is the simplest reader that never ties up the
/// concurrency pool (one thread per core) and still sees EOF the moment the client closes its
/// end. Lines are split on `\n`; a trailing `\r` is kept (JSON parsing ignores it) and empty
/// lines are skipped. The stream finishes at EOF or on a read error.
enum StdinLines {
    static func stream(descriptor: Int32 = 0) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .unbounded)
        let thread = Thread {
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                var start = 0
                for index in 0..<count where buffer[index] == 0x0A {
                    pending.append(contentsOf: buffer[start..<index])
                    if !pending.isEmpty { continuation.yield(pending) }
                    pending.removeAll(keepingCapacity: true)
                    start = index + 1
                }
                pending.append(contentsOf: buffer[start..<count])
            }
            if !pending.isEmpty { continuation.yield(pending) }
            continuation.finish()
        }
        thread.name = "accord-stdin"
        thread.start()
        return stream
    }
}
