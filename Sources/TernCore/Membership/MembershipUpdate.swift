/// What the membership machine returns for each input: the events to report, and when the shell
/// must call `onTick` next.
public struct MembershipUpdate: Sendable, Equatable {
    /// Events, in order.
    public var events: [MembershipEvent]
    /// The instant of the next `onTick` (the earliest a live member can be declared dead); nil when
    /// no member is alive, so no tick is needed until a heartbeat arrives.
    public var nextTick: UnixMillis?

    /// Creates an update.
    public init(events: [MembershipEvent] = [], nextTick: UnixMillis?) {
        self.events = events
        self.nextTick = nextTick
    }
}
