import TernCore
import TernTestKit
import Testing

@Suite("Async replication queue")
struct AsyncReplicationQueueTests {
    let roomy = ReplicationQueueLimits(maxMessages: 100, maxBytes: 1 << 20)

    func put(
        _ id: String, _ physical: UInt64, lastAccessed: UnixMillis = Samples.epoch, attributes: [String: String] = [:]
    )
        -> ReplicationMessage
    {
        .put(
            Samples.session(
                id, version: Samples.version(physical), lastAccessed: lastAccessed, created: 0, attributes: attributes))
    }

    func delta(_ id: String, _ base: UInt64, _ version: UInt64, set: [String: String] = [:], remove: [String] = [])
        -> SessionDelta
    {
        SessionDelta(
            key: Samples.key(id), base: Samples.version(base), version: Samples.version(version),
            lastAccessed: Samples.epoch + Int64(version), maxInactiveSeconds: 1800,
            set: Attributes(set.map { Attribute(name: $0.key, value: Array($0.value.utf8)) }), remove: remove)
    }

    func touch(_ id: String, _ version: UInt64, at time: UnixMillis) -> SessionTouch {
        SessionTouch(key: Samples.key(id), version: Samples.version(version), lastAccessed: time)
    }

    func expire(_ id: String, _ version: UInt64) -> ReplicationMessage {
        .expire(Tombstone(key: Samples.key(id), version: Samples.version(version), retainUntil: 0))
    }

    func drain(_ queue: inout AsyncReplicationQueue) -> [ReplicationMessage] {
        var messages: [ReplicationMessage] = []
        while let message = queue.nextMessage() { messages.append(message) }
        return messages
    }

    func checkBalance(_ queue: AsyncReplicationQueue) {
        let c = queue.counters
        #expect(c.enqueued == c.coalesced + c.dropped + c.sent + queue.count, "\(c), \(queue.count) queued")
    }

