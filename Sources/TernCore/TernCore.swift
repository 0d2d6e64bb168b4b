#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let fast = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs -> Bool in
                let common = Swift.min(lhs.count, rhs.count)
                if common > 0 {
                    let order = memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return lhs.count < rhs.count
            }
        }
        if let fast = fast ?? nil { return fast }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// Whether two strings have exactly the same UTF-8 bytes (Swift's `==` equates canonically
    /// equivalent strings, which would conflate ids that differ on the wire).
    @inlinable
    public func utf8Equals(_ other: String) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs -> Bool in
                lhs.count == rhs.count && (lhs.isEmpty || memcmp(lhs.baseAddress!, rhs.baseAddress!, lhs.count) == 0)
            }
        }
        if let fast = fast ?? nil { return fast }
        return utf8.elementsEqual(other.utf8)
    }

    /// Feeds the UTF-8 bytes, preceded by their count, to `hasher` (so that consecutive strings
    /// hash differently however their bytes are split).
    @inlinable
    public func hashUTF8(into hasher: inout Hasher) {
        hasher.combine(utf8.count)
        let done: Void? = utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in utf8 { hasher.combine(byte) }
        }
    }
}
