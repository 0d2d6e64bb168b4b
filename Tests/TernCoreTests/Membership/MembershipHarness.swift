import TernCore
import TernTestKit

/// A membership table driven by a manual clock, with a short way to feed it heartbeats of a member.
struct MembershipHarness {
    var clock = ManualClock()
    var table: MembershipTable
    static let domain = "shop"
    static let local = MemberID(high: 0xAAAA, low: 1)

    /// A table in domain `shop`, drop time 3 s, this member `local`, listening since the clock's start.
    init(dropTime: Int64 = 3000) {
        table = MembershipTable(
            configuration: MembershipConfiguration(
                domain: Self.domain, dropTime: dropTime, localMember: Self.local, localIncarnation: 1,
                startedAt: ManualClock().now))
    }

    /// A heartbeat of `member` (ready, interval 500, incarnation 100 unless told otherwise).
    static func heartbeat(
        _ member: MemberID, sequence: UInt64?, incarnation: UnixMillis = 100, state: MemberState = .ready,
        domain: String = domain, endpoint: Endpoint? = Endpoint(host: "10.0.0.2", port: 4000), interval: Int64 = 500
    ) -> Heartbeat {
        Heartbeat(
            domain: domain, member: member, incarnation: incarnation, sequence: sequence, interval: interval,
            name: "n\(member.low)", endpoint: endpoint, state: state)
    }

    /// Feeds `heartbeat` at the current time and returns the update.
    @discardableResult
    mutating func receive(_ heartbeat: Heartbeat, path: HeartbeatPath = .multicast) -> MembershipUpdate {
        table.onHeartbeat(ReceivedHeartbeat(heartbeat, path: path, source: "10.0.0.2:45564", at: clock.now))
    }

    /// Advances the clock by `milliseconds` and ticks.
    @discardableResult
    mutating func tick(after milliseconds: Int64) -> MembershipUpdate {
        clock.advance(by: milliseconds)
        return table.onTick(at: clock.now)
    }

    /// The names of the events of `update`, in order.
    static func names(_ update: MembershipUpdate) -> [String] {
        update.events.map(\.kind.name)
    }
}