    @Test func keepsFirstInFirstOutOrderAcrossSessions() {
        var queue = AsyncReplicationQueue(limits: roomy)
        let messages = [put("a", 1), put("b", 1), expire("c", 1), put("d", 1)]
        for message in messages { #expect(queue.onEnqueue(message) == .queued) }
        #expect(drain(&queue) == messages)
        #expect(queue.counters.sent == 4)
        checkBalance(queue)
    }

    @Test func aPutAfterADeltaOfTheSameSessionReplacesItInItsPlace() {
        var queue = AsyncReplicationQueue(limits: roomy)
        _ = queue.onEnqueue(.delta(delta("a", 1, 2)))
        _ = queue.onEnqueue(put("b", 1))
        #expect(queue.onEnqueue(put("a", 3)) == .coalesced)
        #expect(drain(&queue) == [put("a", 3), put("b", 1)])
        #expect(queue.counters.coalesced == 1)
        checkBalance(queue)
    }

    @Test func deltasAfterAPutFoldIntoThePut() {
        var queue = AsyncReplicationQueue(limits: roomy)
        _ = queue.onEnqueue(put("a", 1, attributes: ["cart": "1", "user": "ann"]))
        #expect(queue.onEnqueue(.delta(delta("a", 1, 2, set: ["cart": "2"]))) == .coalesced)
        #expect(queue.onEnqueue(.delta(delta("a", 2, 3, remove: ["user"]))) == .coalesced)
        let messages = drain(&queue)
        guard case .put(let session)? = messages.first, messages.count == 1 else {
            Issue.record("expected one put, got \(messages)")
            return
        }
        #expect(session.version == Samples.version(3))
        #expect(session.attributes.names == ["cart"])
        #expect(session.attributes["cart"] == Array("2".utf8))
        #expect(session.lastAccessed == Samples.epoch + 3)
        checkBalance(queue)
    }

    @Test func chainedDeltasBecomeOneDelta() {
        var queue = AsyncReplicationQueue(limits: roomy)
        _ = queue.onEnqueue(.delta(delta("a", 1, 2, set: ["x": "1"])))
        _ = queue.onEnqueue(.delta(delta("a", 2, 3, set: ["y": "2"], remove: ["x"])))
        #expect(drain(&queue) == [.delta(delta("a", 1, 3, set: ["y": "2"], remove: ["x"]))])
    }

    @Test func aDeltaThatDoesNotBuildOnTheQueuedChangeIsAppended() {
        var queue = AsyncReplicationQueue(limits: roomy)
        _ = queue.onEnqueue(put("a", 1))
        #expect(queue.onEnqueue(.delta(delta("a", 5, 6))) == .queued)
        #expect(drain(&queue) == [put("a", 1), .delta(delta("a", 5, 6))])
    }

    @Test func sendingTheOldestOfASessionsEntriesKeepsTheLaterOnesFiled() {
        var queue = AsyncReplicationQueue(limits: roomy)
        // Three entries of one session that do not combine: the put, and deltas on other bases.
        _ = queue.onEnqueue(put("a", 1))
        #expect(queue.onEnqueue(.delta(delta("a", 5, 6))) == .queued)
        #expect(queue.onEnqueue(.delta(delta("a", 8, 9))) == .queued)
        #expect(queue.nextMessage() == put("a", 1))
        // The put replaces both deltas still filed, in the first one's place.
        _ = queue.onEnqueue(put("b", 1))
        #expect(queue.onEnqueue(put("a", 10)) == .coalesced)
        #expect(drain(&queue) == [put("a", 10), put("b", 1)])
        #expect(queue.counters.coalesced == 2)
        checkBalance(queue)
    }

    @Test func anExpireReplacesEverythingQueuedBeforeItOfThatSession() {
        var queue = AsyncReplicationQueue(limits: roomy)
        _ = queue.onEnqueue(put("a", 1))
        _ = queue.onEnqueue(put("b", 1))
        _ = queue.onEnqueue(.delta(delta("a", 5, 6)))  // appended: does not build on 1
        _ = queue.onEnqueue(.touch([touch("a", 6, at: 99)]))
        #expect(queue.onEnqueue(expire("a", 7)) == .coalesced)
        #expect(drain(&queue) == [expire("a", 7), put("b", 1)])
        #expect(queue.counters.coalesced == 3)
        checkBalance(queue)
    }

    @Test func touchesFoldIntoAQueuedChangeOfTheSameVersion() {
        var queue = AsyncReplicationQueue(limits: roomy)
        _ = queue.onEnqueue(put("a", 1, lastAccessed: 10))
        #expect(queue.onEnqueue(.touch([touch("a", 1, at: 50), touch("a", 1, at: 40)])) == .coalesced)
        #expect(drain(&queue) == [put("a", 1, lastAccessed: 50)])
        checkBalance(queue)
    }

    @Test func aTouchOfAnOlderVersionThanTheQueuedOneIsDropped() {
        var queue = AsyncReplicationQueue(limits: roomy)
        _ = queue.onEnqueue(put("a", 5))
        #expect(queue.onEnqueue(.touch([touch("a", 4, at: 99)])) == .coalesced)
        #expect(drain(&queue) == [put("a", 5)])
    }

    @Test func touchesAtTheHeadAreSentAsOneBatch() {
        var queue = AsyncReplicationQueue(limits: roomy)
        _ = queue.onEnqueue(.touch([touch("a", 1, at: 5), touch("b", 1, at: 5)]))
        _ = queue.onEnqueue(.touch([touch("c", 1, at: 5), touch("a", 1, at: 9)]))
        _ = queue.onEnqueue(put("d", 1))
        _ = queue.onEnqueue(.touch([touch("e", 1, at: 5)]))
        #expect(queue.count == 5)
        #expect(
            drain(&queue) == [
                .touch([touch("a", 1, at: 9), touch("b", 1, at: 5), touch("c", 1, at: 5)]), put("d", 1),
                .touch([touch("e", 1, at: 5)]),
            ])
        #expect(queue.counters.sent == 5)
        checkBalance(queue)
    }

    @Test func anIDChangeIsNeverMergedAndStopsMergingAcrossIt() {
        var queue = AsyncReplicationQueue(limits: roomy)
        let change = ReplicationMessage.changeID(
            SessionIDChange(
                key: Samples.key("a"), base: Samples.version(1), newID: "b", version: Samples.version(2), retainUntil: 0
            ))
        _ = queue.onEnqueue(put("a", 1))
        #expect(queue.onEnqueue(change) == .queued)
        #expect(queue.onEnqueue(put("a", 3)) == .queued)
        #expect(queue.onEnqueue(put("b", 4)) == .queued)
        #expect(drain(&queue) == [put("a", 1), change, put("a", 3), put("b", 4)])
    }

