/// The records of a store by key, laid out for millions of sessions (docs/PERFORMANCE.md, "The
/// record table").
///
/// The records sit in one array, each once, its key inside it; a removed record leaves a hole
/// that the next insertion fills, so every record keeps its position while it is held. A separate
/// table of 8-byte buckets (open addressing, linear probing, at most half full) finds them: a
/// bucket holds 32 bits of the key's hash and the record's position. A `Dictionary` would hold each
/// key a second time beside its record, in a table of twice as many entries as records at worst;
/// this costs 8 to 16 bytes a record instead. Growing moves buckets and never rehashes a key, and a
/// lookup compares keys only when their hash bits agree.
public struct RecordTable: Sendable {
    /// The records at their positions; nil where a record was removed (a hole, which the next
    /// insertion fills). A record keeps its position until it is removed, so an expiry schedule can
    /// name it by position (`position(of:)`) instead of by key.
    private var slots: ContiguousArray<StoreRecord?> = []
    /// The positions of the holes in `slots`.
    private var holes: [UInt32] = []
    /// 0 for an empty bucket; else the low 32 bits of the key's hash, then 1 + the record's position.
    private var buckets: [UInt64] = []

    /// An empty table.
    public init() {}

    /// The number of records.
    public var count: Int { slots.count - holes.count }

    /// Whether the table holds no record.
    public var isEmpty: Bool { count == 0 }

    /// The records, in no particular order.
    public var values: Records { Records(slots: slots, count: count) }

    /// Every record's key, in the order of `values`.
    public var keys: [SessionKey] { values.map(\.key) }

    /// The records of a table, in no particular order.
    public struct Records: Sequence, Sendable {
        fileprivate let slots: ContiguousArray<StoreRecord?>
        /// The number of records.
        public let count: Int

        /// The number of records (exact).
        public var underestimatedCount: Int { count }

        /// Iterates over the records, skipping holes.
        public func makeIterator() -> Iterator {
            Iterator(slots: slots.makeIterator())
        }

        /// Iterates over a table's records.
        public struct Iterator: IteratorProtocol {
            fileprivate var slots: IndexingIterator<ContiguousArray<StoreRecord?>>

            /// The next record.
            public mutating func next() -> StoreRecord? {
                while let slot = slots.next() {
                    if let record = slot { return record }
                }
                return nil
            }
        }
    }

    /// The record held for `key`; assigning nil removes it.
    public subscript(key: SessionKey) -> StoreRecord? {
        get {
            guard case .found(_, let position) = find(key) else { return nil }
            return slots[position]
        }
        set {
            update(key) { $0 = newValue }
        }
    }

    /// The position of the record held for `key`: it stays the same until the record is removed.
    public func position(of key: SessionKey) -> Int? {
        guard case .found(_, let position) = find(key) else { return nil }
        return position
    }

    /// The record at `position`, or nil when none is there (removed, or never one).
    public subscript(position position: Int) -> StoreRecord? {
        position >= 0 && position < slots.count ? slots[position] : nil
    }

    /// Runs `body` on the record held for `key` (nil when none) with one lookup; the record it
    /// leaves is stored, and nil removes it. `body` must leave a record of the same key.
    @discardableResult
    public mutating func update<Result>(_ key: SessionKey, _ body: (inout StoreRecord?) -> Result) -> Result {
        switch find(key) {
        case .found(let bucket, let position):
            // Take the record out while `body` runs, so that changing it copies nothing.
            var slot = slots[position].take()
            let result = body(&slot)
            if let record = slot.take() {
                slots[position] = record
            } else {
                remove(bucket: bucket, position: position)
            }
            return result
        case .vacant(let bucket):
            var slot: StoreRecord? = nil
            let result = body(&slot)
            if let record = slot {
                insert(record, hash: Self.hash(key), at: bucket)
            }
            return result
        }
    }

