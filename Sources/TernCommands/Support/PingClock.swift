import TernCore

/// The clock of a membership service in a tool (tern-ping, tern-xfer's `--from auto`): wall-clock
/// milliseconds at the start, then advanced by the monotonic clock, so that times print as dates
/// while intervals and drop times are immune to clock steps.
package struct PingClock: Sendable {
    private let wallAtStart = WallClock.now()
    private let monotonicAtStart = WallClock.monotonicNanos()

    /// Starts the clock at the wall-clock time now.
    package init() {}

    /// Milliseconds since the epoch, never going back.
    @Sendable package func now() -> UnixMillis {
        wallAtStart + Int64((WallClock.monotonicNanos() - monotonicAtStart) / 1_000_000)
    }
}
