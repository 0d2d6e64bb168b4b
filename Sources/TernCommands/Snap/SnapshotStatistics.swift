import TernCore

/// What `inspect` gathers in one pass over a snapshot, in constant memory (one entry per context).
struct SnapshotStatistics {
    struct ContextCounts {
        var sessions = 0
        var live = 0
        var tombstones = 0
    }

    let instant: UnixMillis
    private(set) var contexts: [String: ContextCounts] = [:]
    private(set) var sessions = 0
    private(set) var live = 0
    private(set) var tombstones = 0
    private(set) var attributes = 0
    private(set) var attributeBytes: Int64 = 0
    private(set) var sizes = SizeHistogram()
    private(set) var oldestAccess: UnixMillis?
    private(set) var newestAccess: UnixMillis?

    init(at instant: UnixMillis) {
        self.instant = instant
    }

    mutating func add(_ record: StoreRecord) {
        var counts = contexts[record.key.context] ?? ContextCounts()
        defer { contexts[record.key.context] = counts }
        guard let session = record.session else {
            tombstones += 1
            counts.tombstones += 1
            return
        }
        sessions += 1
        counts.sessions += 1
        if !session.isExpired(at: instant) {
            live += 1
            counts.live += 1
        }
        attributes += session.attributes.count
        for attribute in session.attributes {
            attributeBytes += Int64(attribute.value.count)
            sizes.add(attribute.value.count)
        }
        oldestAccess = min(oldestAccess ?? session.lastAccessed, session.lastAccessed)
        newestAccess = max(newestAccess ?? session.lastAccessed, session.lastAccessed)
    }

    var expired: Int { sessions - live }

    var sortedContexts: [(name: String, counts: ContextCounts)] {
        contexts.sorted { $0.key.utf8Precedes($1.key) }.map { (name: $0.key, counts: $0.value) }
    }
}
