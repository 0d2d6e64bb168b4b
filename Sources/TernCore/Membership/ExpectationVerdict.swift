/// The answer to `--expect N`: were at least N other members heard by multicast, and if not, why.
public enum ExpectationVerdict: Sendable, Equatable {
    /// At least the expected number of members were heard by multicast.
    case met(heard: Int)
    /// No member of this domain was heard at all; the other domains heard, if any, may say why.
    case nobodyHeard(otherDomains: [String: UInt64])
    /// Some members were heard, fewer than expected.
    case someMissing(heard: [MemberID], expected: Int)
    /// Enough members, or all heard, came only by unicast (`--peer`): multicast does not reach here.
    case onlyUnicastHeard(unicastOnly: [MemberID], multicastHeard: Int, expected: Int)

    /// Whether the expectation holds.
    public var isMet: Bool {
        if case .met = self { return true }
        return false
    }

    /// `met`, `nobody-heard`, `some-missing` or `only-unicast-heard`.
    public var reason: String {
        switch self {
        case .met: "met"
        case .nobodyHeard: "nobody-heard"
        case .someMissing: "some-missing"
        case .onlyUnicastHeard: "only-unicast-heard"
        }
    }
}

extension MembershipTable {
    /// Judges `--expect expected` on every member heard so far (alive, left or dead): heard by
    /// multicast at least `expected` → met. Otherwise the reason: nobody heard; members heard only
    /// by unicast when multicast heard none of them, or when they would have made the count; else
    /// some missing.
    public func verdict(expecting expected: Int) -> ExpectationVerdict {
        let heard = members.values.sorted {
            $0.firstSeen < $1.firstSeen || ($0.firstSeen == $1.firstSeen && $0.heartbeat.member < $1.heartbeat.member)
        }
        let byMulticast = heard.filter(\.heardByMulticast).count
        if byMulticast >= expected { return .met(heard: byMulticast) }
        if heard.isEmpty { return .nobodyHeard(otherDomains: otherDomains) }
        let unicastOnly = heard.filter { !$0.heardByMulticast }.map(\.heartbeat.member)
        if !unicastOnly.isEmpty && (byMulticast == 0 || heard.count >= expected) {
            return .onlyUnicastHeard(unicastOnly: unicastOnly, multicastHeard: byMulticast, expected: expected)
        }
        return .someMissing(heard: heard.map(\.heartbeat.member), expected: expected)
    }
}
