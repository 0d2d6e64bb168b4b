extension Attributes {
    /// These attributes with those of `set` set (replacing any of the same name) and the names of
    /// `remove` removed, a name both set and removed being set; one pass over both.
    public func updating(set: Attributes, remove: [String]) -> Attributes {
        if remove.isEmpty && set.isEmpty { return self }
        if remove.isEmpty && isEmpty { return set }
        let removed = remove.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        // The merged list as (from `set`, position) pairs, then its size, then the bytes.
        var picks: [(fromSet: Bool, position: Int)] = []
        picks.reserveCapacity(count + set.count)
        var mine = 0
        var theirs = 0
        var nextRemoved = 0
        while mine < count || theirs < set.count {
            let order: Comparison =
                if mine == count {
                    .greater
                } else if theirs == set.count {
                    .less
                } else {
                    withBytes(at: mine) { left, _ in
                        set.withBytes(at: theirs) { right, _ in Self.compare(left, right) }
                    }
                }
            if order != .less {
                picks.append((true, theirs))
                theirs += 1
                if order == .equal { mine += 1 }
                continue
            }
            let dropped = withBytes(at: mine) { name, _ -> Bool in
                // The first removed name not before this one.
                while nextRemoved < removed.count,
                    removed[nextRemoved].withUnsafeBytes({ Self.compare($0, name) }) == .less
                {
                    nextRemoved += 1
                }
                guard nextRemoved < removed.count else { return false }
                return removed[nextRemoved].withUnsafeBytes { Self.compare($0, name) } == .equal
            }
            if !dropped { picks.append((false, mine)) }
            mine += 1
        }
        let bytes = picks.reduce(0) { total, pick in
            total + (pick.fromSet ? set : self).withBytes(at: pick.position) { name, value in name.count + value.count }
        }
        return Attributes(count: picks.count, bytes: bytes) { writer in
            for (fromSet, position) in picks {
                (fromSet ? set : self).withBytes(at: position) { name, value in
                    writer.append(name: name, value: value)
                }
            }
        }
    }
}
