import Foundation

/// A regex compiled from its source on first use, then kept: ``ReviewRegex``'s Swift `Regex`
/// for text its ASCII matcher does not serve. Swift's regex parser spends about 4 million
/// instructions on one review pattern, and most runs need few of them or none
/// (docs/performance-startup.md). Safe to share between tasks: the first use compiles under a
/// lock.
///
///     let url = LazyRegex(#"\bhttps?://\S+"#, ignoresCase: true)
///     if text.contains("://"), let regex = url.regex { _ = text.matches(of: regex) }
final class LazyRegex: @unchecked Sendable {
    private let source: String
    private let ignoresCase: Bool
    private let lock = NSLock()
    /// `nil` until first asked; then the compiled regex, or `.some(nil)` for a source that does
    /// not compile (skipped, as before). Guarded by `lock`.
    private var compiled: Regex<AnyRegexOutput>??

    init(_ source: String, ignoresCase: Bool = false) {
        self.source = source
        self.ignoresCase = ignoresCase
    }

    /// The compiled regex, or `nil` when the source is not a valid regex.
    var regex: Regex<AnyRegexOutput>? {
        lock.lock()
        defer { lock.unlock() }
        if let compiled { return compiled }
        let regex = (try? Regex(source)).map { ignoresCase ? $0.ignoresCase() : $0 }
        compiled = .some(regex)
        return regex
    }
}
