import AccordContracts
import AccordJSON

/// A string matching a contract's `$regex`, found with the schema instance generator's pattern
/// generator and confirmed by the real regular expression (the one ``Matcher`` matches with),
/// so a sample is never wrong — at worst there is none.
enum RegexSample {
    /// Seeds tried before giving up (lookarounds can make a generated string miss).
    static let attempts: UInt64 = 32

    static func string(matching pattern: String) -> String? {
        guard let generator = PatternStringGenerator(pattern: pattern) else { return nil }
        let matcher = Matcher.regex(pattern)
        for seed in 1...attempts {
            let candidate = generator.generate(seed: seed)
            if matcher.mismatches(.string(candidate), at: .root).isEmpty { return candidate }
        }
        return nil
    }
}
