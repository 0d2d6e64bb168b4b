import TernCore

/// Small, readable sample values for tests: members, versions, sessions and tombstones.
public enum Samples {
    /// Member A: `00…01`.
    public static let memberA = MemberID(high: 0, low: 1)
    /// Member B: `00…02`.
    public static let memberB = MemberID(high: 0, low: 2)
    /// Member C: high bit set, so it sorts after A and B.
    public static let memberC = MemberID(high: 0x8000_0000_0000_0000, low: 0)

    /// 2026-01-01T00:00:00Z.
    public static let epoch: UnixMillis = 1_767_225_600_000

    /// A version at `physical` ms (relative to nothing: tests pick small numbers).
    public static func version(_ physical: UInt64, _ logical: UInt32 = 0, origin: MemberID = memberA) -> Version {
        Version(physical: physical, logical: logical, origin: origin)
    }

    /// The key `context/id`.
    public static func key(_ id: String, context: String = "shop") -> SessionKey {
        SessionKey(context: context, id: id)
    }

    /// A session record with the given attributes (name → UTF-8 text), 30 minutes max inactive.
    public static func session(
        _ id: String, context: String = "shop", version: Version, lastAccessed: UnixMillis = epoch,
        created: UnixMillis? = nil, maxInactiveSeconds: Int32 = 1800, attributes: [String: String] = [:]
    ) -> Session {
        Session(
            key: key(id, context: context), created: created ?? lastAccessed, lastAccessed: lastAccessed,
            maxInactiveSeconds: maxInactiveSeconds, version: version,
            attributes: Attributes(attributes.map { Attribute(name: $0.key, value: Array($0.value.utf8)) }))
    }

    /// A session store record (see `session`).
    public static func sessionRecord(
        _ id: String, context: String = "shop", version: Version, lastAccessed: UnixMillis = epoch,
        attributes: [String: String] = [:]
    ) -> StoreRecord {
        .session(session(id, context: context, version: version, lastAccessed: lastAccessed, attributes: attributes))
    }

    /// A tombstone record retained one hour past `epoch` unless told otherwise.
    public static func tombstone(
        _ id: String, context: String = "shop", version: Version, retainUntil: UnixMillis = epoch + 3_600_000
    ) -> StoreRecord {
        .tombstone(Tombstone(key: key(id, context: context), version: version, retainUntil: retainUntil))
    }
}
