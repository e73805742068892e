/// Reproducible pseudo-random bytes (SplitMix64): fixture challenge values, MPPE payloads and the like.
/// Same seed, same bytes, on every run and platform.
public struct DeterministicBytes: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func bytes(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 8)
        while out.count < count {
            var word = next64()
            for _ in 0..<8 {
                out.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return Array(out.prefix(count))
    }

    /// Shorthand: `count` bytes from a fresh generator seeded with `seed`.
    public static func make(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = DeterministicBytes(seed: seed)
        return generator.bytes(count)
    }
}
