import TernTestKit
import Testing

@testable import TernCore

/// Which heartbeats reach the membership table, with and without keys, and the replay window: a
/// captured heartbeat can neither bring a dead member back nor undo a state change.
@Suite("Heartbeat admission")
struct HeartbeatAdmissionTests {
    static let keyID = ClusterKeyID(0xfeed)
    static let member = MemberID(high: 1, low: 2)

    static func heartbeat(
        incarnation: UnixMillis = 1000, sequence: UInt64?, state: MemberState = .ready, domain: String = "shop"
    ) -> Heartbeat {
        Heartbeat(
            domain: domain, member: member, incarnation: incarnation, sequence: sequence, interval: 500, name: "b",
            state: state)
    }

    /// Feeds `heartbeat` as verified under the key, and says whether it was admitted.
    static func admits(_ admission: inout HeartbeatAdmission, _ heartbeat: Heartbeat, at: UnixMillis) -> Bool {
        admission.onHeartbeat(heartbeat, authenticity: .verified(keyID), source: "10.0.0.7:45564", at: at) == .admit
    }

    @Test func aKeyedMemberAdmitsOnlyVerifiedHeartbeatsAndCountsTheRestByReason() {
        var admission = HeartbeatAdmission(keyed: true, domain: "shop")
        let clock = ManualClock()
        let cases: [(HeartbeatAuthenticity, HeartbeatRejection.Reason?)] = [
            (.unsigned, .unauthenticated), (.unknownKey(ClusterKeyID(9)), .badKey), (.badTag(Self.keyID), .badKey),
            (.verified(Self.keyID), nil),
        ]
        for (sequence, (authenticity, reason)) in cases.enumerated() {
            let decision = admission.onHeartbeat(
                Self.heartbeat(sequence: UInt64(sequence + 1)), authenticity: authenticity, source: "10.0.0.7:45564",
                at: clock.now)
            if let reason {
                guard case .reject(let rejection, let report) = decision else {
                    Issue.record("\(authenticity) admitted")
                    continue
                }
                #expect(rejection.reason == reason)
                #expect(rejection.source == "10.0.0.7:45564")
                #expect(rejection.member == Self.member && rejection.name == "b")
                #expect(rejection.keyID == authenticity.keyID)
                #expect(report == (sequence != 2), "the second bad key from this source is only counted")
            } else {
                #expect(decision == .admit)
            }
        }
        #expect(admission.rejected == [.unauthenticated: 1, .badKey: 2])
        #expect(admission.rejectedTotal == 3)
    }

