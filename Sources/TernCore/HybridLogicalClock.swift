/// A hybrid logical clock (Kulkarni et al., 2014): stamps that follow wall-clock time but never go
/// backwards and always exceed every stamp this member has seen.
///
/// Time is passed in; the clock never reads one itself.
public struct HybridLogicalClock: Sendable, Hashable {
    /// The member whose changes this clock stamps.
    public let member: MemberID
    /// The newest stamp issued or observed.
    public private(set) var latest: Version

    /// Creates a clock for `member` that has seen nothing yet.
    public init(member: MemberID) {
        self.member = member
        self.latest = Version(physical: 0, logical: 0, origin: member)
    }

    /// Issues a stamp for a local change made at wall-clock time `now`.
    public mutating func stamp(now: UnixMillis) -> Version {
        let wall = UInt64(clamping: now)
        if wall > latest.physical {
            latest = Version(physical: wall, logical: 0, origin: member)
        } else if latest.logical == .max {
            // The counter is spent for this millisecond: move to the next one rather than wrap.
            latest = Version(physical: latest.physical + 1, logical: 0, origin: member)
        } else {
            latest = Version(physical: latest.physical, logical: latest.logical + 1, origin: member)
        }
        return latest
    }

    /// Takes note of a stamp received from another member at wall-clock time `now`, so the next
    /// local stamp is newer than it.
    public mutating func observe(_ remote: Version, now: UnixMillis) {
        let wall = UInt64(clamping: now)
        let physical = max(wall, latest.physical, remote.physical)
        let logical: UInt32
        if physical == latest.physical && physical == remote.physical {
            logical = max(latest.logical, remote.logical)
        } else if physical == latest.physical {
            logical = latest.logical
        } else if physical == remote.physical {
            logical = remote.logical
        } else {
            logical = 0
        }
        latest = Version(physical: physical, logical: logical, origin: member)
    }
}
