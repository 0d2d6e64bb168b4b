import PropertyBased
import TernCore
import TernTestKit
import Testing

/// The convergence claims of docs/MODEL.md, "Replication messages".
@Suite("Convergence of replication messages")
struct ReplicationConvergencePropertyTests {
    /// Delivers the history's messages to an empty store in a random order with random duplicates;
    /// each "needs full session" answer is met by the sender's put, delivered at a random later
    /// point; a touch is held back until the store holds its version or a newer one.
    static func deliverWithRepair(_ history: ReplicationHistory, seed: UInt64) -> SessionStore {
        var random = TestRandom(seed: seed)
        var pending = history.changes.map { ($0.message, $0.repair) }
        for _ in 0..<Int.random(in: 0...pending.count, using: &random) {
            pending.append(pending.randomElement(using: &random)!)
        }
        var store = SessionStore()
        while !pending.isEmpty {
            let deliverable = pending.indices.filter { touchesAreDue(pending[$0].0, in: store) }
            let index = deliverable.randomElement(using: &random)!
            let (message, repair) = pending.remove(at: index)
            if case .needsFullSession = store.apply(message), let repair {
                pending.insert((repair, nil), at: Int.random(in: 0...pending.count, using: &random))
            }
        }
        return store
    }

    /// Whether every touch of `message` is for a version the store holds, or an older one.
    static func touchesAreDue(_ message: ReplicationMessage, in store: SessionStore) -> Bool {
        guard case .touch(let touches) = message else { return true }
        return touches.allSatisfy { touch in store[touch.key].map { $0.version >= touch.version } ?? false }
    }

    @Test func anyOrderAndDuplicationWithTheRepairLoopEndsInTheSameStore() async {
        await propertyCheck(count: 400, input: Gen.uint64(), Gen.int(in: 1...24), Gen.uint64()) { seed, steps, order in
            let history = ReplicationHistory(seed: seed, steps: steps)
            let store = Self.deliverWithRepair(history, seed: order)
            #expect(store == history.expectedStore, "history seed \(seed), \(steps) steps, order seed \(order)")
        }
    }

    @Test func twoReceiversWithDifferentOrdersAgree() async {
        await propertyCheck(count: 300, input: Gen.uint64(), Gen.uint64(), Gen.uint64()) { seed, first, second in
            let history = ReplicationHistory(seed: seed, steps: 20)
            #expect(Self.deliverWithRepair(history, seed: first) == Self.deliverWithRepair(history, seed: second))
        }
    }

    @Test func causalDeliveryOfLinearHistoriesNeverNeedsTheFullSession() async {
        await propertyCheck(count: 400, input: Gen.uint64(), Gen.int(in: 1...24), Gen.uint64()) { seed, steps, order in
            let history = ReplicationHistory(seed: seed, steps: steps, linear: true)
            var random = TestRandom(seed: order)
            var delivered = Set<Int>()
            var pending = Array(history.changes.indices)
            var store = SessionStore()
            while !pending.isEmpty {
                let ready = pending.indices.filter { position in
                    let change = history.changes[pending[position]]
                    return change.parent.map(delivered.contains) ?? true
                        && Self.touchesAreDue(change.message, in: store)
                }
                let position = ready.randomElement(using: &random)!
                let index = pending.remove(at: position)
                let outcome = store.apply(history.changes[index].message)
                #expect(outcome.isAcknowledged, "\(history.changes[index].message) gave \(outcome)")
                delivered.insert(index)
                if Int.random(in: 0...3, using: &random) == 0 { pending.append(index) }  // a duplicate, later
            }
            #expect(store == history.expectedStore, "history seed \(seed), \(steps) steps, order seed \(order)")
        }
    }

    @Test func theHistoriesExerciseEveryKindAndTheRepairLoop() {
        // Guards the properties above against a generator that stopped producing hard cases.
        var kinds = Set<String>()
        var repairs = 0
        var rejectedTouches = 0
        for seed: UInt64 in 0..<200 {
            let history = ReplicationHistory(seed: seed, steps: 20)
            kinds.formUnion(history.changes.map(\.message.kindName))
            var store = SessionStore()
            for change in history.changes.reversed() {
                switch store.apply(change.message) {
                case .needsFullSession: repairs += 1
                case .touched(let tally): rejectedTouches += tally.ignored
                default: break
                }
            }
        }
        #expect(kinds == ["put", "delta", "touch", "expire", "change-id"])
        #expect(repairs > 200)
        #expect(rejectedTouches > 50)
    }

    @Test func aTouchBeforeItsVersionIsLost() {
        // Why touches are held back in the properties above: they are not repaired.
        let version = Samples.version(100)
        var early = SessionStore()
        early.apply(
            .touch([SessionTouch(key: Samples.key("s"), version: version, lastAccessed: Samples.epoch + 60_000)]))
        early.apply(.put(Samples.session("s", version: version)))
        var late = SessionStore()
        late.apply(.put(Samples.session("s", version: version)))
        late.apply(
            .touch([SessionTouch(key: Samples.key("s"), version: version, lastAccessed: Samples.epoch + 60_000)]))
        #expect(early[Samples.key("s")]?.session?.lastAccessed == Samples.epoch)
        #expect(late[Samples.key("s")]?.session?.lastAccessed == Samples.epoch + 60_000)
    }
}
