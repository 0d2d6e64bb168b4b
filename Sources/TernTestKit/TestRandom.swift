import TernCore

/// The seeded generator tests draw their inputs from: TernCore's SplitMix64, so a "random" test
/// input is reproducible from its seed on every machine.
public typealias TestRandom = SplitMix64

extension SplitMix64 {
    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}
