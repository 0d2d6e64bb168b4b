import TernCore
import TernTestKit
import Testing

@Suite("Bootstrap machine")
struct BootstrapMachineTests {
    let peer = Endpoint(host: "10.0.0.7", port: 4000)
    let limits = ReplicationQueueLimits(maxMessages: 3, maxBytes: 1 << 20)

    func put(_ id: String, _ physical: UInt64) -> ReplicationMessage {
        .put(Samples.session(id, version: Samples.version(physical)))
    }

    @Test func liveMessagesWaitForTheTransferAndAreAppliedAfterItsRecords() {
        var clock = ManualClock()
        var machine = BootstrapMachine(peer: peer, now: clock.now, timeout: 60_000, limits: limits)
        #expect(machine.state == .transferring)
        #expect(machine.onLiveMessage(put("a", 9)) == .hold)
        clock.advance(seconds: 1)
        let accepted = machine.onRecords(500, now: clock.now)
        #expect(accepted)
        #expect(machine.onLiveMessage(put("b", 9)) == .hold)
        #expect(machine.queuedCount == 2)
        #expect(machine.onTransferEnd(announcedCount: 500, now: clock.now) == .applyQueued([put("a", 9), put("b", 9)]))
        #expect(machine.state == .applyingQueued)
        #expect(machine.onLiveMessage(put("c", 9)) == .hold)  // arrived while the shell was applying
        #expect(machine.onQueuedApplied() == .applyQueued([put("c", 9)]))
        #expect(machine.onQueuedApplied() == .finished(.completed(peer: peer, records: 500, queuedApplied: 3)))
        #expect(machine.state == .live)
        #expect(machine.onLiveMessage(put("d", 9)) == .apply(put("d", 9)))
        #expect(machine.deadline == nil)
    }

    @Test func aTransferWithNothingQueuedFinishesAtItsEnd() {
        var machine = BootstrapMachine(peer: peer, now: 0, timeout: 100, limits: limits)
        #expect(
            machine.onTransferEnd(announcedCount: 0, now: 5)
                == .finished(.completed(peer: peer, records: 0, queuedApplied: 0)))
    }

    @Test func silenceForTheTimeoutAbandonsTheTransferNamingThePeer() {
        var clock = ManualClock(start: 0)
        var machine = BootstrapMachine(peer: peer, now: clock.now, timeout: 60_000, limits: limits)
        #expect(machine.deadline == 60_000)
        clock.advance(seconds: 50)
        machine.onRecords(10, now: clock.now)
        #expect(machine.deadline == 110_000)  // progress extends the deadline
        _ = machine.onLiveMessage(put("a", 1))
        #expect(machine.onTimer(now: 109_999) == nil)
        let verdict = BootstrapVerdict.timedOut(peer: peer, records: 10, silentFor: 60_000)
        #expect(machine.onTimer(now: 110_000) == .abandoned(verdict, queued: [put("a", 1)]))
        #expect(machine.state == .timedOut)
        #expect(verdict.description.contains("10.0.0.7:4000"))
        let late = machine.onRecords(5, now: 110_001)
        #expect(!late)
        #expect(machine.onTransferEnd(announcedCount: 15, now: 110_001) == nil)
        #expect(machine.onLiveMessage(put("b", 1)) == .apply(put("b", 1)))
    }

    @Test func overflowingTheQueueFailsTheBootstrap() {
        var machine = BootstrapMachine(peer: peer, now: 0, timeout: 60_000, limits: limits)
        for id in ["a", "b", "c"] { #expect(machine.onLiveMessage(put(id, 1)) == .hold) }
        let action = machine.onLiveMessage(put("d", 1))
        #expect(
            action
                == .abandoned(
                    .failed(peer: peer, .queueOverflow(limits)), queued: ["a", "b", "c", "d"].map { put($0, 1) }))
        #expect(machine.state == .failed)
        #expect(machine.onTimer(now: 1_000_000) == nil)
    }

    @Test func aCountThatDisagreesWithTheRecordsFailsTheBootstrap() {
        var machine = BootstrapMachine(peer: peer, now: 0, timeout: 60_000, limits: limits)
        machine.onRecords(7, now: 1)
        #expect(
            machine.onTransferEnd(announcedCount: 8, now: 2)
                == .abandoned(.failed(peer: peer, .countMismatch(announced: 8, received: 7)), queued: []))
    }

    @Test func aTransferFailureSeenByTheShellIsReportedInItsWords() {
        var machine = BootstrapMachine(peer: peer, now: 0, timeout: 60_000, limits: limits)
        let action = machine.onTransferFailed("connection refused")
        #expect(action == .abandoned(.failed(peer: peer, .transfer("connection refused")), queued: []))
        #expect(
            BootstrapVerdict.failed(peer: peer, .transfer("connection refused")).description
                == "state transfer from 10.0.0.7:4000 failed: connection refused")
        #expect(machine.onTransferFailed("again") == nil)
    }

    @Test func aStoreBootstrappedWhileLiveChangesArriveLosesNothing() {
        // The peer's state, and live changes (some newer than it, some older) arriving during the
        // transfer: applying as the machine directs gives what applying everything would.
        var random = TestRandom(seed: 3)
        var source = SessionStore()
        for index in 0..<200 {
            source.apply(.session(Samples.session("s\(index)", version: Samples.version(UInt64(index % 17 + 1)))))
        }
        let live: [ReplicationMessage] = (0..<60).map { _ in
            put("s\(Int.random(in: 0..<250, using: &random))", UInt64.random(in: 1...30, using: &random))
        }
        var everything = source
        for message in live { everything.apply(message) }

        var store = SessionStore()
        var machine = BootstrapMachine(
            peer: peer, now: 0, timeout: 1000, limits: ReplicationQueueLimits(maxMessages: 100, maxBytes: 1 << 20))
        var records = source.sortedRecords()[...]
        var pendingLive = live[...]
        var now: UnixMillis = 0
        while !records.isEmpty || !pendingLive.isEmpty {
            now += 1
            if !records.isEmpty && (pendingLive.isEmpty || Bool.random(using: &random)) {
                let chunk = records.prefix(Int.random(in: 1...20, using: &random))
                records = records.dropFirst(chunk.count)
                for record in chunk { store.apply(record) }
                machine.onRecords(chunk.count, now: now)
            } else if let message = pendingLive.popFirst() {
                switch machine.onLiveMessage(message) {
                case .hold: break
                case .apply(let message): store.apply(message)
                case let other: Issue.record("unexpected \(other)")
                }
            }
            if records.isEmpty, machine.state == .transferring {
                var action = machine.onTransferEnd(announcedCount: source.count, now: now)
                while case .applyQueued(let batch)? = action {
                    for message in batch { store.apply(message) }
                    action = machine.onQueuedApplied()
                }
                #expect(action.map { if case .finished = $0 { true } else { false } } == true)
            }
        }
        #expect(machine.state == .live)
        #expect(store == everything)
    }
}
