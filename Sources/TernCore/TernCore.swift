/// TernCore is the pure heart of tern: the session model, versions, and the versioned store.
///
/// Nothing in this module performs I/O, reads a clock or sleeps. Time arrives as arguments
/// (milliseconds since the Unix epoch, `UnixMillis`), so every rule can be tested with a manual clock.
/// The rules themselves (newest wins, tombstones, access-time merging) are explained in docs/MODEL.md.
public enum TernCore {}

/// Milliseconds since 1970-01-01T00:00:00Z; the one time unit of the core.
public typealias UnixMillis = Int64

extension String {
    /// Orders two strings by their UTF-8 bytes, the order used on the wire and in snapshots.
    @inlinable
    public func utf8Precedes(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// Whether two strings have exactly the same UTF-8 bytes (Swift's `==` equates canonically
    /// equivalent strings, which would conflate ids that differ on the wire).
    @inlinable
    public func utf8Equals(_ other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}
