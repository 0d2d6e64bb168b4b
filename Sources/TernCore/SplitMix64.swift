/// A small, fast, seedable random number generator (SplitMix64): the same seed gives the same
/// sequence on every machine, which is what deterministic snapshots need.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for the `index`-th item of stream `stream` under `seed`, independent of the others.
    public static func derived(seed: UInt64, stream: UInt64, index: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        let base = mixer.next()
        return SplitMix64(seed: base ^ (index &* 0x9E37_79B9_7F4A_7C15))
    }
}
