/// The records of a store by key, laid out for millions of sessions (docs/PERFORMANCE.md, "The
/// record table").
///
/// The records sit densely in one array, each once, its key inside it. A separate table of 8-byte
/// buckets (open addressing, linear probing, at most half full) finds them: a bucket holds 32 bits
/// of the key's hash and the record's position. A `Dictionary` would hold each key a second time
/// beside its record, in a table of twice as many entries as records at worst; this costs 8 to 16
/// bytes a record instead. Growing moves buckets and never rehashes a key, and a lookup compares
/// keys only when their hash bits agree.
public struct RecordTable: Sendable {
    /// The records, in no particular order.
    public private(set) var values: ContiguousArray<StoreRecord> = []
    /// 0 for an empty bucket; else the low 32 bits of the key's hash, then 1 + the record's position.
    private var buckets: [UInt64] = []

    /// An empty table.
    public init() {}

    /// The number of records.
    public var count: Int { values.count }

    /// Whether the table holds no record.
    public var isEmpty: Bool { values.isEmpty }

    /// Every record's key, in the order of `values`.
    public var keys: [SessionKey] { values.map(\.key) }

    /// The record held for `key`; assigning nil removes it.
    public subscript(key: SessionKey) -> StoreRecord? {
        get {
            guard case .found(_, let position) = find(key) else { return nil }
            return values[position]
        }
        set {
            update(key) { $0 = newValue }
        }
    }

    /// Runs `body` on the record held for `key` (nil when none) with one lookup; the record it
    /// leaves is stored, and nil removes it. `body` must leave a record of the same key.
    @discardableResult
    public mutating func update<Result>(_ key: SessionKey, _ body: (inout StoreRecord?) -> Result) -> Result {
        switch find(key) {
        case .found(let bucket, let position):
            // Take the record out while `body` runs (a placeholder holds its place), so that
            // changing it copies nothing.
            var taken = Self.placeholder
            swap(&taken, &values[position])
            var slot: StoreRecord? = consume taken
            let result = body(&slot)
            if let record = slot.take() {
                values[position] = record
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

    /// What holds a record's place while `update` lends the record out (its strings are empty,
    /// which costs no reference counting).
    private static let placeholder = StoreRecord.tombstone(
        Tombstone(key: SessionKey(context: "", id: ""), version: .zero, retainUntil: 0))

    private func find(_ key: SessionKey) -> Lookup {
        if buckets.isEmpty { return .vacant(bucket: -1) }
        let hash = Self.hash(key)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let bucket = buckets[index]
            if bucket == 0 { return .vacant(bucket: index) }
            if bucket >> 32 == hash {
                let position = Self.position(in: bucket)
                if values[position].hasKey(key) { return .found(bucket: index, position: position) }
            }
            index = (index + 1) & mask
        }
    }

    private mutating func insert(_ record: StoreRecord, hash: UInt64, at bucket: Int) {
        precondition(values.count < Int(UInt32.max) - 1, "a record table holds fewer than 2^32 - 1 records")
        values.append(record)
        let entry = hash << 32 | UInt64(values.count)
        if (values.count) * 2 > buckets.count {
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

    /// Removes the record at `position`, filed in `bucket`: the last record takes its position, and
    /// the buckets after `bucket` shift back
    /// so that every record stays reachable from its hash without markers of removed ones.
    private mutating func remove(bucket: Int, position: Int) {
        let last = values.count - 1
        if position != last {
            // The last record takes the removed one's position: repoint its bucket.
            var index = Int(truncatingIfNeeded: Self.hash(values[last].key)) & mask
            while Self.position(in: buckets[index]) != last { index = (index + 1) & mask }
            buckets[index] = (buckets[index] & 0xFFFF_FFFF_0000_0000) | UInt64(position + 1)
            values.swapAt(position, last)
        }
        values.removeLast()
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
