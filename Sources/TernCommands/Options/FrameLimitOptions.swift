import ArgumentParser
import TernCommandSupport
import TernWire

/// `--max-frame`: the largest replication frame payload a process accepts or sends. tern-recv and
/// tern-xfer take it with `ReplicationOptions`, tern-node on its own (docs/LIMITS.md).
public struct FrameLimitOptions: ParsableArguments, Sendable {
    /// The frame payload limit as typed.
    @Option(
        help: ArgumentHelp(
            "Largest frame payload accepted or sent, e.g. 16M (K, M, G suffixes); a peer sending a larger frame is disconnected before the frame is read.",
            valueName: "size"))
    public var maxFrame: String = "16M"

    /// Creates the defaults.
    public init() {}

    /// Rejects sizes outside 1K…4G.
    public func validate() throws {
        guard let size = ByteCount.parse(maxFrame), (1024...(Int(UInt32.max))).contains(size) else {
            throw ValidationError("--max-frame \(maxFrame): expected a size from 1K to 4G")
        }
    }

    /// The frame limits.
    public var limits: FrameLimits {
        FrameLimits(maxPayloadBytes: ByteCount.parse(maxFrame) ?? FrameLimits.default.maxPayloadBytes)
    }
}
