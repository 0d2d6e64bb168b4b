extension SessionDelta {
    /// The session this delta turns `base` into: attributes set and removed, the delta's version,
    /// access time and max inactive; `created` is kept. The caller checks that `base` is at
    /// `self.base`.
    public func applied(to base: Session) -> Session {
        var session = base
        session.attributes = base.attributes.updating(set: set, remove: remove)
        session.version = version
        session.lastAccessed = lastAccessed
        session.maxInactiveSeconds = maxInactiveSeconds
        return session
    }

    /// One delta with the effect of this one followed by `next`, or nil when `next` does not build
    /// on this delta's version (or is of another key).
    public func followed(by next: SessionDelta) -> SessionDelta? {
        guard next.key == key, next.base == version else { return nil }
        let attributes = set.updating(set: next.set, remove: next.remove)
        var removed = Set(remove.map { NameBytes($0) })
        for name in next.remove { removed.insert(NameBytes(name)) }
        for name in next.set.names { removed.remove(NameBytes(name)) }
        let remove = removed.map(\.name).sorted { $0.utf8Precedes($1) }
        return SessionDelta(
            key: key, base: base, version: next.version, lastAccessed: next.lastAccessed,
            maxInactiveSeconds: next.maxInactiveSeconds, set: attributes, remove: remove)
    }
}

/// A name compared by its UTF-8 bytes, as attribute names are (Swift's `==` on `String` equates
/// canonically equivalent names).
private struct NameBytes: Hashable {
    let name: String

    init(_ name: String) {
        self.name = name
    }

    static func == (lhs: NameBytes, rhs: NameBytes) -> Bool {
        lhs.name.utf8Equals(rhs.name)
    }

    func hash(into hasher: inout Hasher) {
        for byte in name.utf8 { hasher.combine(byte) }
    }
}
