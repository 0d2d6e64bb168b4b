/// The newest version seen from each origin member: what a snapshot or a state transfer covers.
public struct VersionVector: Sendable, Hashable {
    /// The newest version per origin.
    public private(set) var newest: [MemberID: Version]

    /// An empty vector.
    public init() {
        newest = [:]
    }

    /// Builds a vector from versions.
    public init(_ versions: some Sequence<Version>) {
        newest = [:]
        for version in versions { include(version) }
    }

    /// Raises the entry of `version.origin` to `version` if it is newer.
    public mutating func include(_ version: Version) {
        if let held = newest[version.origin], held >= version { return }
        newest[version.origin] = version
    }

    /// The pointwise maximum of two vectors.
    public func merged(with other: VersionVector) -> VersionVector {
        var result = self
        for version in other.newest.values { result.include(version) }
        return result
    }

    /// Whether `version` is covered: not newer than what the vector holds for its origin.
    public func covers(_ version: Version) -> Bool {
        guard let held = newest[version.origin] else { return false }
        return version <= held
    }

    /// The entries in origin order, for stable encoding.
    public var sortedVersions: [Version] {
        newest.values.sorted { $0.origin < $1.origin }
    }
}
