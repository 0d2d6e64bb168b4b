/// Loss accounting over the sequence numbers of one incarnation of a member, on one path.
///
/// Remembers which of the 64 newest sequence numbers arrived, so that a late heartbeat fills its gap
/// (it was not lost after all) and a repeated one counts as a duplicate. A number older than the
/// window cannot be told apart and counts as a duplicate.
struct SequenceWindow: Sendable, Hashable {
    /// The first number loss is counted from: 1 when the member may have started after we began
    /// listening, else the first number heard.
    let base: UInt64
    /// The first number heard: loss "after the first" is counted from here (omping's `seq>=N`).
    let first: UInt64
    /// The highest number heard.
    private(set) var highest: UInt64
    /// Bit i set: `highest - i` arrived.
    private var seen: UInt64 = 1
    /// Distinct numbers heard from `base`.
    private(set) var distinct: UInt64 = 1
    /// Distinct numbers heard from `first`.
    private(set) var distinctAfterFirst: UInt64 = 1

    /// Starts with the first number heard, `sequence`.
    init(first sequence: UInt64, countFromOne: Bool) {
        base = countFromOne ? 1 : sequence
        first = sequence
        highest = sequence
    }

    /// Numbers expected from `base` to the highest heard.
    var expected: UInt64 { highest - base + 1 }
    /// Numbers expected from the first heard to the highest.
    var expectedAfterFirst: UInt64 { highest - first + 1 }

    /// Records `sequence`; returns false when it is a duplicate.
    mutating func record(_ sequence: UInt64) -> Bool {
        if sequence > highest {
            let shift = sequence - highest
            seen = shift >= 64 ? 1 : seen << shift | 1
            highest = sequence
        } else {
            let age = highest - sequence
            guard age < 64, seen & (1 << age) == 0 else { return false }
            seen |= 1 << age
        }
        if sequence >= base { distinct += 1 }
        if sequence >= first { distinctAfterFirst += 1 }
        return true
    }
}
