import TernCore

/// Synthetic session puts for benchmarks (`tern-xfer push --generate N --size S`): `count` sessions
/// of context `load`, each with one attribute of `size` bytes, made on the fly so memory stays flat.
/// Ids and contents are derived from the index; versions are the current time of the run.
struct LoadGenerator {
    let count: Int
    let size: Int
    let member: MemberID
    let now: UnixMillis
    private(set) var produced = 0
    private let filler: [UInt8]

    init(count: Int, size: Int, member: MemberID, now: UnixMillis) {
        self.count = count
        self.size = size
        self.member = member
        self.now = now
        var random = SplitMix64(seed: 42)
        filler = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next() % 95 + 32) }
    }

    /// The next batch of at most `limit` puts; empty when all were made.
    mutating func next(_ limit: Int) -> [ReplicationMessage] {
        let end = min(count, produced + limit)
        defer { produced = end }
        return (produced..<end).map(message)
    }

    private func message(_ index: Int) -> ReplicationMessage {
        var random = SplitMix64(seed: UInt64(index))
        let id = Hex.padded(random.next()) + Hex.padded(UInt64(index))
        var value = filler
        withUnsafeBytes(of: UInt64(index).bigEndian) { bytes in
            for (offset, byte) in bytes.enumerated() where offset < value.count { value[offset] = byte }
        }
        let version = Version(physical: UInt64(now), logical: UInt32(truncatingIfNeeded: index), origin: member)
        return .put(
            Session(
                key: SessionKey(context: "load", id: id), created: now, lastAccessed: now, maxInactiveSeconds: 1800,
                version: version, attributes: Attributes(canonical: [Attribute(name: "data", value: value)])))
    }
}
