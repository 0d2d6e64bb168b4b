/// One context's digest as members exchange it (docs/ANTI-ENTROPY.md): how many records the sender
/// holds in the context, and a power-of-two number of buckets, each the XOR of `DigestHash.entry`
/// over the records whose key hash starts with the bucket's index. Equal records give equal
/// buckets whatever order they were applied in; a bucket that differs holds a key the two members
/// disagree on.
public struct ContextDigest: Sendable, Hashable {
    /// The context.
    public var context: String
    /// Records (sessions and tombstones) the sender holds in it.
    public var count: UInt64
    /// The buckets; their number is a power of two.
    public var buckets: [UInt64]

    /// Creates a digest.
    public init(context: String, count: UInt64, buckets: [UInt64]) {
        self.context = context
        self.count = count
        self.buckets = buckets
    }

    /// The same digest with `bucketCount` buckets (a power of two, at most the current number): each
    /// new bucket is the XOR of the old ones whose index starts with its own.
    public func folded(to bucketCount: Int) -> ContextDigest {
        ContextDigest(context: context, count: count, buckets: StoreDigest.fold(buckets, to: bucketCount))
    }
}

/// Some buckets of one context: those two digests disagree on, at a given resolution.
public struct BucketSelection: Sendable, Hashable {
    /// The context.
    public var context: String
    /// The number of buckets the indices count in (a power of two).
    public var bucketCount: Int
    /// The selected buckets, strictly increasing, each below `bucketCount`.
    public var buckets: [Int]

    /// Creates a selection.
    public init(context: String, bucketCount: Int, buckets: [Int]) {
        self.context = context
        self.bucketCount = bucketCount
        self.buckets = buckets
    }

    /// The bucket, among `bucketCount` (a power of two), of a key hashing to `keyHash`: the hash's
    /// top bits.
    @inline(__always)
    public static func bucket(of keyHash: UInt64, count bucketCount: Int) -> Int {
        bucketCount <= 1 ? 0 : Int(truncatingIfNeeded: keyHash >> UInt64(64 - bucketCount.trailingZeroBitCount))
    }
}

/// A member's answer to a digest: where the two stores differ, and how many entries of its own it
/// lists there; or that they differ too much for lists, and a state transfer of the contexts is
/// cheaper.
public struct DigestDifference: Sendable, Hashable {
    /// Whether the answering member found too many differing entries to list (more than
    /// `AntiEntropyLimits.maxEntries`): the asking member transfers the state of `buckets`' contexts
    /// instead.
    public var tooDifferent: Bool
    /// The differing buckets per context (a context only one of the two holds is included too).
    public var buckets: [BucketSelection]
    /// How many entries the answering member lists in those buckets (in digest-entries frames that
    /// follow); 0 when too different.
    public var entryCount: Int

    /// Creates an answer.
    public init(tooDifferent: Bool, buckets: [BucketSelection], entryCount: Int) {
        self.tooDifferent = tooDifferent
        self.buckets = buckets
        self.entryCount = entryCount
    }

    /// Whether the two stores agreed everywhere.
    public var isEmpty: Bool { buckets.allSatisfy(\.buckets.isEmpty) }

    /// The number of differing buckets over all contexts.
    public var differingBuckets: Int { buckets.reduce(0) { $0 + $1.buckets.count } }
}
