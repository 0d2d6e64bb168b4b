import PropertyBased
import TernCore
import TernTestKit

/// Generators of store records for the convergence properties.
///
/// Keys, versions and origins come from small ranges so collisions (same key, same version) are
/// frequent. Everything about a record except its key is a function of its version, so two records
/// with the same version are the same change, as the model assumes.
enum RecordGenerators {
    static let keys = [Samples.key("1", context: "a"), Samples.key("2", context: "a"), Samples.key("1", context: "b")]
    static let origins = [Samples.memberA, Samples.memberB, Samples.memberC]

    /// A version from a small space: physical 1…6, logical 0…1, one of three origins.
    static let version = zip(Gen.uint64(in: 1...6), Gen.uint32(in: 0...1), Gen.int(in: 0...2)).map { parts in
        Version(physical: parts.0, logical: parts.1, origin: origins[parts.2])
    }

    /// A number mixed from the version, the source of everything derived from it.
    static func digest(_ version: Version) -> UInt64 {
        var mixer = TestRandom(seed: version.physical &* 1_000_003 ^ UInt64(version.logical) &* 7919 ^ version.origin.low
            ^ version.origin.high)
        return mixer.next()
    }

    /// The record of `key` at `version`: a tombstone about one time in four, otherwise a session
    /// whose attributes, expiry and access time follow from the version.
    ///
    /// `lastAccessed` grows with the version: a newer change was made later. (An older version
    /// with a later access is pinned by `aTombstoneBetweenTwoSessionsGivesTheSameResultHoweverGrouped`;
    /// `touchedSession` draws access times freely.)
    static func record(key: SessionKey, version: Version) -> StoreRecord {
        let digest = digest(version)
        if digest % 4 == 0 {
            return .tombstone(Tombstone(key: key, version: version, retainUntil: Int64(digest % 1000)))
        }
        let access = Int64(version.physical) * 1000 + Int64(version.logical) * 100
            + Int64(origins.firstIndex(of: version.origin) ?? 0)
        var attributes = Attributes()
        attributes["v"] = withUnsafeBytes(of: digest) { Array($0) }
        if digest % 3 == 0 { attributes["extra"] = [] }
        return .session(
            Session(
                key: key, created: 0, lastAccessed: access, maxInactiveSeconds: Int32(digest % 3) * 60,
                version: version, attributes: attributes))
    }

    /// One record over the three keys.
    static let anyRecord = zip(Gen.int(in: 0...2), version).map { parts in record(key: keys[parts.0], version: parts.1) }

    /// One record of key `a/1`.
    static let sameKeyRecord = version.map { record(key: keys[0], version: $0) }

    /// A session (never a tombstone) whose access time is free: the same change seen after
    /// different touches on different members.
    static let touchedSession = zip(Gen.int(in: 0...2), version, Gen.int64(in: 0...10_000)).map { parts in
        let base = record(key: keys[parts.0], version: parts.1)
        var session: Session
        switch base {
        case .session(let value): session = value
        case .tombstone(let tombstone):
            session = Session(
                key: tombstone.key, created: 0, lastAccessed: 0, maxInactiveSeconds: 0, version: tombstone.version,
                attributes: Attributes())
        }
        session.lastAccessed = parts.2
        return StoreRecord.session(session)
    }

    /// `records` shuffled, with some of them repeated, by a seeded generator.
    static func reordered(_ records: [StoreRecord], seed: UInt64) -> [StoreRecord] {
        var random = TestRandom(seed: seed)
        var result = records
        let extra = records.isEmpty ? 0 : Int.random(in: 0...records.count, using: &random)
        for _ in 0..<extra { result.append(records.randomElement(using: &random)!) }
        result.shuffle(using: &random)
        return result
    }

    /// A store with `records` applied in order.
    static func store(_ records: [StoreRecord]) -> SessionStore {
        var store = SessionStore()
        for record in records { store.apply(record) }
        return store
    }
}
