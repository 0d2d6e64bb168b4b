/// The freshness of one member's authenticated heartbeats: the newest (incarnation, sequence)
/// accepted, and which of the 64 sequence numbers below it were accepted too.
///
/// A heartbeat passes once: a newer incarnation, a higher sequence, or a lower one within the window
/// that has not passed yet (the network reorders). Anything else is a replay, or a copy the network
/// made: a captured heartbeat cannot make a dead member alive again or undo a state change, since
/// only a number never accepted passes, and the membership table acts only on the highest.
struct ReplayWindow: Sendable, Hashable {
    /// How many sequence numbers below the highest are remembered.
    static let width: UInt64 = 64

    /// The newest incarnation accepted.
    private(set) var incarnation: UnixMillis
    /// The highest sequence number accepted in it.
    private(set) var highest: UInt64
    /// Bit i set: `highest - i` was accepted.
    private var accepted: UInt64 = 1
    /// When a heartbeat last passed (for forgetting the least recent member when full).
    private(set) var lastAccepted: UnixMillis

    /// A window opened by the first heartbeat accepted.
    init(incarnation: UnixMillis, sequence: UInt64, at: UnixMillis) {
        self.incarnation = incarnation
        highest = sequence
        lastAccepted = at
    }

    /// Whether (incarnation, sequence) passes; records it when it does.
    mutating func admit(incarnation: UnixMillis, sequence: UInt64, at: UnixMillis) -> Bool {
        if incarnation < self.incarnation { return false }
        if incarnation > self.incarnation {
            self = ReplayWindow(incarnation: incarnation, sequence: sequence, at: at)
            return true
        }
        if sequence > highest {
            let shift = sequence - highest
            accepted = shift >= Self.width ? 1 : accepted << shift | 1
            highest = sequence
        } else {
            let age = highest - sequence
            guard age < Self.width, accepted & (1 << age) == 0 else { return false }
            accepted |= 1 << age
        }
        lastAccepted = max(lastAccepted, at)
        return true
    }
}
