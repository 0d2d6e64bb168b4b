import TernCore

/// tern-ping's clock: wall-clock milliseconds at the start, then advanced by the monotonic clock, so
/// that times print as dates while intervals and drop times are immune to clock steps.
struct PingClock: Sendable {
    private let wallAtStart = WallClock.now()
    private let monotonicAtStart = WallClock.monotonicNanos()

    /// Milliseconds since the epoch, never going back.
    @Sendable func now() -> UnixMillis {
        wallAtStart + Int64((WallClock.monotonicNanos() - monotonicAtStart) / 1_000_000)
    }
}
