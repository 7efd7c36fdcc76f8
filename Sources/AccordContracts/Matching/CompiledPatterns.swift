import Foundation
import Synchronization

/// Regular expressions compiled once per pattern: a live verification or a recording matches
/// the same `$regex` and `$format` patterns against thousands of values.
final class CompiledPatterns: Sendable {
    static let shared = CompiledPatterns()

    /// Bounded so that contracts with many distinct patterns cannot grow it without limit.
    private static let capacity = 512
    private let cache = Mutex<[String: CompiledPattern]>([:])

    /// The compiled `pattern`, or nil when it is not a valid regular expression.
    func expression(_ pattern: String) -> NSRegularExpression? {
        if let known = cache.withLock({ $0[pattern] }) { return known.expression }
        let compiled = CompiledPattern(expression: try? NSRegularExpression(pattern: pattern))
        cache.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll() }
            cache[pattern] = compiled
        }
        return compiled.expression
    }
}

/// NSRegularExpression is immutable once made and safe to use from several threads.
private struct CompiledPattern: @unchecked Sendable {
    let expression: NSRegularExpression?
}
