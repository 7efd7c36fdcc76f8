import AccordJSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to stdout/stderr directly (unbuffered by Foundation), so output ordering between
/// the two streams holds and nothing is lost if Accord exits right after.
enum Console {
    static func out(_ text: String) { write(1, text) }

    static func error(_ text: String) { write(2, text.hasSuffix("\n") ? text : text + "\n") }

    /// A line on stderr that only appears when `--quiet` is not set.
    static func note(_ text: String, quiet: Bool) {
        if !quiet { error(text) }
    }

    static func warning(_ text: String) { error("warning: " + escapedLines(text)) }

    /// `text` with every line escaped (``UntrustedText``) but its line breaks kept: errors and
    /// warnings quote what servers sent, and no escape sequence or stray control character of
    /// theirs may reach a terminal or CI log raw.
    static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { UntrustedText.singleLine(String($0)) }.joined(separator: "\n")
    }

    /// Whether stderr is a terminal (for progress lines).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    private static func write(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress!.advanced(by: offset), buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
