/// The frames a sender has sent on one connection and not yet had answered (sync and pooled
/// modes): their sequence numbers, send instants and whatever the shell tagged them with.
///
/// Acks and nacks are matched by sequence. A frame not answered `timeout` milliseconds after it
/// was sent times out at that instant. At most `maxInFlight` frames are outstanding: 1 is the sync
/// mode, more is the pipelining of the pooled mode. Time is passed in; the window never reads a clock.
public struct AckWindow<Tag: Sendable>: Sendable {
    /// A frame in flight.
    public struct Entry: Sendable {
        /// The frame's sequence number.
        public var sequence: UInt64
        /// When it was sent (never earlier than the frame sent before it).
        public var sentAt: UnixMillis
        /// What the shell attached (the message, the request waiting for it).
        public var tag: Tag

        @inlinable
        init(sequence: UInt64, sentAt: UnixMillis, tag: Tag) {
            self.sequence = sequence
            self.sentAt = sentAt
            self.tag = tag
        }
    }

    /// An answer matched to its frame.
    public struct Answer: Sendable {
        /// The frame answered.
        public var entry: Entry
        /// Milliseconds from sending to the answer.
        public var roundTrip: Int64

        @inlinable
        init(entry: Entry, roundTrip: Int64) {
            self.entry = entry
            self.roundTrip = roundTrip
        }
    }

    /// Why `onSend` refused to record a frame.
    public enum Refusal: Error, Sendable, Hashable {
        /// `maxInFlight` frames are outstanding: wait for an answer first.
        case full
        /// A frame with this sequence number is outstanding already.
        case sequenceInFlight
    }

    /// The most frames outstanding at once.
    public let maxInFlight: Int
    /// Milliseconds a frame may wait for its answer.
    public let timeout: Int64

    @usableFromInline var entries: [UInt64: Entry] = [:]
    /// Sequences in send order; those answered are skipped lazily.
    @usableFromInline var order: [UInt64] = []
    @usableFromInline var head = 0
    @usableFromInline var lastSentAt = UnixMillis.min

    /// An empty window; `maxInFlight` below 1 is raised to 1, a negative timeout to 0.
    public init(maxInFlight: Int, timeout: Int64) {
        self.maxInFlight = max(1, maxInFlight)
        self.timeout = max(0, timeout)
    }

    /// How many frames are outstanding.
    @inlinable
    public var inFlight: Int { entries.count }

    /// Whether another frame may be sent now.
    @inlinable
    public var canSend: Bool { entries.count < maxInFlight }

    /// The instant the oldest outstanding frame times out: when the shell's timer should fire.
    @inlinable
    public var nextDeadline: UnixMillis? {
        guard head < order.count, let oldest = entries[order[head]] else { return nil }
        return oldest.sentAt &+ timeout
    }

    /// Records a frame sent at `now`; returns its deadline, or why it was not recorded (the frame
    /// should then not be sent).
    @inlinable
    public mutating func onSend(sequence: UInt64, tag: Tag, at now: UnixMillis) -> Result<UnixMillis, Refusal> {
        guard entries[sequence] == nil else { return .failure(.sequenceInFlight) }
        guard canSend else { return .failure(.full) }
        // Instants never go backwards here, so send order is deadline order.
        let sentAt = max(now, lastSentAt)
        lastSentAt = sentAt
        entries[sequence] = Entry(sequence: sequence, sentAt: sentAt, tag: tag)
        order.append(sequence)
        return .success(sentAt &+ timeout)
    }

    /// An ack or nack for `sequence` arrived at `now`: the frame it answers, or nil when no such
    /// frame is outstanding (answered before, timed out, or never sent).
    @inlinable
    public mutating func onAnswer(sequence: UInt64, at now: UnixMillis) -> Answer? {
        guard let entry = entries.removeValue(forKey: sequence) else { return nil }
        skipAnswered()
        return Answer(entry: entry, roundTrip: max(0, now - entry.sentAt))
    }

    /// The timer fired at `now`: the frames whose deadline has passed (`sentAt + timeout <= now`),
    /// oldest first, no longer outstanding.
    @inlinable
    public mutating func onTimer(now: UnixMillis) -> [Entry] {
        var expired: [Entry] = []
        while head < order.count, let oldest = entries[order[head]], oldest.sentAt &+ timeout <= now {
            entries[oldest.sequence] = nil
            expired.append(oldest)
            head += 1
            skipAnswered()
        }
        return expired
    }

    /// The connection closed: every outstanding frame, oldest first, none of them answered.
    public mutating func onConnectionLost() -> [Entry] {
        let lost = order[head...].compactMap { entries[$0] }
        entries = [:]
        order = []
        head = 0
        return lost
    }

    @inlinable
    mutating func skipAnswered() {
        while head < order.count, entries[order[head]] == nil { head += 1 }
        if head == order.count {
            order.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
