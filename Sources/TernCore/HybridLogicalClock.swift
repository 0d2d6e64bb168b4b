/// A hybrid logical clock (Kulkarni et al., 2014): stamps that follow wall-clock time but never go
/// backwards and always exceed every stamp this member has seen.
///
/// Time is passed in; the clock never reads one itself. A remote stamp further ahead of the local
/// wall clock than `maxDrift` is rejected rather than followed (docs/MODEL.md, "Drift bound").
public struct HybridLogicalClock: Sendable, Hashable {
    /// The member whose changes this clock stamps.
    public let member: MemberID
    /// The newest stamp issued or observed.
    public private(set) var latest: Version
    /// How many milliseconds a remote stamp may be ahead of the local wall clock; nil: no bound.
    public let maxDrift: Int64?

    /// The default drift bound: one minute.
    public static let defaultMaxDrift: Int64 = 60_000

    /// Creates a clock for `member` that has seen nothing yet, rejecting remote stamps more than
    /// `maxDrift` milliseconds ahead of the wall clock (nil: never).
    public init(member: MemberID, maxDrift: Int64? = HybridLogicalClock.defaultMaxDrift) {
        self.member = member
        self.latest = Version(physical: 0, logical: 0, origin: member)
        self.maxDrift = maxDrift.map { max(0, $0) }
    }

    /// What `observe` did with a remote stamp.
    public enum Observation: Sendable, Hashable {
        /// The stamp is within the drift bound; the next local stamp will be newer than it.
        case accepted
        /// The stamp is `aheadBy` milliseconds ahead of the local wall clock, more than the bound
        /// allows; the clock is unchanged and the change carrying the stamp must not be applied.
        case rejected(aheadBy: Int64)
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
    /// local stamp is newer than it; rejects it, unchanged, when it is further ahead of `now` than
    /// `maxDrift`.
    @discardableResult
    public mutating func observe(_ remote: Version, now: UnixMillis) -> Observation {
        let wall = UInt64(clamping: now)
        if let maxDrift, remote.physical > wall, remote.physical - wall > UInt64(maxDrift) {
            return .rejected(aheadBy: Int64(clamping: remote.physical - wall))
        }
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
        return .accepted
    }
}
