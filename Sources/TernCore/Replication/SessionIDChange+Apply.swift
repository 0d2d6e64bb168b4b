extension SessionIDChange {
    /// The tombstone the change leaves under the old key, at the change's version.
    public var oldKeyTombstone: Tombstone {
        Tombstone(key: key, version: version, retainUntil: retainUntil)
    }

    /// The session `base` continues as under the new id: same attributes, created and max inactive,
    /// the change's version, and the change's instant (`version.physical`) as its last access, so
    /// that every member derives the same record. The caller checks that `base` is at `self.base`.
    public func renamed(_ base: Session) -> Session {
        var session = base
        session.key = newKey
        session.version = version
        session.lastAccessed = UnixMillis(clamping: version.physical)
        return session
    }
}
