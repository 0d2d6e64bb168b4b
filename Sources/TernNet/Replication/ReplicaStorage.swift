import TernCore

/// What a `ReplicaStore` applies replication to, serves state from, and asks before applying a live
/// message: tern-recv's plain `SessionStore` (`SessionStoreStorage`), or a node's sessions, which keep
/// their expiry schedule and counts exact and hold live messages while the node starts.
///
/// Called on the store's event loop only. A class, so the owner of the storage (a node) and the store
/// share it on that loop.
public protocol ReplicaStorage: AnyObject {
    /// Records held (sessions and tombstones).
    var count: Int { get }
    /// Whether state requests and subscriptions are answered now (false: "not ready" at once).
    var servesState: Bool { get }
    /// Whether live messages pass through `admit` (a storage that never holds says no, and costs
    /// nothing per message).
    var gatesLiveMessages: Bool { get }
    /// Applies a live replication message.
    func apply(_ message: ReplicationMessage) -> ReplicationOutcome
    /// Applies a record of a snapshot or a state transfer, newest wins.
    func apply(_ record: StoreRecord)
    /// The records and version vector now: what a state transfer or a snapshot is made from.
    func cut() -> StoreCut
    /// The store itself, for anti-entropy: its digest, its entries in some buckets, the records of
    /// some keys (read on the store's loop, and not kept).
    var sessionStore: SessionStore { get }
    /// A live message arrived (`gatesLiveMessages` only): true to apply it now; false when the
    /// storage holds it. A held message is acknowledged at once; the storage hands held messages back,
    /// in arrival order, with `store.releaseHeld(_:)`, possibly before returning.
    func admit(_ message: ReplicationMessage, store: ReplicaStore) -> Bool
}

extension ReplicaStorage {
    /// Always.
    public var servesState: Bool { true }
    /// No.
    public var gatesLiveMessages: Bool { false }
    /// Apply at once.
    public func admit(_ message: ReplicationMessage, store: ReplicaStore) -> Bool { true }
}

/// tern-recv's storage: a `SessionStore`, every live message applied as it comes.
public final class SessionStoreStorage: ReplicaStorage {
    /// The store.
    public private(set) var store = SessionStore()
    /// The most live sessions a context holds (`--max-sessions`): puts of new sessions beyond it
    /// are refused (nack "too large"). `Int.max`: no bound.
    public let maxSessionsPerContext: Int

    /// An empty store bounded to `maxSessionsPerContext` sessions per context.
    public init(maxSessionsPerContext: Int = .max) {
        self.maxSessionsPerContext = maxSessionsPerContext
    }

    /// Records held.
    public var count: Int { store.count }

    /// Applies a live message.
    public func apply(_ message: ReplicationMessage) -> ReplicationOutcome {
        store.apply(message, maxSessionsPerContext: maxSessionsPerContext)
    }

    /// Applies a record, newest wins.
    public func apply(_ record: StoreRecord) {
        _ = store.apply(record)
    }

    /// The records and vector now.
    public func cut() -> StoreCut {
        StoreCut(records: store.records, vector: store.versionVector())
    }

    /// The store.
    public var sessionStore: SessionStore { store }
}
