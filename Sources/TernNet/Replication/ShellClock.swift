import NIOCore
import TernCore

/// The monotonic clock the network shells read and pass to the core machines as `now`. The machines
/// only compare instants and add durations, so a monotonic time base (milliseconds since boot) serves
/// them as well as wall time and never jumps.
enum ShellClock {
    /// Nanoseconds on the monotonic clock.
    static func nanos() -> UInt64 {
        NIODeadline.now().uptimeNanoseconds
    }

    /// Milliseconds on the monotonic clock, the `now` of `AckWindow`, `Backoff` and `BootstrapMachine`.
    static func millis() -> UnixMillis {
        UnixMillis(nanos() / 1_000_000)
    }

    /// The deadline of a core machine's instant, for scheduling a timer.
    static func deadline(atMillis instant: UnixMillis) -> NIODeadline {
        NIODeadline.uptimeNanoseconds(UInt64(max(0, instant)) &* 1_000_000)
    }
}