    @Test func overflowInMessagesEmptiesTheQueueAndAsksForAResync() {
        var queue = AsyncReplicationQueue(limits: ReplicationQueueLimits(maxMessages: 3, maxBytes: 1 << 20))
        for id in ["a", "b", "c"] { #expect(queue.onEnqueue(put(id, 1)) == .queued) }
        #expect(queue.onEnqueue(put("a", 2)) == .coalesced)  // merging never overflows
        #expect(queue.onEnqueue(put("d", 1)) == .resyncNeeded)
        #expect(queue.needsResync)
        #expect(queue.isEmpty && queue.bytes == 0)
        #expect(queue.onEnqueue(put("e", 1)) == .dropped)
        #expect(queue.nextMessage() == nil)
        #expect(queue.counters.dropped == 5)
        #expect(queue.counters.overflows == 1)
        checkBalance(queue)
        queue.onResyncStarted()
        #expect(queue.onEnqueue(put("f", 1)) == .queued)
        #expect(drain(&queue) == [put("f", 1)])
        checkBalance(queue)
    }

    @Test func overflowInBytesAsksForAResyncButOneLargeMessageFitsAlone() {
        let big = put("big", 1, attributes: ["blob": String(repeating: "x", count: 5000)])
        var queue = AsyncReplicationQueue(limits: ReplicationQueueLimits(maxMessages: 100, maxBytes: 1000))
        #expect(queue.onEnqueue(big) == .queued)
        #expect(queue.bytes > 1000)
        #expect(queue.onEnqueue(put("a", 1)) == .resyncNeeded)
        checkBalance(queue)
    }

    @Test func aTouchBatchThatOverflowsCountsItsRestAsDropped() {
        var queue = AsyncReplicationQueue(limits: ReplicationQueueLimits(maxMessages: 2, maxBytes: 1 << 20))
        let batch = ReplicationMessage.touch((0..<5).map { touch("s\($0)", 1, at: 1) })
        #expect(queue.onEnqueue(batch) == .resyncNeeded)
        #expect(queue.counters.enqueued == 5)
        #expect(queue.counters.dropped == 5)
        checkBalance(queue)
    }

    @Test func aRequiredResyncEmptiesTheQueue() {
        var queue = AsyncReplicationQueue(limits: roomy)
        _ = queue.onEnqueue(put("a", 1))
        queue.onResyncRequired()
        #expect(queue.needsResync && queue.isEmpty)
        #expect(queue.onEnqueue(put("b", 1)) == .dropped)
        checkBalance(queue)
    }

    @Test func aReceiverOfTheCoalescedStreamEndsLikeOneOfTheFullStream() {
        // Random local changes of a few sessions, one writer: the coalesced stream, applied to a
        // store that had the first state, gives the store the full stream gives.
        var coalescedInAll = 0
        for seed: UInt64 in 1...200 {
            var random = TestRandom(seed: seed)
            var sessions: [SessionKey: Session] = [:]
            var stream: [ReplicationMessage] = []
            var step: UInt64 = 1
            for id in ["a", "b", "c"] {
                let session = Samples.session(id, version: Samples.version(step))
                sessions[session.key] = session
                step += 1
            }
            let initial = sessions
            for _ in 0..<30 {
                let key = sessions.keys.sorted().randomElement(using: &random)!
                let current = sessions[key]!
                step += 1
                switch Int.random(in: 0...6, using: &random) {
                case 5:
                    // Expired, then the id is used again by a new session.
                    stream.append(.expire(Tombstone(key: key, version: Samples.version(step), retainUntil: 0)))
                    step += 1
                    let reborn = Samples.session(key.id, version: Samples.version(step), created: 0)
                    stream.append(.put(reborn))
                    sessions[key] = reborn
                case 6:
                    let change = SessionIDChange(
                        key: key, base: current.version, newID: "\(key.id)+\(step)", version: Samples.version(step),
                        retainUntil: 0)
                    stream.append(.changeID(change))
                    sessions[key] = nil
                    sessions[change.newKey] = change.renamed(current)
                case 0:
                    var next = current
                    next.version = Samples.version(step)
                    next.attributes["p"] = [UInt8(step)]
                    stream.append(.put(next))
                    sessions[key] = next
                case 1, 2:
                    let change = delta(
                        key.id, current.version.physical, step, set: ["d\(step % 3)": "\(step)"],
                        remove: step % 2 == 0 ? ["p"] : [])
                    stream.append(.delta(change))
                    sessions[key] = change.applied(to: current)
                default:
                    stream.append(
                        .touch([
                            SessionTouch(key: key, version: current.version, lastAccessed: Samples.epoch + Int64(step))
                        ]))
                    sessions[key]!.lastAccessed = max(current.lastAccessed, Samples.epoch + Int64(step))
                }
            }
            var queue = AsyncReplicationQueue(limits: roomy)
            var full = SessionStore()
            for session in initial.values { full.apply(.session(session)) }
            var coalesced = full
            for message in stream {
                _ = queue.onEnqueue(message)
                full.apply(message)
            }
            for message in drain(&queue) { coalesced.apply(message) }
            #expect(coalesced == full, "seed \(seed)")
            coalescedInAll += queue.counters.coalesced
            checkBalance(queue)
        }
        #expect(coalescedInAll > 2000)
    }
}