    @Test func aMemberWithoutKeysAdmitsUnsignedHeartbeatsAndRefusesSignedOnesAsKeyed() {
        var admission = HeartbeatAdmission(keyed: false, domain: "shop")
        #expect(
            admission.onHeartbeat(Self.heartbeat(sequence: 1), authenticity: .unsigned, source: "a:1", at: 0) == .admit)
        let decision = admission.onHeartbeat(
            Self.heartbeat(sequence: 2), authenticity: .unchecked(Self.keyID), source: "a:1", at: 0)
        guard case .reject(let rejection, report: true) = decision else {
            Issue.record("\(decision)")
            return
        }
        #expect(rejection.reason == .keyed && rejection.keyID == Self.keyID)
        #expect(admission.rejected == [.keyed: 1])
    }

    @Test func heartbeatsOfAnotherDomainPassWhateverTheyCarryForTheTableToCount() {
        var keyed = HeartbeatAdmission(keyed: true, domain: "shop")
        var open = HeartbeatAdmission(keyed: false, domain: "shop")
        let bank = Self.heartbeat(sequence: 1, domain: "bank")
        #expect(keyed.onHeartbeat(bank, authenticity: .unknownKey(ClusterKeyID(3)), source: "a:1", at: 0) == .admit)
        #expect(open.onHeartbeat(bank, authenticity: .unchecked(ClusterKeyID(3)), source: "a:1", at: 0) == .admit)
        #expect(keyed.rejectedTotal == 0 && open.rejectedTotal == 0)
    }

    @Test func eachSourceIsReportedOncePerReasonButEveryRejectionCounts() {
        var admission = HeartbeatAdmission(keyed: true, domain: "shop")
        var reports: [String] = []
        for round in 0..<10 {
            for (source, authenticity) in [("a:1", HeartbeatAuthenticity.unsigned), ("b:1", .badTag(Self.keyID))] {
                let decision = admission.onHeartbeat(
                    Self.heartbeat(sequence: UInt64(round + 1)), authenticity: authenticity, source: source, at: 0)
                if case .reject(let rejection, report: true) = decision {
                    reports.append("\(source) \(rejection.reason)")
                }
            }
        }
        #expect(reports == ["a:1 unauthenticated", "b:1 bad key"])
        #expect(admission.rejected == [.unauthenticated: 10, .badKey: 10])
    }

    @Test func reportsStopAtTheLimitWhileCountsGoOn() {
        var admission = HeartbeatAdmission(keyed: true, domain: "shop", maxReports: 3)
        var reported = 0
        for source in 0..<10 {
            let decision = admission.onHeartbeat(
                Self.heartbeat(sequence: 1), authenticity: .unsigned, source: "10.0.0.\(source):1", at: 0)
            if case .reject(_, report: true) = decision { reported += 1 }
        }
        #expect(reported == 3)
        #expect(admission.rejected[.unauthenticated] == 10)
    }

    @Test func aReplayedHeartbeatIsRefusedAndCannotBringADeadMemberBack() {
        var admission = HeartbeatAdmission(keyed: true, domain: "shop")
        var clock = ManualClock()
        var captured: [Heartbeat] = []
        for sequence in 1...20 {
            let heartbeat = Self.heartbeat(sequence: UInt64(sequence))
            #expect(Self.admits(&admission, heartbeat, at: clock.now))
            captured.append(heartbeat)
            clock.advance(by: 500)
        }
        // The member is killed; much later an attacker replays everything it captured.
        clock.advance(seconds: 60)
        for heartbeat in captured { #expect(!Self.admits(&admission, heartbeat, at: clock.now)) }
        #expect(admission.rejected == [.replayed: 20])
        // Its reports: once for the source.
        let decision = admission.onHeartbeat(
            captured[0], authenticity: .verified(Self.keyID), source: "10.0.0.7:45564", at: clock.now)
        #expect(
            decision
                == .reject(
                    HeartbeatRejection(
                        .replayed, source: "10.0.0.7:45564", member: Self.member, name: "b", keyID: Self.keyID,
                        at: clock.now),
                    report: false))
    }

    @Test func aReplayedReadyHeartbeatCannotUndoLeaving() {
        var admission = HeartbeatAdmission(keyed: true, domain: "shop")
        let ready = Self.heartbeat(sequence: 5)
        let leaving = Self.heartbeat(sequence: 6, state: .leaving)
        #expect(Self.admits(&admission, ready, at: 0))
        #expect(Self.admits(&admission, leaving, at: 10))
        #expect(!Self.admits(&admission, ready, at: 20))
    }

    @Test func reorderedHeartbeatsWithinTheWindowPassOnceEach() {
        var admission = HeartbeatAdmission(keyed: true, domain: "shop")
        #expect(Self.admits(&admission, Self.heartbeat(sequence: 10), at: 0))
        #expect(Self.admits(&admission, Self.heartbeat(sequence: 12), at: 1))
        #expect(Self.admits(&admission, Self.heartbeat(sequence: 11), at: 2))
        #expect(!Self.admits(&admission, Self.heartbeat(sequence: 11), at: 3))
        #expect(!Self.admits(&admission, Self.heartbeat(sequence: 12), at: 3))
        #expect(Self.admits(&admission, Self.heartbeat(sequence: 100), at: 4))
        #expect(Self.admits(&admission, Self.heartbeat(sequence: 37), at: 5))
        #expect(!Self.admits(&admission, Self.heartbeat(sequence: 36), at: 5), "older than the 64 newest")
    }

    @Test func aNewIncarnationOpensANewWindowAndTheOldOneIsStale() {
        var admission = HeartbeatAdmission(keyed: true, domain: "shop")
        #expect(Self.admits(&admission, Self.heartbeat(incarnation: 1000, sequence: 500), at: 0))
        #expect(Self.admits(&admission, Self.heartbeat(incarnation: 2000, sequence: 1), at: 1))
        #expect(!Self.admits(&admission, Self.heartbeat(incarnation: 1000, sequence: 501), at: 2))
        #expect(Self.admits(&admission, Self.heartbeat(incarnation: 2000, sequence: 2), at: 3))
    }

    @Test func anUnnumberedSignedHeartbeatCannotBeToldFromAReplay() {
        var admission = HeartbeatAdmission(keyed: true, domain: "shop")
        #expect(!Self.admits(&admission, Self.heartbeat(sequence: nil), at: 0))
        #expect(admission.rejected == [.replayed: 1])
    }

    @Test func aRejectionSaysWhyFromWhereAndTheClaimedNameEscaped() {
        let member = MemberID(high: 0x3f2a_9c1e_0000_0000, low: 1)
        let bad = HeartbeatRejection(
            .badKey, source: "10.0.0.7:51091", member: member, name: "b\n", keyID: ClusterKeyID(0x19d4_b4f7_3cdc_d9e6),
            at: 0)
        #expect(bad.description == #"bad key from 10.0.0.7:51091 (member 3f2a9c1e, "b\n", key 19d4b4f73cdcd9e6)"#)
        let unsigned = HeartbeatRejection(.unauthenticated, source: "a:1", member: member, name: "", keyID: nil, at: 0)
        #expect(unsigned.description == #"unauthenticated from a:1 (member 3f2a9c1e, "")"#)
        let keyed = HeartbeatRejection(.keyed, source: "a:1", member: member, name: "k", keyID: ClusterKeyID(1), at: 0)
        #expect(keyed.description.hasPrefix("keyed (this member has no --key-file) from a:1 "))
    }

    @Test func whenFullTheLeastRecentlyHeardMemberIsForgotten() {
        var admission = HeartbeatAdmission(keyed: true, domain: "shop", maxMembers: 2)
        func heartbeat(_ low: UInt64, _ sequence: UInt64) -> Heartbeat {
            var heartbeat = Self.heartbeat(sequence: sequence)
            heartbeat.member = MemberID(high: 0, low: low)
            return heartbeat
        }
        #expect(Self.admits(&admission, heartbeat(1, 5), at: 0))
        #expect(Self.admits(&admission, heartbeat(2, 5), at: 10))
        #expect(Self.admits(&admission, heartbeat(1, 6), at: 20))
        #expect(Self.admits(&admission, heartbeat(3, 5), at: 30))  // forgets member 2, heard last at 10
        #expect(!Self.admits(&admission, heartbeat(1, 6), at: 40))
        #expect(Self.admits(&admission, heartbeat(2, 5), at: 50))  // a new window: member 2 was forgotten
    }
}
