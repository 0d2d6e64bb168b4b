import TernCore
import TernWire

/// The records of a store at one instant and their version vector: what a state transfer or a
/// snapshot is made from. Taking it copies nothing (the dictionary is copy-on-write), so the store
/// goes on while the cut is sorted and sent elsewhere.
public struct StoreCut: Sendable {
    /// Every record held at the cut, by key.
    public var records: [SessionKey: StoreRecord]
    /// The newest version per origin at the cut.
    public var vector: VersionVector

    /// Creates a cut.
    public init(records: [SessionKey: StoreRecord], vector: VersionVector) {
        self.records = records
        self.vector = vector
    }

    /// The records a request asks for, in key order: of its contexts (all when none), and only those
    /// newer than what its `since` vector covers.
    public func records(for request: StateRequest) -> [StoreRecord] {
        var keys: [SessionKey] = []
        keys.reserveCapacity(records.count)
        for (key, record) in records where Self.matches(record, request) { keys.append(key) }
        return Self.inKeyOrder(keys, records)
    }

    /// Every record, in key order (a snapshot's order).
    public func sortedRecords() -> [StoreRecord] {
        Self.inKeyOrder(Array(records.keys), records)
    }

    /// Sorts the keys, not the records: comparing keys copies two strings, moving records copies
    /// whole enums with their attribute arrays.
    private static func inKeyOrder(_ keys: [SessionKey], _ records: [SessionKey: StoreRecord]) -> [StoreRecord] {
        keys.sorted().map { records[$0]! }
    }

    static func matches(_ record: StoreRecord, _ request: StateRequest) -> Bool {
        if !request.contexts.isEmpty && !request.contexts.contains(where: { $0.utf8Equals(record.key.context) }) {
            return false
        }
        if let since = request.since, since.covers(record.version) { return false }
        return true
    }
}
