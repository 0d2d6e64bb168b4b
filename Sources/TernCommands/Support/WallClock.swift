import TernCore

#if canImport(Glibc)
import Glibc
#endif

/// The real clock, read only here in the shell; the core gets time as arguments.
public enum WallClock {
    /// Milliseconds since the epoch, now.
    public static func now() -> UnixMillis {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UnixMillis(spec.tv_sec) * 1000 + UnixMillis(spec.tv_nsec) / 1_000_000
    }

    /// A monotonic reading in nanoseconds, for rates and progress.
    public static func monotonicNanos() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
