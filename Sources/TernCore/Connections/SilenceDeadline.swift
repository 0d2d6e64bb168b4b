/// When a stretch of silence runs out: a receiver closes a connection with no complete frame for
/// its idle timeout, and a client pings when it has sent nothing for its keep-alive interval. The
/// shell stamps each activity and, when its timer fires, asks whether the silence is over the limit
/// or when to look again. Times are milliseconds on one clock.
public struct SilenceDeadline: Sendable, Hashable {
    /// The silence allowed.
    public let limit: Int64
    /// The last activity.
    public private(set) var lastActivity: UnixMillis

    /// What a check found.
    public enum Verdict: Sendable, Hashable {
        /// Silent for `silentFor` ms, at least the limit.
        case expired(silentFor: Int64)
        /// Not yet: look again at this instant.
        case checkAt(UnixMillis)
    }

    /// Silence of at most `limit` ms (at least 1), counted from `now`.
    public init(limit: Int64, now: UnixMillis) {
        self.limit = max(1, limit)
        lastActivity = now
    }

    /// Something happened at `now`: the silence starts again.
    public mutating func onActivity(at now: UnixMillis) {
        lastActivity = max(lastActivity, now)
    }

    /// Whether the silence has reached the limit at `now`.
    public func check(now: UnixMillis) -> Verdict {
        let silent = now - lastActivity
        return silent >= limit ? .expired(silentFor: silent) : .checkAt(lastActivity + limit)
    }

    /// When the current silence reaches the limit.
    public var deadline: UnixMillis { lastActivity + limit }
}
