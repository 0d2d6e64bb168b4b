/// What a node sends to its peers for a write (`--full`, `--dirty-only`, deltas otherwise).
public enum ReplicationStyle: String, Sendable, Hashable, CaseIterable {
    /// A delta with every attribute the request wrote, changed or not, as Tomcat replicates
    /// attributes a request touched when it cannot tell whether they were mutated in place.
    case delta
    /// The whole session on every write.
    case full
    /// A delta with only the attributes whose value changed (Tomcat's useDirtyFlag); a write that
    /// changed nothing makes no new version and replicates as an access (a touch).
    case dirtyOnly = "dirty-only"
}
