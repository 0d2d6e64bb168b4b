/// The anti-entropy digest of a store (docs/ANTI-ENTROPY.md), kept current as the store changes:
/// per context, the number of records and 1,024 buckets, each the XOR of `DigestHash.entry` over
/// the records whose key hash starts with the bucket's 10-bit index. A change costs one key hash,
/// one or two entry hashes and an XOR; the digest is never recomputed from the records, so a round
/// costs nothing to start.
///
/// Contexts are compared byte for byte, as keys are.
public struct StoreDigest: Sendable {
    /// Bits of the key hash that choose a bucket.
    public static let bucketBits = 10
    /// Buckets kept per context (and the most a digest is compared at).
    public static let maxBuckets = 1 << bucketBits

    /// Per context, in the order first seen: its name, its record count, and its buckets at
    /// `buckets[slot * maxBuckets ..< (slot + 1) * maxBuckets]` (one array: one uniqueness check per
    /// change, not two).
    private var names: [String] = []
    private var counts: [Int] = []
    private var buckets: [UInt64] = []
    private var positions: [ContextName: Int] = [:]
    /// The slot of the context changed last: most writes go to the context of the one before.
    private var recent = 0

    /// An empty digest.
    public init() {}

    /// A record of `key` changed from `old` to `new` (version and kind; nil when absent).
    @inline(__always)
    mutating func change(
        _ key: SessionKey, from old: (version: Version, isTombstone: Bool)?,
        to new: (version: Version, isTombstone: Bool)?
    ) {
        let keyHash = DigestHash.key(key)
        var flip: UInt64 = 0
        var delta = 0
        if let old {
            flip ^= DigestHash.entry(keyHash: keyHash, version: old.version, isTombstone: old.isTombstone)
            delta -= 1
        }
        if let new {
            flip ^= DigestHash.entry(keyHash: keyHash, version: new.version, isTombstone: new.isTombstone)
            delta += 1
        }
        let slot = self.slot(of: key.context)
        buckets[slot &* Self.maxBuckets &+ Int(truncatingIfNeeded: keyHash >> UInt64(64 - Self.bucketBits))] ^= flip
        counts[slot] += delta
    }

    @inline(__always)
    private mutating func slot(of context: String) -> Int {
        if recent < names.count && names[recent].utf8Equals(context) { return recent }
        if let position = positions[ContextName(context)] {
            recent = position
            return position
        }
        names.append(context)
        counts.append(0)
        buckets.append(contentsOf: repeatElement(0, count: Self.maxBuckets))
        positions[ContextName(context)] = names.count - 1
        recent = names.count - 1
        return recent
    }

    /// The contexts that hold records, in byte order, each with its record count.
    public var contexts: [(context: String, count: Int)] {
        names.indices.filter { counts[$0] > 0 }.map { (names[$0], counts[$0]) }.sorted { $0.0.utf8Precedes($1.0) }
    }

    /// The digest of `context` at full resolution (1,024 buckets); nil when it holds no record.
    public func digest(of context: String) -> ContextDigest? {
        guard let slot = positions[ContextName(context)], counts[slot] > 0 else { return nil }
        let start = slot * Self.maxBuckets
        return ContextDigest(
            context: names[slot], count: UInt64(counts[slot]), buckets: Array(buckets[start..<start + Self.maxBuckets]))
    }

    /// What a round sends: every context that holds records, in byte order, each folded to
    /// `bucketCount(forRecords:)` buckets.
    public func contextDigests() -> [ContextDigest] {
        contexts.compactMap { context, count in
            digest(of: context)?.folded(to: Self.bucketCount(forRecords: count))
        }
    }

    /// The buckets where `theirs` (a peer's digests, contexts in strictly increasing byte order)
    /// differ from this digest, per context, in byte order of the context: each context they sent,
    /// compared at their resolution (at most 1,024 buckets), and each context only this digest
    /// holds, with every bucket that holds a record here.
    public func differences(from theirs: [ContextDigest]) -> [BucketSelection] {
        var selections: [BucketSelection] = []
        var seen = Set<ContextName>()
        for digest in theirs {
            seen.insert(ContextName(digest.context))
            let count = Swift.min(digest.buckets.count, Self.maxBuckets)
            let remote = Self.fold(digest.buckets, to: count)
            let local = self.digest(of: digest.context).map { Self.fold($0.buckets, to: count) }
            var differing: [Int] = []
            for index in 0..<count where remote[index] != (local?[index] ?? 0) { differing.append(index) }
            if !differing.isEmpty {
                selections.append(BucketSelection(context: digest.context, bucketCount: count, buckets: differing))
            }
        }
        for (context, records) in contexts where !seen.contains(ContextName(context)) {
            guard let local = digest(of: context) else { continue }
            let count = Self.bucketCount(forRecords: records)
            let folded = Self.fold(local.buckets, to: count)
            let held = folded.indices.filter { folded[$0] != 0 }
            if !held.isEmpty { selections.append(BucketSelection(context: context, bucketCount: count, buckets: held)) }
        }
        return selections.sorted { $0.context.utf8Precedes($1.context) }
    }

    /// The buckets a round compares a context of `count` records at: about four records a bucket,
    /// a power of two from 1 to 1,024. A larger store lists more entries per differing bucket; a
    /// smaller one sends a smaller digest.
    public static func bucketCount(forRecords count: Int) -> Int {
        let wanted = Swift.max(1, (count + 3) / 4)
        var buckets = 1
        while buckets < wanted && buckets < maxBuckets { buckets <<= 1 }
        return buckets
    }

    /// `buckets` folded to `count` buckets (powers of two, `count` at most `buckets.count`): the new
    /// bucket `i` is the XOR of the old ones whose index, shifted right, is `i`.
    public static func fold(_ buckets: [UInt64], to count: Int) -> [UInt64] {
        guard count < buckets.count else { return buckets }
        let shift = buckets.count.trailingZeroBitCount - Swift.max(1, count).trailingZeroBitCount
        var folded = [UInt64](repeating: 0, count: Swift.max(1, count))
        for index in buckets.indices { folded[index >> shift] ^= buckets[index] }
        return folded
    }
}

/// A context name compared and hashed by its UTF-8 bytes, as keys are (Swift's `==` would equate
/// canonically equivalent names).
struct ContextName: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ContextName, rhs: ContextName) -> Bool {
        lhs.text.utf8Equals(rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        text.hashUTF8(into: &hasher)
    }
}
