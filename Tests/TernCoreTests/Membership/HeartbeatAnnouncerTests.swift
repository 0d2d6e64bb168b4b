import TernCore
import TernTestKit
import Testing

@Suite("HeartbeatAnnouncer: numbering, schedule, leaving three times")
struct HeartbeatAnnouncerTests {
    static let template = Heartbeat(
        domain: "shop", member: Samples.memberA, incarnation: 42, sequence: 99, interval: 500, name: "a")

    @Test func heartbeatsAreNumberedFromOneOnAFixedPhase() {
        var clock = ManualClock()
        var announcer = HeartbeatAnnouncer(Self.template)
        let start = clock.now
        #expect(announcer.onStart(at: start).sequence == 1)
        #expect(announcer.nextSend == start + 500)
        clock.advance(by: 499)
        #expect(announcer.onTimer(at: clock.now) == nil)
        clock.advance(by: 31)  // a late timer
        #expect(announcer.onTimer(at: clock.now)?.sequence == 2)
        #expect(announcer.nextSend == start + 1000)  // the phase is kept
        #expect(announcer.onTimer(at: clock.now) == nil)
    }

    @Test func missedSlotsAreSkippedNotBurst() {
        var announcer = HeartbeatAnnouncer(Self.template)
        let start = ManualClock().now
        _ = announcer.onStart(at: start)
        // Suspended for 2.2 s: one heartbeat now, the next on the original phase.
        #expect(announcer.onTimer(at: start + 2200)?.sequence == 2)
        #expect(announcer.onTimer(at: start + 2200) == nil)
        #expect(announcer.nextSend == start + 2500)
    }

    @Test func leavingIsSentThreeTimesTenMillisecondsApartAndStopsTheSchedule() {
        var announcer = HeartbeatAnnouncer(Self.template)
        let start = ManualClock().now
        _ = announcer.onStart(at: start)
        _ = announcer.onTimer(at: start + 500)
        let leaving = announcer.onLeave(at: start + 700)
        #expect(leaving.map(\.heartbeat.sequence) == [3, 4, 5])
        #expect(leaving.map(\.heartbeat.state) == [.leaving, .leaving, .leaving])
        #expect(leaving.map(\.at) == [start + 700, start + 710, start + 720])
        #expect(announcer.nextSend == nil)
        #expect(announcer.onTimer(at: start + 5000) == nil)
    }

    @Test func stateAndEndpointUpdatesGoOutWithTheNextHeartbeat() {
        var announcer = HeartbeatAnnouncer(Self.template)
        let start = ManualClock().now
        #expect(announcer.onStart(at: start).state == .ready)
        announcer.update(state: .starting)
        announcer.update(endpoint: Endpoint(host: "", port: 4000))
        let next = announcer.onTimer(at: start + 500)
        #expect(next?.state == .starting)
        #expect(next?.endpoint == Endpoint(host: "", port: 4000))
        #expect(next?.incarnation == 42)
        #expect(next?.name == "a")
    }

    @Test func aStateChangeGoesOutAtOnceAndKeepsThePhase() {
        var announcer = HeartbeatAnnouncer(Self.template)
        #expect(announcer.onStateChange(.starting, at: 0) == nil, "not started: nothing to send")
        let start = ManualClock().now
        _ = announcer.onStart(at: start)
        let ready = announcer.onStateChange(.ready, at: start + 120)
        #expect(ready?.state == .ready && ready?.sequence == 2)
        #expect(announcer.nextSend == start + 500)
        #expect(announcer.onStateChange(.ready, at: start + 130) == nil, "unchanged: nothing to send")
        #expect(announcer.onTimer(at: start + 500)?.state == .ready)
        #expect(announcer.onStateChange(.leaving, at: start + 600)?.state == .leaving)
        #expect(announcer.onStateChange(.ready, at: start + 700) == nil, "leaving is final")
    }
}
