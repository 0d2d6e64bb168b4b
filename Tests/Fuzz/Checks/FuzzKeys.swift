import TernCore
import TernWire

/// The fixed cluster keys the heartbeat and sealing targets sign, verify, prove and seal with, so
/// that every input replays the same way. The fuzzed side holds `a` (signing) and `b`; `c` is a key
/// it does not hold.
enum FuzzKeys {
    /// 00 01 … 1F.
    static let a = key((0..<32).map { UInt8($0) })
    /// 32 bytes of B2.
    static let b = key([UInt8](repeating: 0xB2, count: 32))
    /// 32 bytes of C3: held by the fuzzed side's peers only.
    static let c = key([UInt8](repeating: 0xC3, count: 32))

    /// The fuzzed side's keys: `a` signs and encrypts, `b` is accepted too.
    static let ours = ring(a, b)

    /// A ring of `keys`, the first signing.
    static func ring(_ keys: ClusterKey...) -> ClusterKeyRing {
        ClusterKeyRing(keys)!  // never empty here
    }

    private static func key(_ bytes: [UInt8]) -> ClusterKey {
        try! ClusterKey(bytes: bytes)  // 32 bytes by construction
    }
}
