/// A binary min-heap of deadlines, each naming a record by its position in a `RecordTable` and 32
/// bits of its key's hash (16 bytes an entry; by key it was 48): the next deadline in O(1),
/// insertion and removal of the earliest in O(log n). Entries are never searched for: callers
/// tolerate stale entries and check them against the store when they come out (see
/// `ExpirySchedule`).
struct DeadlineHeap: Sendable {
    struct Entry: Sendable {
        var at: UnixMillis
        /// The record's position in the table.
        var position: UInt32
        /// 32 bits of the record's key's hash: a record of another key at the same position later
        /// does not pass for it.
        var tag: UInt32
    }

    private(set) var entries: [Entry] = []

    var count: Int { entries.count }

    /// The earliest instant held.
    var earliest: UnixMillis? { entries.first?.at }

    mutating func insert(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].at < entries[parent].at else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(at now: UnixMillis) -> Entry? {
        guard let first = entries.first, first.at <= now else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return first }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count && entries[left].at < entries[smallest].at { smallest = left }
            if right < entries.count && entries[right].at < entries[smallest].at { smallest = right }
            guard smallest != parent else { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }
}
