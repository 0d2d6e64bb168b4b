import TernCore
import TernTestKit
import Testing

@Suite("Anti-entropy schedule: who gets a round, and when")
struct AntiEntropyScheduleTests {
    private static func event(
        _ kind: MembershipEvent.Kind, _ member: MemberID = Samples.memberB, state: MemberState = .ready,
        port: UInt16 = 4000
    ) -> MembershipEvent {
        let heartbeat = Heartbeat(
            domain: "default", member: member, incarnation: 1, sequence: 1, interval: 500, name: "m",
            endpoint: Endpoint(host: "10.0.0.\(member.low % 200 + 1)", port: port), state: state)
        return MembershipEvent(kind, heartbeat: heartbeat, path: .multicast, source: "10.0.0.9:45564", at: 1000)
    }

    private static func endpoint(_ member: MemberID, port: UInt16 = 4000) -> Endpoint {
        Endpoint(host: "10.0.0.\(member.low % 200 + 1)", port: port)
    }

    private static func members(_ actions: [AntiEntropyScheduleAction]) -> [MemberID] {
        actions.map { if case .startRound(let member, _, _) = $0 { member } else { .zero } }
    }

    @Test func aMemberThatComesBackGetsARoundOnceThisNodeIsReady() {
        var schedule = AntiEntropySchedule(interval: 30_000)
        #expect(schedule.onEvent(Self.event(.joined), isTomcat: false).isEmpty, "this node still starts")
        #expect(
            schedule.onReady(now: 0) == [.startRound(Samples.memberB, endpoint: Self.endpoint(Samples.memberB), reason: .cameBack)])
        #expect(schedule.onRoundEnded(Samples.memberB).isEmpty)
        #expect(schedule.onEvent(Self.event(.dead(silentFor: 3000)), isTomcat: false).isEmpty)
        #expect(schedule.members.isEmpty)
        #expect(
            schedule.onEvent(Self.event(.joined), isTomcat: false) == [
                .startRound(Samples.memberB, endpoint: Self.endpoint(Samples.memberB), reason: .cameBack)
            ], "heard again after it was dead")
    }

    @Test func aStartingMemberWaitsUntilItIsReady() {
        var schedule = AntiEntropySchedule(interval: 0)
        _ = schedule.onReady(now: 0)
        #expect(schedule.onEvent(Self.event(.restarted(previousIncarnation: 0), state: .starting), isTomcat: false).isEmpty)
        #expect(
            Self.members(schedule.onEvent(Self.event(.changed([.state(from: .starting, to: .ready)])), isTomcat: false))
                == [Samples.memberB])
        _ = schedule.onRoundEnded(Samples.memberB)
        #expect(schedule.onEvent(Self.event(.changed([.name(from: "m", to: "n")])), isTomcat: false).isEmpty, "nothing new")
        #expect(
            Self.members(schedule.onEvent(Self.event(.changed([]), port: 4001), isTomcat: false)) == [Samples.memberB],
            "a new endpoint")
    }

    @Test func oneRoundAtATimeAndEachWaitingMemberOnce() {
        var schedule = AntiEntropySchedule(interval: 0)
        _ = schedule.onReady(now: 0)
        #expect(Self.members(schedule.onEvent(Self.event(.joined, Samples.memberB), isTomcat: false)) == [Samples.memberB])
        #expect(schedule.onEvent(Self.event(.joined, Samples.memberC), isTomcat: false).isEmpty)
        #expect(schedule.running == Samples.memberB)
        #expect(Self.members(schedule.onRoundEnded(Samples.memberB)) == [Samples.memberC])
        #expect(schedule.onRoundEnded(Samples.memberB).isEmpty, "not the running round")
        #expect(schedule.onRoundEnded(Samples.memberC).isEmpty)
    }

    @Test func periodicRoundsTakeTheReadyMembersInTurn() {
        var schedule = AntiEntropySchedule(interval: 1000)
        _ = schedule.onReady(now: 0)
        for member in [Samples.memberC, Samples.memberB] {
            _ = schedule.onEvent(Self.event(.joined, member), isTomcat: false)
            _ = schedule.onRoundEnded(member)
        }
        _ = schedule.onRoundEnded(Samples.memberB)
        _ = schedule.onRoundEnded(Samples.memberC)
        #expect(schedule.deadline == 1000)
        #expect(schedule.onTimer(now: 999).isEmpty)
        var order: [MemberID] = []
        var now: UnixMillis = 1000
        for _ in 0..<4 {
            let started = Self.members(schedule.onTimer(now: now))
            order += started
            for member in started { _ = schedule.onRoundEnded(member) }
            #expect(schedule.deadline == now + 1000)
            now += 1000
        }
        #expect(order == [Samples.memberB, Samples.memberC, Samples.memberB, Samples.memberC])
    }

    @Test func noPeriodicRoundsWithAnIntervalOfZeroOrAfterStopping() {
        var off = AntiEntropySchedule(interval: 0)
        _ = off.onReady(now: 0)
        _ = off.onEvent(Self.event(.joined), isTomcat: false)
        _ = off.onRoundEnded(Samples.memberB)
        #expect(off.deadline == nil && off.onTimer(now: 1_000_000).isEmpty)

        var stopped = AntiEntropySchedule(interval: 1000)
        _ = stopped.onReady(now: 0)
        stopped.onStop()
        #expect(stopped.deadline == nil)
        #expect(stopped.onEvent(Self.event(.joined), isTomcat: false).isEmpty)
    }

    @Test func membersThatLeaveOrCannotAnswerAreDropped() {
        var schedule = AntiEntropySchedule(interval: 0)
        _ = schedule.onReady(now: 0)
        _ = schedule.onEvent(Self.event(.joined, Samples.memberB), isTomcat: false)
        _ = schedule.onEvent(Self.event(.joined, Samples.memberC), isTomcat: false)
        _ = schedule.onEvent(Self.event(.left, Samples.memberC, state: .leaving), isTomcat: false)
        #expect(schedule.onRoundEnded(Samples.memberB).isEmpty, "the member waiting its turn left")
        #expect(schedule.onEvent(Self.event(.joined, Samples.memberC), isTomcat: true).isEmpty, "Tomcat takes no part")
        var pinger = Self.event(.joined, Samples.memberC)
        pinger.heartbeat.endpoint = nil
        #expect(schedule.onEvent(pinger, isTomcat: false).isEmpty, "no endpoint, nothing to ask")
    }
}
