/// Bounds of one anti-entropy round (docs/ANTI-ENTROPY.md, "Bounds").
public struct AntiEntropyLimits: Sendable, Hashable {
    /// Most entries either member lists in one round. Beyond it the stores differ too much for
    /// lists to pay: the asking member transfers the state of the differing contexts instead.
    public var maxEntries: Int
    /// Entries per digest-entries frame.
    public var entriesPerFrame: Int
    /// Keys per record request; the next is sent once the previous one is answered, so neither
    /// member holds more than one batch of records for the round.
    public var requestBatch: Int
    /// Records pushed before the pusher waits for the connection to drain.
    public var pushBatch: Int
    /// Silence from the peer after which a round is given up, in ms.
    public var silenceTimeout: Int64

    /// Creates limits; counts below 1 are raised to 1.
    public init(
        maxEntries: Int = 100_000, entriesPerFrame: Int = 4096, requestBatch: Int = 1024, pushBatch: Int = 1024,
        silenceTimeout: Int64 = 30_000
    ) {
        self.maxEntries = max(1, maxEntries)
        self.entriesPerFrame = max(1, entriesPerFrame)
        self.requestBatch = max(1, requestBatch)
        self.pushBatch = max(1, pushBatch)
        self.silenceTimeout = max(1, silenceTimeout)
    }

    /// 100,000 entries, 4,096 per frame, requests of 1,024 keys, pushes of 1,024 records, 30 s of silence.
    public static let `default` = AntiEntropyLimits()
}
