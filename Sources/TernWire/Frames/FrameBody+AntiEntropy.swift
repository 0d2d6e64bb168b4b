import NIOCore
import TernCore

/// The bodies of the anti-entropy frames (docs/PROTOCOL.md, "Anti-entropy"): digest,
/// digest-difference, digest-entries and record-request.
extension FrameBody {
    /// Smallest context of a digest body: empty name, record count, bucket count, one bucket.
    static let minimumContextDigestSize = 2 + 8 + 4 + 8
    /// Smallest context of a digest-difference body: empty name, bucket count, differing count.
    static let minimumSelectionSize = 2 + 4 + 4
    /// Smallest digest entry: empty context and id, version, kind (a session).
    static let minimumEntrySize = 2 + 2 + 28 + 1
    /// Smallest key of a record request: empty context and id.
    static let minimumKeySize = 2 + 2
}

extension ByteBuffer {
    mutating func writeDigests(_ digests: [ContextDigest], limits: FrameLimits) throws(FrameEncodingError) {
        try writeCount(digests.count, field: "context count", limit: limits.maxListCount)
        for (index, digest) in digests.enumerated() {
            guard index == 0 || digests[index - 1].context.utf8Precedes(digest.context) else {
                throw FrameEncodingError(.notCanonical(field: "digest contexts"))
            }
            try writeShortString(digest.context, field: "context")
            writeInteger(digest.count)
            try writeBucketCount(digest.buckets.count, limits: limits)
            for bucket in digest.buckets { writeInteger(bucket) }
        }
    }

    mutating func writeDifference(
        request: UInt64, _ difference: DigestDifference, limits: FrameLimits
    ) throws(FrameEncodingError) {
        writeInteger(request)
        writeInteger(UInt8(difference.tooDifferent ? 1 : 0))
        writeInteger(UInt64(difference.entryCount))
        let selections = difference.buckets
        try writeCount(selections.count, field: "context count", limit: limits.maxListCount)
        for (index, selection) in selections.enumerated() {
            guard index == 0 || selections[index - 1].context.utf8Precedes(selection.context) else {
                throw FrameEncodingError(.notCanonical(field: "digest contexts"))
            }
            try writeShortString(selection.context, field: "context")
            try writeBucketCount(selection.bucketCount, limits: limits)
            try writeCount(selection.buckets.count, field: "differing bucket count", limit: selection.bucketCount)
            for (position, bucket) in selection.buckets.enumerated() {
                guard bucket >= 0, bucket < selection.bucketCount,
                    position == 0 || selection.buckets[position - 1] < bucket
                else { throw FrameEncodingError(.notCanonical(field: "differing buckets")) }
                writeInteger(UInt32(bucket))
            }
        }
    }

    mutating func writeDigestEntries(_ entries: [DigestEntry], limits: FrameLimits) throws(FrameEncodingError) {
        try writeCount(entries.count, field: "entry count", limit: limits.maxListCount)
        for entry in entries {
            try writeKey(entry.key)
            writeVersion(entry.version)
            if let retainUntil = entry.retainUntil {
                writeInteger(UInt8(2))
                writeInteger(retainUntil)
            } else {
                writeInteger(UInt8(1))
            }
        }
    }

    mutating func writeKeys(_ keys: [SessionKey], limits: FrameLimits) throws(FrameEncodingError) {
        try writeCount(keys.count, field: "key count", limit: limits.maxListCount)
        for key in keys { try writeKey(key) }
    }

    private mutating func writeBucketCount(_ count: Int, limits: FrameLimits) throws(FrameEncodingError) {
        guard count > 0, count & (count - 1) == 0 else {
            throw FrameEncodingError(.notCanonical(field: "bucket count \(count) (a power of two)"))
        }
        try writeCount(count, field: "bucket count", limit: limits.maxListCount)
    }
}

extension BodyReader {
    /// A context name of a digest list, which must sort strictly after `previous` in UTF-8 byte order.
    private mutating func context(after previous: String?) throws(FrameBodyError) -> String {
        let at = offset
        let context = try shortString("context")
        if let previous, !previous.utf8Precedes(context) {
            throw FrameBodyError(.outOfOrder(field: "digest contexts"), at: at)
        }
        return context
    }

