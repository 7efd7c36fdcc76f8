/// A tiny seeded random number generator (Steele, Lea and Flood's SplitMix64): the same seed
/// gives the same sequence on every platform and Swift version, which is what makes generated
/// test instances reproducible from a seed printed in a failure.
///
/// ```swift
/// var random = SplitMix64(seed: 42)
/// random.int(in: 1...6)   // the same roll on every run
/// ```
///
/// The helpers below do their own range reduction instead of using `Int.random(in:using:)`,
/// whose algorithm the standard library does not promise to keep.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state; a copy continues the same sequence.
    public private(set) var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniformly chosen integer in `range` (bias below 2^-40 for ranges under 2^24).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound) &- Int64(range.lowerBound)) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound &+ Int(truncatingIfNeeded: next() % width)
    }

    /// `true` with probability `chance` (0...1).
    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A uniformly chosen element, `nil` for an empty collection.
    public mutating func element<C: Collection>(of collection: C) -> C.Element? {
        guard !collection.isEmpty else { return nil }
        return collection[collection.index(collection.startIndex, offsetBy: int(in: 0...(collection.count - 1)))]
    }

    /// The elements in a random order (Fisher–Yates).
    public mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        guard result.count > 1 else { return result }
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(index, int(in: 0...index))
        }
        return result
    }
}
