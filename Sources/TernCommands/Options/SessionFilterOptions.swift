import ArgumentParser
import TernCore

/// `--context`, `--id-prefix`, `--live`, `--expired`, `--at`: which records a listing shows.
public struct SessionFilterOptions: ParsableArguments {
    /// Contexts to keep; empty keeps all.
    @Option(name: .customLong("context"), help: ArgumentHelp("Only sessions of this context (repeatable).", valueName: "name"))
    public var contexts: [String] = []

    /// Keep ids starting with this.
    @Option(help: ArgumentHelp("Only sessions whose id starts with this.", valueName: "prefix"))
    public var idPrefix: String?

    /// Keep only live sessions.
    @Flag(help: "Only sessions that have not expired at --at (tombstones are left out).")
    public var live = false

    /// Keep only expired sessions.
    @Flag(help: "Only sessions that have expired at --at (tombstones are left out).")
    public var expired = false

    /// The instant that decides live or expired.
    @Option(help: ArgumentHelp(
        "The instant that decides live or expired: RFC 3339 (2026-01-01T12:00:00Z), a date, @SECONDS, or now.",
        valueName: "time"))
    public var at: String = "now"

    /// Creates the default (everything).
    public init() {}

    /// Rejects contradictory or malformed filters.
    public func validate() throws {
        if live && expired { throw ValidationError("--live and --expired exclude each other") }
        if Timestamp.parse(at, now: 0) == nil {
            throw ValidationError("--at \(at): expected an RFC 3339 time, a date, @SECONDS or now")
        }
    }

    /// `--at` as milliseconds, `now` being `now`.
    public func instant(now: UnixMillis) -> UnixMillis {
        Timestamp.parse(at, now: now) ?? now
    }

    /// Whether `record` passes the filters at `instant`.
    public func matches(_ record: StoreRecord, at instant: UnixMillis) -> Bool {
        let key = record.key
        if !contexts.isEmpty && !contexts.contains(where: { $0.utf8Equals(key.context) }) { return false }
        if let idPrefix, !key.id.utf8.starts(with: idPrefix.utf8) { return false }
        guard live || expired else { return true }
        guard let session = record.session else { return false }
        return session.isExpired(at: instant) == expired
    }
}