    mutating func digests() throws(FrameBodyError) -> [ContextDigest] {
        let count = try count("context count", limit: limits.maxListCount, minimumSize: FrameBody.minimumContextDigestSize)
        var digests: [ContextDigest] = []
        digests.reserveCapacity(count)
        for _ in 0..<count {
            let context = try self.context(after: digests.last?.context)
            let records: UInt64 = try integer("record count")
            let buckets = try bucketCount(minimumSize: 8)
            var values: [UInt64] = []
            values.reserveCapacity(buckets)
            for _ in 0..<buckets { values.append(try integer("bucket")) }
            digests.append(ContextDigest(context: context, count: records, buckets: values))
        }
        return digests
    }

    mutating func difference() throws(FrameBodyError) -> FrameBody {
        let request: UInt64 = try integer("request sequence")
        let at = offset
        let outcome: UInt8 = try integer("difference outcome")
        guard outcome <= 1 else { throw FrameBodyError(.invalidOutcome(outcome), at: at) }
        let countAt = offset
        let entryCount: UInt64 = try integer("entry count")
        guard entryCount <= UInt64(Int.max) else { throw FrameBodyError(.entryCountTooLarge(entryCount), at: countAt) }
        let count = try count("context count", limit: limits.maxListCount, minimumSize: FrameBody.minimumSelectionSize)
        var selections: [BucketSelection] = []
        selections.reserveCapacity(count)
        for _ in 0..<count {
            let context = try self.context(after: selections.last?.context)
            let buckets = try bucketCount(minimumSize: 0)
            let differing = try self.count("differing bucket count", limit: buckets, minimumSize: 4)
            var indices: [Int] = []
            indices.reserveCapacity(differing)
            for _ in 0..<differing {
                let indexAt = offset
                let index = Int(try integer("differing bucket") as UInt32)
                guard index < buckets else {
                    throw FrameBodyError(.bucketOutOfRange(index: index, count: buckets), at: indexAt)
                }
                if let previous = indices.last, previous >= index {
                    throw FrameBodyError(.outOfOrder(field: "differing buckets"), at: indexAt)
                }
                indices.append(index)
            }
            selections.append(BucketSelection(context: context, bucketCount: buckets, buckets: indices))
        }
        let difference = DigestDifference(
            tooDifferent: outcome == 1, buckets: selections, entryCount: Int(entryCount))
        return .digestDifference(request: request, difference)
    }

    mutating func digestEntries() throws(FrameBodyError) -> [DigestEntry] {
        let count = try count("entry count", limit: limits.maxListCount, minimumSize: FrameBody.minimumEntrySize)
        var entries: [DigestEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let key = try key()
            let version = try version("version")
            let at = offset
            let kind: UInt8 = try integer("record kind")
            switch kind {
            case 1: entries.append(DigestEntry(key: key, version: version, retainUntil: nil))
            case 2:
                let retainUntil: Int64 = try integer("tombstone retention time")
                entries.append(DigestEntry(key: key, version: version, retainUntil: retainUntil))
            default: throw FrameBodyError(.field(.unknownKind(kind)), at: at)
            }
        }
        return entries
    }

    mutating func keys() throws(FrameBodyError) -> [SessionKey] {
        let count = try count("key count", limit: limits.maxListCount, minimumSize: FrameBody.minimumKeySize)
        var keys: [SessionKey] = []
        keys.reserveCapacity(count)
        for _ in 0..<count { keys.append(try key()) }
        return keys
    }

    /// A u32 bucket count: a power of two from 1 to `maxListCount`, whose buckets of `minimumSize`
    /// bytes each fit in what remains.
    private mutating func bucketCount(minimumSize: Int) throws(FrameBodyError) -> Int {
        let at = offset
        let count = try count("bucket count", limit: limits.maxListCount, minimumSize: minimumSize)
        guard count > 0, count & (count - 1) == 0 else { throw FrameBodyError(.notPowerOfTwo(field: "bucket count", value: count), at: at) }
        return count
    }
}
