/// A fast 128-bit non-cryptographic hash of a byte range (for equal-bytes detection): two
/// independent 64-bit lanes, each folding 16 bytes per 64×64→128-bit multiply, in the style of
/// wyhash. About as fast as memory can be read. Keyed with a random value per process: hashes
/// are only ever compared within one run, and a snapshot crafted so that a changed definition
/// collides with its old bytes (hiding the change from a diff) cannot be prepared in advance.
enum ContentHasher {
    private static let key: (UInt64, UInt64) = (UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max))
    private static let secret0: UInt64 = 0xa076_1d64_78bd_642f
    private static let secret1: UInt64 = 0xe703_7ed1_a0b4_28db
    private static let secret2: UInt64 = 0x8ebc_6af0_9c88_c6e3
    private static let secret3: UInt64 = 0x5899_65cc_7537_4cc3
    private static let secret4: UInt64 = 0x1d8e_4e27_c47d_124f

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    static func hash(_ start: UnsafeRawPointer?, count: Int) -> (UInt64, UInt64) {
        var lane0 = secret0 ^ UInt64(count) ^ key.0
        var lane1 = secret3 ^ UInt64(count) &* secret4 ^ key.1
        guard let start, count > 0 else { return (mix(lane0, secret1), mix(lane1, secret2)) }
        var offset = 0
        // 32 bytes per round: 16 into each lane.
        while offset + 32 <= count {
            let w0 = start.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let w1 = start.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            let w2 = start.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)
            let w3 = start.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)
            lane0 = mix(w0 ^ secret1, w1 ^ lane0)
            lane1 = mix(w2 ^ secret2, w3 ^ lane1)
            offset += 32
        }
        while offset + 8 <= count {
            let word = start.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            lane0 = mix(word ^ secret1, lane0 ^ secret4)
            lane1 = mix(word ^ secret2, lane1 ^ secret0)
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            for position in offset..<count {
                tail |= UInt64(start.load(fromByteOffset: position, as: UInt8.self)) << UInt64((position - offset) * 8)
            }
            lane0 = mix(tail ^ secret3, lane0 ^ secret1)
            lane1 = mix(tail ^ secret4, lane1 ^ secret2)
        }
        let low = mix(lane0 ^ secret2, lane1 ^ secret3)
        let high = mix(lane1 ^ secret1, lane0 ^ secret4)
        return (low, high)
    }
}
