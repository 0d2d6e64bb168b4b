import TernCore

/// A clock that tests set and advance by hand: time passes only when a test says so, so no test
/// ever sleeps. Core machines take `UnixMillis` arguments; a test reads `now` and hands it over.
public struct ManualClock: Sendable, Hashable {
    /// The current time, milliseconds since the Unix epoch.
    public private(set) var now: UnixMillis

    /// A clock that starts at `start` (2026-01-01T00:00:00Z by default).
    public init(start: UnixMillis = 1_767_225_600_000) {
        now = start
    }

    /// Moves time forward by `milliseconds` (a negative value moves it back, as a wall clock can).
    public mutating func advance(by milliseconds: Int64) {
        now += milliseconds
    }

    /// Moves time forward by whole seconds.
    public mutating func advance(seconds: Int64) {
        now += seconds * 1000
    }

    /// Sets the time, forwards or backwards.
    public mutating func set(_ time: UnixMillis) {
        now = time
    }
}
