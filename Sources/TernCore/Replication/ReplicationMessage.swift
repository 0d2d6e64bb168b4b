/// A change one member replicates to the others: the payload of the data frames of docs/PROTOCOL.md.
///
/// Applying one is a store operation (see `SessionStore`); the frame around it (sequence, ack) is
/// the wire's business.
public enum ReplicationMessage: Sendable, Hashable {
    /// The whole session (Tomcat's full replication; also the answer to a delta on a missing base).
    case put(Session)
    /// Attribute changes that build on a version the receiver should hold.
    case delta(SessionDelta)
    /// Access times of sessions a request only read, batched.
    case touch([SessionTouch])
    /// An invalidation or expiry: the tombstone that replaces the session.
    case expire(Tombstone)
    /// A session that continues under a new id (session fixation protection).
    case changeID(SessionIDChange)
}
