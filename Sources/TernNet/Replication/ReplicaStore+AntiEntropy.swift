import TernCore
import TernWire

extension ReplicaStore {
    /// The answer to a peer's digest (docs/ANTI-ENTROPY.md): a digest-difference naming the digest's
    /// sequence, then this store's entries in the differing buckets, in digest-entries frames. Only
    /// a receiver that serves state answers (the entries say what it holds). Store loop only.
    func answer(_ digests: [ContextDigest], sequence: UInt64, from connection: ReceiverConnection) -> [ReceiverReply] {
        if let refusal = refusal(sequence: sequence) { return [.frame(refusal)] }
        let limits = configuration.antiEntropy
        let (difference, entries) = storage.sessionStore.answer(to: digests, limits: limits)
        if !difference.isEmpty {
            logger.info(
                "anti-entropy: digests differ",
                metadata: [
                    "peer": "\(connection.peer)", "buckets": "\(difference.differingBuckets)",
                    "entries": "\(difference.tooDifferent ? "too many" : "\(entries.count)")",
                ])
        }
        var replies: [ReceiverReply] = [.frame(.digestDifference(request: sequence, difference))]
        var chunk: [DigestEntry] = []
        var bytes = 0
        let byteLimit = configuration.limits.maxPayloadBytes / 2
        for entry in entries {
            let size = 49 + entry.key.context.utf8.count + entry.key.id.utf8.count
            if !chunk.isEmpty && (chunk.count >= limits.entriesPerFrame || bytes + size > byteLimit) {
                replies.append(.frame(.digestEntries(chunk)))
                chunk = []
                bytes = 0
            }
            chunk.append(entry)
            bytes += size
        }
        if !chunk.isEmpty { replies.append(.frame(.digestEntries(chunk))) }
        return replies
    }

    /// The answer to a record request: the records held for its keys in state-chunk frames, then an
    /// ack of the request. Store loop only.
    func answer(_ keys: [SessionKey], sequence: UInt64) -> [ReceiverReply] {
        if let refusal = refusal(sequence: sequence) { return [.frame(refusal)] }
        let records = storage.sessionStore.records(for: keys)
        var replies: [ReceiverReply] = []
        var start = 0
        while start < records.count {
            var end = start
            var bytes = 0
            while end < records.count && end - start < configuration.chunkRecords
                && (bytes < configuration.chunkBytes || end == start)
            {
                bytes += records[end].estimatedBytes
                end += 1
            }
            replies.append(.frame(.stateChunk(Array(records[start..<end]))))
            start = end
        }
        replies.append(.frame(.ack(sequence: sequence)))
        return replies
    }
}
