extension SessionStore {
    /// The answer to a peer's digests (docs/ANTI-ENTROPY.md, "A round"): the buckets that differ,
    /// and this store's entries in them; or, when there are more than `limits.maxEntries` of them,
    /// an answer that says so and lists none.
    public func answer(to digests: [ContextDigest], limits: AntiEntropyLimits) -> (DigestDifference, [DigestEntry]) {
        let buckets = digest.differences(from: digests)
        guard !buckets.isEmpty else { return (DigestDifference(tooDifferent: false, buckets: [], entryCount: 0), []) }
        guard let entries = digestEntries(in: buckets, limit: limits.maxEntries) else {
            return (DigestDifference(tooDifferent: true, buckets: buckets, entryCount: 0), [])
        }
        return (DigestDifference(tooDifferent: false, buckets: buckets, entryCount: entries.count), entries)
    }

    /// The entries of the records that fall into `selections`' buckets; nil when there are more
    /// than `limit`. One pass over the store.
    public func digestEntries(in selections: [BucketSelection], limit: Int) -> [DigestEntry]? {
        guard !selections.isEmpty else { return [] }
        var flags: [ContextName: (count: Int, selected: [Bool])] = [:]
        for selection in selections {
            var selected = [Bool](repeating: false, count: selection.bucketCount)
            for bucket in selection.buckets where bucket >= 0 && bucket < selection.bucketCount {
                selected[bucket] = true
            }
            flags[ContextName(selection.context)] = (selection.bucketCount, selected)
        }
        var entries: [DigestEntry] = []
        var recentContext: String?
        var recentFlags: (count: Int, selected: [Bool])?
        for record in records.values {
            let key = record.key
            if !(recentContext?.utf8Equals(key.context) ?? false) {
                recentContext = key.context
                recentFlags = flags[ContextName(key.context)]
            }
            guard let wanted = recentFlags,
                wanted.selected[BucketSelection.bucket(of: DigestHash.key(key), count: wanted.count)]
            else { continue }
            if entries.count == limit { return nil }
            entries.append(DigestEntry(record))
        }
        return entries
    }

    /// The records held for `keys`, in key order (keys held for nothing are left out).
    public func records(for keys: [SessionKey]) -> [StoreRecord] {
        keys.compactMap { self[$0] }.sorted { $0.key < $1.key }
    }
}
