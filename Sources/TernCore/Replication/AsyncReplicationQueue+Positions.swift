extension AsyncReplicationQueue {
    /// The queue positions of one session's entries, oldest first. Nearly every session has one
    /// entry queued at a time, so the first position is held inline and a list is only made for
    /// the rest: filing a session costs no allocation of its own.
    struct Positions: Sendable {
        /// The oldest position.
        private(set) var first: Int
        /// The later positions, oldest first.
        private var rest: [Int] = []

        /// The positions of a session with one entry, at `position`.
        init(_ position: Int) {
            first = position
        }

        /// The newest position.
        var last: Int { rest.last ?? first }

        /// Every position, oldest first.
        var all: [Int] { [first] + rest }

        /// Every position after the first, oldest first.
        var afterFirst: [Int] { rest }

        /// Files a newer position.
        mutating func append(_ position: Int) {
            rest.append(position)
        }

        /// Forgets `position`; returns false when no position is left.
        mutating func remove(_ position: Int) -> Bool {
            if position == first {
                guard !rest.isEmpty else { return false }
                first = rest.removeFirst()
            } else {
                rest.removeAll { $0 == position }
            }
            return true
        }
    }
}
