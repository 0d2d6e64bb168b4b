import TernCore

/// Merges several sorted snapshots into one sorted stream, keeping per key the record that the
/// newest-wins rule (`StoreRecord.newest`) picks. Memory: one record per input.
public struct RecordMerger {
    private let readers: [SnapshotReader]
    private var heads: [StoreRecord?]

    /// Starts merging `readers`, reading the first record of each.
    public init(_ readers: [SnapshotReader]) throws {
        self.readers = readers
        heads = try readers.map { try $0.next() }
    }

    /// The next merged record, or nil when every input is exhausted (and its trailer checked).
    public mutating func next() throws -> StoreRecord? {
        var smallest: SessionKey?
        for case let head? in heads where smallest == nil || head.key < smallest! {
            smallest = head.key
        }
        guard let key = smallest else { return nil }
        var merged: StoreRecord?
        for index in heads.indices {
            guard let head = heads[index], head.key == key else { continue }
            merged = merged.map { StoreRecord.newest($0, head) } ?? head
            heads[index] = try readers[index].next()
        }
        return merged
    }

    /// The headers' version vectors combined: what the merged snapshot covers.
    public var versionVector: VersionVector {
        readers.reduce(VersionVector()) { $0.merged(with: $1.header.versionVector) }
    }
}
