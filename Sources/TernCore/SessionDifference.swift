/// How one session differs between two stores or snapshots: what `tern-snap diff` reports and what
/// a convergence check counts. Tombstones count as absence.
public struct SessionDifference: Sendable, Hashable {
    /// The kind of difference.
    public enum Kind: String, Sendable, Hashable {
        /// Only the second side has the session.
        case added
        /// Only the first side has the session.
        case removed
        /// Both have it, with different content.
        case changed
    }

    /// One attribute that differs: sizes before and after, nil where absent.
    public struct AttributeChange: Sendable, Hashable {
        /// The attribute's name.
        public var name: String
        /// The value before, nil when the attribute was added.
        public var before: [UInt8]?
        /// The value after, nil when the attribute was removed.
        public var after: [UInt8]?
    }

    /// The session's key.
    public var key: SessionKey
    /// The kind of difference.
    public var kind: Kind
    /// The first side's session.
    public var before: Session?
    /// The second side's session.
    public var after: Session?
    /// Metadata that changed: `version`, `created`, `lastAccessed`, `maxInactive`.
    public var fields: [String]
    /// Attributes that were added, removed or changed, in name order.
    public var attributes: [AttributeChange]

    /// Compares the records two sides hold for one key; nil when they agree.
    public static func compare(
        _ lhs: StoreRecord?, _ rhs: StoreRecord?, ignoreAccessTime: Bool = false
    ) -> SessionDifference? {
        let before = lhs?.session
        let after = rhs?.session
        switch (before, after) {
        case (nil, nil):
            return nil
        case (let session?, nil):
            return SessionDifference(key: session.key, kind: .removed, before: session, after: nil, fields: [], attributes: [])
        case (nil, let session?):
            return SessionDifference(key: session.key, kind: .added, before: nil, after: session, fields: [], attributes: [])
        case (let before?, let after?):
            var fields: [String] = []
            if before.version != after.version { fields.append("version") }
            if before.created != after.created { fields.append("created") }
            if !ignoreAccessTime && before.lastAccessed != after.lastAccessed { fields.append("lastAccessed") }
            if before.maxInactiveSeconds != after.maxInactiveSeconds { fields.append("maxInactive") }
            let attributes = attributeChanges(before.attributes, after.attributes)
            guard !fields.isEmpty || !attributes.isEmpty else { return nil }
            return SessionDifference(
                key: before.key, kind: .changed, before: before, after: after, fields: fields, attributes: attributes)
        }
    }

    static func attributeChanges(_ lhs: Attributes, _ rhs: Attributes) -> [AttributeChange] {
        var changes: [AttributeChange] = []
        var left = 0
        var right = 0
        while left < lhs.count || right < rhs.count {
            let order: Attributes.Comparison =
                if right == rhs.count {
                    .less
                } else if left == lhs.count {
                    .greater
                } else {
                    lhs.withBytes(at: left) { name, _ in
                        rhs.withBytes(at: right) { other, _ in Attributes.compare(name, other) }
                    }
                }
            switch order {
            case .less:
                changes.append(AttributeChange(name: lhs.name(at: left), before: lhs[left].value, after: nil))
                left += 1
            case .greater:
                changes.append(AttributeChange(name: rhs.name(at: right), before: nil, after: rhs[right].value))
                right += 1
            case .equal:
                let same = lhs.withBytes(at: left) { _, before in
                    rhs.withBytes(at: right) { _, after in Attributes.equal(before, after) }
                }
                if !same {
                    changes.append(
                        AttributeChange(name: lhs.name(at: left), before: lhs[left].value, after: rhs[right].value))
                }
                left += 1
                right += 1
            }
        }
        return changes
    }
}
