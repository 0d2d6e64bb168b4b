import TernCore
import TernTestKit
import Testing

@Suite("ExpectationVerdict: --expect N and its reasons")
struct ExpectationVerdictTests {
    static let members = (1...4).map { MemberID(high: 7, low: UInt64($0)) }

    static func harness(multicast: Int, unicastOnly: Int) -> MembershipHarness {
        var harness = MembershipHarness()
        for member in members.prefix(multicast) {
            harness.receive(MembershipHarness.heartbeat(member, sequence: 1))
            harness.receive(MembershipHarness.heartbeat(member, sequence: 2), path: .unicast)
        }
        for member in members.dropFirst(multicast).prefix(unicastOnly) {
            harness.receive(MembershipHarness.heartbeat(member, sequence: 1), path: .unicast)
        }
        return harness
    }

    @Test func enoughMembersByMulticastIsMet() {
        #expect(Self.harness(multicast: 3, unicastOnly: 0).table.verdict(expecting: 3) == .met(heard: 3))
        #expect(Self.harness(multicast: 4, unicastOnly: 0).table.verdict(expecting: 3).isMet)
        #expect(Self.harness(multicast: 0, unicastOnly: 0).table.verdict(expecting: 0).isMet)
    }

    @Test func membersThatLeftOrDiedStillCountAsHeard() {
        var harness = Self.harness(multicast: 2, unicastOnly: 0)
        harness.tick(after: 10_000)
        #expect(harness.table.verdict(expecting: 2) == .met(heard: 2))
    }

    @Test func nobodyHeardNamesTheOtherDomainsHeard() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, domain: "bank"))
        let verdict = harness.table.verdict(expecting: 1)
        #expect(verdict == .nobodyHeard(otherDomains: ["bank": 1]))
        #expect(verdict.reason == "nobody-heard")
    }

    @Test func fewerThanExpectedIsSomeMissing() {
        let verdict = Self.harness(multicast: 2, unicastOnly: 0).table.verdict(expecting: 3)
        #expect(verdict == .someMissing(heard: Array(Self.members.prefix(2)), expected: 3))
        #expect(verdict.reason == "some-missing")
    }

    @Test func enoughOnlyWithUnicastIsOnlyUnicastHeard() {
        let verdict = Self.harness(multicast: 1, unicastOnly: 2).table.verdict(expecting: 3)
        #expect(verdict == .onlyUnicastHeard(unicastOnly: Array(Self.members[1...2]), multicastHeard: 1, expected: 3))
        #expect(verdict.reason == "only-unicast-heard")
    }

    @Test func nothingByMulticastButSomethingByUnicastIsOnlyUnicastHeard() {
        let verdict = Self.harness(multicast: 0, unicastOnly: 1).table.verdict(expecting: 3)
        #expect(verdict == .onlyUnicastHeard(unicastOnly: [Self.members[0]], multicastHeard: 0, expected: 3))
    }

    @Test func shortEvenWithUnicastAndSomeMulticastIsSomeMissing() {
        let verdict = Self.harness(multicast: 1, unicastOnly: 1).table.verdict(expecting: 3)
        #expect(verdict.reason == "some-missing")
    }
}