    /// Removes every record `shouldRemove` picks; returns how many.
    @discardableResult
    public mutating func removeAll(where shouldRemove: (StoreRecord) -> Bool) -> Int {
        let doomed = values.filter(shouldRemove).map(\.key)
        for key in doomed { self[key] = nil }
        return doomed.count
    }

    // MARK: - Buckets

    private enum Lookup {
        case found(bucket: Int, position: Int)
        case vacant(bucket: Int)
    }

    private static func hash(_ key: SessionKey) -> UInt64 {
        UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: key.digest))
    }

    private static func position(in bucket: UInt64) -> Int {
        Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: bucket)) - 1
    }

    private var mask: Int { buckets.count - 1 }

    private func find(_ key: SessionKey) -> Lookup {
        if buckets.isEmpty { return .vacant(bucket: -1) }
        let hash = Self.hash(key)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let bucket = buckets[index]
            if bucket == 0 { return .vacant(bucket: index) }
            if bucket >> 32 == hash {
                let position = Self.position(in: bucket)
                if slots[position]!.hasKey(key) { return .found(bucket: index, position: position) }
            }
            index = (index + 1) & mask
        }
    }

    private mutating func insert(_ record: StoreRecord, hash: UInt64, at bucket: Int) {
        let position: Int
        if let hole = holes.popLast() {
            position = Int(hole)
            slots[position] = record
        } else {
            precondition(slots.count < Int(UInt32.max) - 1, "a record table holds fewer than 2^32 - 1 records")
            position = slots.count
            slots.append(record)
        }
        let entry = hash << 32 | UInt64(position + 1)
        if count * 2 > buckets.count {
            grow(to: max(16, buckets.count * 2))
            place(entry)
        } else {
            buckets[bucket] = entry
        }
    }

    /// Files `entry` in the first empty bucket from its hash on.
    private mutating func place(_ entry: UInt64) {
        var index = Int(truncatingIfNeeded: entry >> 32) & mask
        while buckets[index] != 0 { index = (index + 1) & mask }
        buckets[index] = entry
    }

    private mutating func grow(to size: Int) {
        let old = buckets
        buckets = [UInt64](repeating: 0, count: size)
        for entry in old where entry != 0 { place(entry) }
    }

    /// Removes the record at `position`, filed in `bucket`: its position becomes a hole, and the
    /// buckets after `bucket` shift back so that every record stays reachable from its hash without
    /// markers of removed ones.
    private mutating func remove(bucket: Int, position: Int) {
        slots[position] = nil
        if count == 1 {
            // The last record goes: start again from position 0.
            slots.removeAll(keepingCapacity: true)
            holes.removeAll(keepingCapacity: true)
        } else if position == slots.count - 1 {
            slots.removeLast()
        } else {
            holes.append(UInt32(position))
        }
        var hole = bucket
        var index = (hole + 1) & mask
        while buckets[index] != 0 {
            let home = Int(truncatingIfNeeded: buckets[index] >> 32) & mask
            // The entry at `index` may move into the hole unless its home lies after the hole,
            // cyclically, up to `index`.
            let homeAfterHole = hole <= index ? (hole < home && home <= index) : (hole < home || home <= index)
            if !homeAfterHole {
                buckets[hole] = buckets[index]
                hole = index
            }
            index = (index + 1) & mask
        }
        buckets[hole] = 0
    }
}

extension RecordTable: Equatable {
    /// Equal when both hold the same records, whatever their order.
    public static func == (lhs: RecordTable, rhs: RecordTable) -> Bool {
        lhs.count == rhs.count && lhs.values.allSatisfy { rhs[$0.key] == $0 }
    }
}

extension StoreRecord {
    /// Whether the record is of `key` (without copying the record's key out).
    func hasKey(_ key: SessionKey) -> Bool {
        switch self {
        case .session(let session): session.key == key
        case .tombstone(let tombstone): tombstone.key == key
        }
    }
}
