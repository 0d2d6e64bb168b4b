/// How much a replication queue may hold before it gives up instead of growing: a number of
/// messages and an estimate of their bytes (`ReplicationMessage.estimatedBytes`).
public struct ReplicationQueueLimits: Sendable, Hashable {
    /// The most messages held (a touch counts once per session touched).
    public var maxMessages: Int
    /// The most estimated bytes held; a single message larger than this is still accepted alone.
    public var maxBytes: Int

    /// Creates limits; values below 1 are raised to 1.
    public init(maxMessages: Int, maxBytes: Int) {
        self.maxMessages = max(1, maxMessages)
        self.maxBytes = max(1, maxBytes)
    }

    /// Whether `messages` messages of `bytes` bytes exceed the limits.
    public func areExceeded(messages: Int, bytes: Int) -> Bool {
        messages > maxMessages || (bytes > maxBytes && messages > 1)
    }
}
