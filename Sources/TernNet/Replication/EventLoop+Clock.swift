import NIOCore
import TernCore

/// The clock the network shells read and pass to the core machines as `now`: the event loop's own
/// `now`, on the monotonic time base. The machines only compare instants and add durations, so
/// milliseconds since boot serve them as well as wall time, never jump, and under an
/// `EmbeddedEventLoop` in tests they are virtual time that the test moves forward.
extension EventLoop {
    /// Nanoseconds now, on this loop's clock.
    var nanos: UInt64 {
        now.uptimeNanoseconds
    }

    /// Milliseconds now, the `now` of `AckWindow`, `Backoff` and `BootstrapMachine`.
    var millis: UnixMillis {
        UnixMillis(now.uptimeNanoseconds / 1_000_000)
    }

    /// Schedules `task` at a core machine's instant.
    @discardableResult
    func schedule(atMillis instant: UnixMillis, _ task: @escaping @Sendable () -> Void) -> Scheduled<Void> {
        scheduleTask(deadline: NIODeadline.uptimeNanoseconds(UInt64(max(0, instant)) &* 1_000_000), task)
    }
}
