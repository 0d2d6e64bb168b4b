/// What one path (multicast or unicast) delivered from one member: counts, loss and jitter.
///
/// Loss is counted per incarnation from sequence numbers, then summed over incarnations. Two figures,
/// as omping gives them: `loss` counts from the member's first heartbeat when it may have started
/// after this member began listening (so a heartbeat lost while the group was being joined counts),
/// and `lossAfterFirst` only from the first heartbeat heard. Unnumbered heartbeats (Tomcat's) have
/// no loss figures.
public struct PathStatistics: Sendable, Hashable {
    /// Heartbeats that arrived, duplicates included.
    public private(set) var received: UInt64 = 0
    /// Heartbeats that arrived more than once (or too late to tell).
    public private(set) var duplicates: UInt64 = 0
    /// When the first arrived.
    public private(set) var firstSeen: UnixMillis
    /// When the latest arrived.
    public private(set) var lastSeen: UnixMillis
    /// Inter-arrival jitter.
    public private(set) var jitter = JitterStatistics()

    private var window: SequenceWindow?
    private var incarnation: UnixMillis?
    private var closedExpected: UInt64 = 0
    private var closedExpectedAfterFirst: UInt64 = 0
    private var closedDistinct: UInt64 = 0
    private var closedDistinctAfterFirst: UInt64 = 0
    private var previousArrival: UnixMillis?
    private var previousSequence: UInt64?
    private var previousGap: Int64?

    /// Starts at the first arrival.
    init(at: UnixMillis) {
        firstSeen = at
        lastSeen = at
    }

    /// Whether any numbered heartbeat arrived, so that loss can be computed.
    public var isNumbered: Bool { window != nil || closedExpected > 0 }

    /// Sequence numbers that never arrived, counted as `loss` counts.
    public var lost: UInt64 {
        let expected = closedExpected + (window?.expected ?? 0)
        let distinct = closedDistinct + (window?.distinct ?? 0)
        return expected > distinct ? expected - distinct : 0
    }

    /// Sequence numbers that never arrived, counted from the first heartbeat heard.
    public var lostAfterFirst: UInt64 {
        let expected = closedExpectedAfterFirst + (window?.expectedAfterFirst ?? 0)
        let distinct = closedDistinctAfterFirst + (window?.distinctAfterFirst ?? 0)
        return expected > distinct ? expected - distinct : 0
    }

    /// The fraction lost (0…1); nil without sequence numbers.
    public var loss: Double? {
        let expected = closedExpected + (window?.expected ?? 0)
        return expected == 0 ? nil : Double(lost) / Double(expected)
    }

    /// The fraction lost after the first heartbeat heard (0…1); nil without sequence numbers.
    public var lossAfterFirst: Double? {
        let expected = closedExpectedAfterFirst + (window?.expectedAfterFirst ?? 0)
        return expected == 0 ? nil : Double(lostAfterFirst) / Double(expected)
    }

    /// The first sequence number heard in the current incarnation (omping's `seq>=N`), if numbered.
    public var firstSequence: UInt64? { window?.first }

    /// Records one arrival. A new `incarnation` closes the previous one's accounting;
    /// `countFromOne` says the member may have started after listening began. The `leaving` copies
    /// follow each other closely by design, so they give no jitter sample.
    mutating func record(
        sequence: UInt64?, incarnation: UnixMillis, interval: Int64, at: UnixMillis, countFromOne: Bool,
        leaving: Bool = false
    ) {
        received += 1
        lastSeen = max(lastSeen, at)
        if incarnation != self.incarnation {
            self.incarnation = incarnation
            if let window {
                closedExpected += window.expected
                closedExpectedAfterFirst += window.expectedAfterFirst
                closedDistinct += window.distinct
                closedDistinctAfterFirst += window.distinctAfterFirst
            }
            window = nil
            previousArrival = nil
            previousSequence = nil
            previousGap = nil
        }
        guard let sequence else {
            if let previousArrival {
                let gap = at - previousArrival
                if let previousGap, !leaving { jitter.add(gap - previousGap) }
                previousGap = gap
            }
            previousArrival = at
            return
        }
        if window == nil {
            window = SequenceWindow(first: sequence, countFromOne: countFromOne)
        } else if !window!.record(sequence) {
            duplicates += 1
            return
        }
        if let previousArrival, let previousSequence, !leaving {
            guard sequence > previousSequence else { return }  // late: no jitter sample
            let gap = at - previousArrival
            if interval > 0 {
                let (expected, overflow) = Int64(clamping: sequence - previousSequence).multipliedReportingOverflow(
                    by: interval)
                jitter.add(overflow ? Int64.max : gap - expected)
            } else {
                if let previousGap { jitter.add(gap - previousGap) }
                previousGap = gap
            }
        }
        previousArrival = at
        previousSequence = sequence
    }
}
