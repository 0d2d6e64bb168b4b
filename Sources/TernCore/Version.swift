/// The version of a session change: a hybrid logical clock stamp with its origin member as tie-break.
///
/// Versions are totally ordered: by physical time, then the logical counter, then the origin id.
/// A receiver applies a change only when its version is newer than the one it holds.
///
/// The counter is declared last so that the version's 4 spare bytes end it, where a record's next
/// 32-bit field fits (docs/PERFORMANCE.md, "A session's bytes").
public struct Version: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The member that made the change.
    public var origin: MemberID
    /// Wall-clock milliseconds of the origin's hybrid clock when the change was made.
    public var physical: UInt64
    /// Counter that orders changes made within one physical millisecond.
    public var logical: UInt32

    /// Creates a version from its parts.
    public init(physical: UInt64, logical: UInt32, origin: MemberID) {
        self.physical = physical
        self.logical = logical
        self.origin = origin
    }

    /// The version older than every other; what a store holds for a key it has never seen.
    public static let zero = Version(physical: 0, logical: 0, origin: .zero)

    /// Orders versions by physical time, then logical counter, then origin.
    public static func < (lhs: Version, rhs: Version) -> Bool {
        (lhs.physical, lhs.logical, lhs.origin) < (rhs.physical, rhs.logical, rhs.origin)
    }

    /// `physical.logical@origin8`, compact and sortable by eye.
    public var description: String {
        "\(physical).\(logical)@\(origin.short)"
    }
}
