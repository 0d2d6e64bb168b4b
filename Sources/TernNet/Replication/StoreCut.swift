import TernCore
import TernWire

/// The records of a store at one instant and their version vector: what a state transfer or a
/// snapshot is made from. Taking it copies nothing (the record table is copy-on-write), so the store
/// goes on while the cut is sorted and sent elsewhere.
public struct StoreCut: Sendable {
    /// Every record held at the cut, by key.
    public var records: RecordTable
    /// The newest version per origin at the cut.
    public var vector: VersionVector

    /// Creates a cut.
    public init(records: RecordTable, vector: VersionVector) {
        self.records = records
        self.vector = vector
    }

    /// The records a request asks for, in key order: of its contexts (all when none), and only those
    /// newer than what its `since` vector covers.
    public func records(for request: StateRequest) -> [StoreRecord] {
        var selected: [StoreRecord] = []
        selected.reserveCapacity(records.count)
        for record in records.values where Self.matches(record, request) { selected.append(record) }
        return Self.inKeyOrder(consume selected)
    }

    /// Every record, in key order (a snapshot's order).
    public func sortedRecords() -> [StoreRecord] {
        Self.inKeyOrder(Array(records.values))
    }

    /// Sorts by key without comparing or even copying strings in the common case: each record gets
    /// a plain sort entry (the rank of its context among the few distinct ones, the first 8 bytes of
    /// its id, its index), and only entries equal in both compare whole ids. Sorting the keys
    /// themselves spent most of its time retaining and releasing their strings as the merge moved
    /// them (a third of serving a 100,000-record pull).
    static func inKeyOrder(_ records: consuming [StoreRecord]) -> [StoreRecord] {
        var ranks: [String: UInt32] = [:]
        for index in records.indices where ranks[records[index].key.context] == nil {
            ranks[records[index].key.context] = 0
        }
        for (rank, context) in ranks.keys.sorted(by: { $0.utf8Precedes($1) }).enumerated() {
            ranks[context] = UInt32(rank)
        }
        var entries: [SortEntry] = []
        entries.reserveCapacity(records.count)
        for index in records.indices {
            let key = records[index].key
            entries.append(SortEntry(rank: ranks[key.context]!, prefix: Self.prefix(key.id), index: UInt32(index)))
        }
        entries.sort { lhs, rhs in
            if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
            if lhs.prefix != rhs.prefix { return lhs.prefix < rhs.prefix }
            return records[Int(lhs.index)].key.id.utf8Precedes(records[Int(rhs.index)].key.id)
        }
        // Put each record in its place by swapping along the permutation's cycles: moving records
        // by swaps copies none of them (a mapped copy retained every string and array in the cut).
        var placed = [Bool](repeating: false, count: entries.count)
        for start in entries.indices where !placed[start] {
            var position = start
            while true {
                placed[position] = true
                let source = Int(entries[position].index)
                if source == start { break }
                records.swapAt(position, source)
                position = source
            }
        }
        return records
    }

    /// A record's place in the sort: equal ranks and prefixes leave the order to the whole ids.
    struct SortEntry {
        var rank: UInt32
        var index: UInt32
        var prefix: UInt64

        init(rank: UInt32, prefix: UInt64, index: UInt32) {
            self.rank = rank
            self.prefix = prefix
            self.index = index
        }
    }

    /// The first 8 UTF-8 bytes of `id`, big-endian, zero-padded: a smaller prefix means a smaller id,
    /// an equal one decides nothing.
    static func prefix(_ id: String) -> UInt64 {
        var value: UInt64 = 0
        var count = 0
        for byte in id.utf8.prefix(8) {
            value = value << 8 | UInt64(byte)
            count += 1
        }
        return value << (8 * (8 - count))
    }

    static func matches(_ record: StoreRecord, _ request: StateRequest) -> Bool {
        if !request.contexts.isEmpty && !request.contexts.contains(where: { $0.utf8Equals(record.key.context) }) {
            return false
        }
        if let since = request.since, since.covers(record.version) { return false }
        return true
    }
}
