import ArgumentParser
import TernCommandSupport
import TernCore

/// `--max-queue` and `--max-queue-messages`: how much an async sender holds for one peer before it
/// drops that queue and resynchronises the peer by a state transfer (tern-node, tern-xfer push;
/// docs/LIMITS.md, "async queue").
public struct QueueLimitOptions: ParsableArguments, Sendable {
    /// The byte bound as typed.
    @Option(
        help: ArgumentHelp(
            "Most bytes an async sender queues for one peer, e.g. 256M (K, M, G suffixes). Beyond it the queue is dropped, the writes waiting on it fail, and the peer is resynchronised by a state transfer; submitting waits while the queue is over half of it.",
            valueName: "size"))
    public var maxQueue: String = "256M"

    /// The message bound.
    @Option(
        help: ArgumentHelp(
            "Most messages an async sender queues for one peer; beyond it, as for --max-queue.", valueName: "count"))
    public var maxQueueMessages: Int = 100_000

    /// Creates the defaults.
    public init() {}

    /// Rejects sizes outside 1M…64G and counts outside 1…100,000,000.
    public func validate() throws {
        guard let size = ByteCount.parse(maxQueue), ((1 << 20)...(64 << 30)).contains(size) else {
            throw ValidationError("--max-queue \(maxQueue): expected a size from 1M to 64G")
        }
        guard (1...100_000_000).contains(maxQueueMessages) else {
            throw ValidationError("--max-queue-messages \(maxQueueMessages): expected a count from 1 to 100000000")
        }
    }

    /// The queue bounds.
    public var limits: ReplicationQueueLimits {
        ReplicationQueueLimits(maxMessages: maxQueueMessages, maxBytes: ByteCount.parse(maxQueue) ?? 256 << 20)
    }
}
