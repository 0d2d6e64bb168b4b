import TernCore
import TernTestKit

/// A random history of changes to a few sessions, as members would make them, and the replication
/// messages it produces: the input of the convergence properties of docs/MODEL.md ("Replication
/// messages").
///
/// Each step derives a change from an earlier session state (a node of the history): a delta, an
/// expiry, an id change, a touch, or another copy of a state (a put, with a later access time).
/// Changes may branch (two changes of one base, as concurrent writers make), unless `linear`.
/// Every change gets a version newer than its base and different from every other version.
struct ReplicationHistory {
    /// A message and the records it stands for: what a store holds once it has applied it.
    struct Change {
        /// The message a member sends.
        var message: ReplicationMessage
        /// The records the message stands for (two for an id change).
        var records: [StoreRecord]
        /// What the sender answers to "needs full session": the session the message produces.
        var repair: ReplicationMessage?
        /// The index of the change that produced this change's base, if any.
        var parent: Int?
    }

    /// Every change, in the order it was made.
    private(set) var changes: [Change] = []

    private static let ids = ["s1", "s2", "s3", "s4"]
    private static let origins = [Samples.memberA, Samples.memberB, Samples.memberC]

    /// Builds a history of `steps` changes from `seed`; with `linear`, each session state has at
    /// most one successor, so every key's versions form one chain.
    init(seed: UInt64, steps: Int, linear: Bool = false) {
        var random = TestRandom(seed: seed)
        // Session states a change can build on: (session, the change that made it).
        var states: [(session: Session, change: Int)] = []
        var usedKeys: Set<SessionKey> = []
        for step in 0..<steps {
            let choice = states.isEmpty ? 0 : Int.random(in: 0...9, using: &random)
            if choice == 0 {
                let unused = Self.ids.map { SessionKey(context: "app", id: $0) }.filter { !usedKeys.contains($0) }
                guard
                    let key =
                        (linear
                            ? unused.randomElement(using: &random)
                            : Self.ids.randomElement(using: &random).map { SessionKey(context: "app", id: $0) })
                else { continue }
                let version = Self.version(after: nil, step: step, using: &random)
                let session = Session(
                    key: key, created: Int64(version.physical), lastAccessed: Int64(version.physical),
                    maxInactiveSeconds: 1800, version: version,
                    attributes: Attributes([Attribute(name: "n", value: [UInt8(step)])]))
                usedKeys.insert(key)
                append(.put(session), records: [.session(session)], repair: nil, parent: nil)
                states.append((session, changes.count - 1))
                continue
            }
            let pick = Int.random(in: 0..<states.count, using: &random)
            let (base, parent) = states[pick]
            let version = Self.version(after: base.version, step: step, using: &random)
            switch choice {
            case 1...4:
                var set = Attributes()
                if Bool.random(using: &random) { set[["a", "b", "n"].randomElement(using: &random)!] = [UInt8(step)] }
                let remove = base.attributes.names.filter {
                    set[$0] == nil && Int.random(in: 0...2, using: &random) == 0
                }
                let delta = SessionDelta(
                    key: base.key, base: base.version, version: version,
                    lastAccessed: Int64(version.physical) + Int64.random(in: 0...3, using: &random),
                    maxInactiveSeconds: Int32.random(in: 0...2, using: &random) * 900, set: set, remove: remove)
                let result = delta.applied(to: base)
                append(.delta(delta), records: [.session(result)], repair: .put(result), parent: parent)
                if linear { states.remove(at: pick) }
                states.append((result, changes.count - 1))
            case 5:
                let tombstone = Tombstone(key: base.key, version: version, retainUntil: Int64(step))
                append(.expire(tombstone), records: [.tombstone(tombstone)], repair: nil, parent: parent)
                if linear { states.remove(at: pick) }
            case 6:
                let fresh = Self.ids.filter { !$0.utf8Equals(base.key.id) }
                    .map { SessionKey(context: "app", id: $0) }
                    .filter { !linear || !usedKeys.contains($0) }
                guard let newKey = fresh.randomElement(using: &random) else { continue }
                let change = SessionIDChange(
                    key: base.key, base: base.version, newID: newKey.id, version: version, retainUntil: Int64(step))
                let renamed = change.renamed(base)
                usedKeys.insert(newKey)
                append(
                    .changeID(change), records: [.tombstone(change.oldKeyTombstone), .session(renamed)],
                    repair: .put(renamed), parent: parent)
                if linear { states.remove(at: pick) }
                states.append((renamed, changes.count - 1))
            case 7, 8:
                let touches = (0..<Int.random(in: 1...2, using: &random)).map { _ in
                    let (session, _) = states.randomElement(using: &random)!
                    return SessionTouch(
                        key: session.key, version: session.version,
                        lastAccessed: session.lastAccessed + Int64.random(in: -2...20, using: &random))
                }
                append(.touch(touches), records: [], repair: nil, parent: nil)
            default:
                var copy = base
                copy.lastAccessed += Int64.random(in: 0...5, using: &random)
                append(.put(copy), records: [.session(copy)], repair: nil, parent: nil)
            }
        }
    }

    private mutating func append(
        _ message: ReplicationMessage, records: [StoreRecord], repair: ReplicationMessage?, parent: Int?
    ) {
        changes.append(Change(message: message, records: records, repair: repair, parent: parent))
    }

    /// A version newer than `base`, unique in the history: the step number is the logical part.
    private static func version(after base: Version?, step: Int, using random: inout TestRandom) -> Version {
        let physical = (base?.physical ?? 1000) + UInt64.random(in: 0...3, using: &random)
        return Version(physical: physical, logical: UInt32(step) + 1, origin: origins.randomElement(using: &random)!)
    }

    /// The store every receiver must end with: the newest-wins fold of every change's records, then
    /// each touch of a version that won.
    var expectedStore: SessionStore {
        var store = SessionStore()
        for change in changes {
            for record in change.records { store.apply(record) }
        }
        for case .touch(let touches) in changes.map(\.message) {
            for touch in touches where store[touch.key]?.session?.version == touch.version {
                store.touch(touch.key, at: touch.lastAccessed)
            }
        }
        return store
    }
}
