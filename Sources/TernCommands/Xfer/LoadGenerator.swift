import TernCore

/// Synthetic session puts for benchmarks (`tern-xfer push --generate N --size S`): `count` sessions
/// of context `load`, each with one attribute of `size` bytes, made on the fly so memory stays flat.
/// Ids are derived from the index; every session shares the same attributes (not copied: the
/// generator should cost the sender as little as possible); versions are the current time of the run.
struct LoadGenerator {
    let count: Int
    let size: Int
    let member: MemberID
    let now: UnixMillis
    private(set) var produced = 0
    private let attributes: Attributes
    private let prefix: String

    init(count: Int, size: Int, member: MemberID, now: UnixMillis) {
        self.count = count
        self.size = size
        self.member = member
        self.now = now
        var random = SplitMix64(seed: 42)
        let filler = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next() % 95 + 32) }
        attributes = Attributes(canonical: [Attribute(name: "data", value: filler)])
        prefix = Hex.padded(random.next())
    }

    /// The next batch of at most `limit` puts; empty when all were made.
    mutating func next(_ limit: Int) -> [ReplicationMessage] {
        let end = min(count, produced + limit)
        defer { produced = end }
        return (produced..<end).map(message)
    }

    private func message(_ index: Int) -> ReplicationMessage {
        let id = identifier(index)
        let version = Version(physical: UInt64(now), logical: UInt32(truncatingIfNeeded: index), origin: member)
        return .put(
            Session(
                key: SessionKey(context: "load", id: id), created: now, lastAccessed: now, maxInactiveSeconds: 1800,
                version: version, attributes: attributes))
    }

    /// The prefix and the index as sixteen hex digits, written in place (one allocation per id).
    private func identifier(_ index: Int) -> String {
        let prefix = self.prefix.utf8
        return String(unsafeUninitializedCapacity: prefix.count + 16) { text in
            var end = text.initialize(fromContentsOf: prefix)
            var value = UInt64(index)
            for position in (end..<end + 16).reversed() {
                let digit = UInt8(truncatingIfNeeded: value & 15)
                text[position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                value >>= 4
            }
            end += 16
            return end
        }
    }
}
