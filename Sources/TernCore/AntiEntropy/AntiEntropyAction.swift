/// What the shell must do for an `AntiEntropyRound`, in order.
public enum AntiEntropyAction: Sendable, Hashable {
    /// Send a digest frame with these context digests (the store's `contextDigests()`), and wait for
    /// the peer's digest-difference.
    case sendDigest([ContextDigest])
    /// Collect this store's entries in these buckets (`SessionStore.digestEntries(in:limit:)`) and
    /// hand them to `onLocalEntries`.
    case collectLocalEntries([BucketSelection])
    /// Send the records held for these keys (put for a session, expire for a tombstone), then a
    /// ping; its pong is `onPushConfirmed`.
    case push([SessionKey])
    /// Send a record request for these keys; the peer answers with state chunks (apply them by
    /// newest-wins, `onRecords`) and then acks the request (`onRequestAnswered`).
    case request([SessionKey])
    /// The stores differ too much for lists: transfer the state of these contexts from the peer,
    /// applying its records by newest-wins, and report the end with `onTransferEnded`.
    case transferState(contexts: [String])
    /// The round is over: close the connection and report.
    case finish(AntiEntropyReport)
}

/// How a round ended and what it moved.
public struct AntiEntropyReport: Sendable, Hashable {
    /// How a round ended.
    public enum Outcome: Sendable, Hashable {
        /// The digests agreed: nothing to do.
        case inSync
        /// Entries were compared and the differing records sent and fetched.
        case repaired
        /// The stores differed too much for lists; the state of the differing contexts was transferred.
        case transferred
        /// The round failed (the reason names what went wrong); a later round tries again.
        case failed(String)
    }

    /// How the round ended.
    public var outcome: Outcome
    /// Buckets that differed, over all contexts.
    public var differingBuckets = 0
    /// Entries the peer listed.
    public var remoteEntries = 0
    /// Entries this member found in the same buckets.
    public var localEntries = 0
    /// Records sent to the peer because this member held them newer (or the peer lacked them).
    public var pushed = 0
    /// Records received from the peer (fetched by key, or by the state transfer).
    public var pulled = 0

    /// Creates a report.
    public init(outcome: Outcome) {
        self.outcome = outcome
    }

    /// Whether the round found the stores different (and so deserves a log line).
    public var foundDifferences: Bool { differingBuckets > 0 }

    /// `in-sync`, `repaired`, `transferred` or `failed`.
    public var outcomeName: String {
        switch outcome {
        case .inSync: "in-sync"
        case .repaired: "repaired"
        case .transferred: "transferred"
        case .failed: "failed"
        }
    }
}
