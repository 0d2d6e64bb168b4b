/// One anti-entropy round with one peer, as the member that starts it sees it (docs/ANTI-ENTROPY.md,
/// "A round"): send the digest; the peer answers with the buckets that differ and its entries in
/// them; compare them with this store's entries in the same buckets; push the records this member
/// holds newer (or the peer lacks), and fetch, a batch at a time, those the peer holds newer (or
/// this member lacks). Applying is newest-wins, so a record that changed meanwhile, or that arrives
/// twice, does no harm. When either side has more than `limits.maxEntries` entries to list, the
/// round transfers the state of the differing contexts instead.
///
/// Pure: the shell connects, sends and applies, and feeds back what happened with the time. The
/// answering side needs no machine: `SessionStore.answer(to:limits:)` and `records(for:)`.
public struct AntiEntropyRound: Sendable {
    /// Where the round is.
    public enum Phase: Sendable, Hashable {
        /// Waiting for the connection.
        case connecting
        /// The digest is sent; waiting for the peer's digest-difference.
        case awaitingDifference
        /// Waiting for the entries the peer announced.
        case awaitingEntries
        /// Waiting for this store's own entries in the differing buckets.
        case comparing
        /// Pushing and fetching records.
        case exchanging
        /// A state transfer replaces the lists.
        case transferring
        /// Over; `report` says how.
        case finished
    }

    /// The bounds of the round.
    public let limits: AntiEntropyLimits
    /// Where the round is.
    public private(set) var phase = Phase.connecting
    /// What the round found and moved so far (its outcome is final once `phase` is `finished`).
    public private(set) var report = AntiEntropyReport(outcome: .inSync)
    private var difference: DigestDifference?
    private var remote: [DigestEntry] = []
    private var batches: [[SessionKey]] = []
    private var awaitingRequest = false
    private var awaitingPush = false
    private var lastHeard: UnixMillis

    /// A round that starts at `now`; the shell connects to the peer.
    public init(limits: AntiEntropyLimits = .default, now: UnixMillis) {
        self.limits = limits
        lastHeard = now
    }

    /// When the round is given up if nothing happens before (`onTimer`); nil once finished.
    public var deadline: UnixMillis? {
        phase == .finished ? nil : lastHeard + limits.silenceTimeout
    }

    /// The connection is ready: send `digests` (this store's `contextDigests()`).
    public mutating func onConnected(digests: [ContextDigest], now: UnixMillis) -> [AntiEntropyAction] {
        guard phase == .connecting else { return [] }
        lastHeard = now
        phase = .awaitingDifference
        return [.sendDigest(digests)]
    }

    /// The peer's answer to the digest.
    public mutating func onDifference(_ answer: DigestDifference, now: UnixMillis) -> [AntiEntropyAction] {
        guard phase == .awaitingDifference else { return fail("sent a digest-difference out of turn") }
        lastHeard = now
        difference = answer
        report.differingBuckets = answer.differingBuckets
        if answer.isEmpty { return finish(.inSync) }
        if answer.tooDifferent { return transfer() }
        guard answer.entryCount <= limits.maxEntries else {
            return fail("announced \(answer.entryCount) entries, over the limit of \(limits.maxEntries)")
        }
        if answer.entryCount == 0 {
            phase = .comparing
            return [.collectLocalEntries(answer.buckets)]
        }
        phase = .awaitingEntries
        return []
    }

    /// Some of the entries the peer announced.
    public mutating func onEntries(_ entries: [DigestEntry], now: UnixMillis) -> [AntiEntropyAction] {
        guard phase == .awaitingEntries, let difference else { return fail("sent digest entries out of turn") }
        lastHeard = now
        remote.append(contentsOf: entries)
        guard remote.count <= difference.entryCount else {
            return fail("sent more entries than the \(difference.entryCount) it announced")
        }
        guard remote.count == difference.entryCount else { return [] }
        phase = .comparing
        return [.collectLocalEntries(difference.buckets)]
    }

    /// This store's entries in the differing buckets; nil when there were more than
    /// `limits.maxEntries`. Decides what to push and what to fetch; tombstones whose retention
    /// ended at `wallTime` (ms since the epoch, the time tombstones are kept by) are neither
    /// (`DigestEntry.isForgettable`).
    public mutating func onLocalEntries(
        _ local: [DigestEntry]?, now: UnixMillis, wallTime: UnixMillis
    ) -> [AntiEntropyAction] {
        guard phase == .comparing else { return [] }
        guard let local else { return transfer() }
        lastHeard = now
        report.remoteEntries = remote.count
        report.localEntries = local.count
        var theirs: [SessionKey: DigestEntry] = [:]
        theirs.reserveCapacity(remote.count)
        for entry in remote { theirs[entry.key] = entry }
        remote = []
        var push: [SessionKey] = []
        var fetch: [SessionKey] = []
        for mine in local {
            let their = theirs.removeValue(forKey: mine.key)
            if let their, mine.isOlder(than: their) {
                if !their.isForgettable(at: wallTime) { fetch.append(mine.key) }
            } else if their.map({ $0.isOlder(than: mine) }) ?? true {
                if !mine.isForgettable(at: wallTime) { push.append(mine.key) }
            }
        }
        for their in theirs.values where !their.isForgettable(at: wallTime) { fetch.append(their.key) }
        fetch.sort()
        push.sort()
        phase = .exchanging
        var actions: [AntiEntropyAction] = []
        if !push.isEmpty {
            report.pushed = push.count
            awaitingPush = true
            actions.append(.push(push))
        }
        batches = stride(from: 0, to: fetch.count, by: limits.requestBatch).map {
            Array(fetch[$0..<min($0 + limits.requestBatch, fetch.count)])
        }
        actions += nextRequest()
        return actions.isEmpty ? finish(.repaired) : actions
    }

    /// `count` records of a fetch (or of the state transfer) arrived and were applied.
    public mutating func onRecords(_ count: Int, now: UnixMillis) {
        lastHeard = now
        report.pulled += count
    }

    /// The peer acked the last record request: every record it holds of those keys has arrived.
    public mutating func onRequestAnswered(now: UnixMillis) -> [AntiEntropyAction] {
        guard phase == .exchanging, awaitingRequest else { return fail("acknowledged a request it was not sent") }
        lastHeard = now
        awaitingRequest = false
        let next = nextRequest()
        return next.isEmpty && !awaitingPush ? finish(.repaired) : next
    }

    /// The pong after the pushed records: the peer has applied them all.
    public mutating func onPushConfirmed(now: UnixMillis) -> [AntiEntropyAction] {
        guard phase == .exchanging, awaitingPush else { return [] }
        lastHeard = now
        awaitingPush = false
        return awaitingRequest ? [] : finish(.repaired)
    }

    /// The state transfer ended: with the records it brought, or failed (`failure` says why).
    public mutating func onTransferEnded(failure: String?, now: UnixMillis) -> [AntiEntropyAction] {
        guard phase == .transferring else { return [] }
        lastHeard = now
        if let failure { return fail(failure) }
        return finish(.transferred)
    }

    /// The connection failed, the peer refused a frame, or a frame made no sense.
    public mutating func onFailure(_ reason: String) -> [AntiEntropyAction] {
        fail(reason)
    }

    /// The timer set for `deadline` fired: a round silent for `limits.silenceTimeout` is given up.
    public mutating func onTimer(now: UnixMillis) -> [AntiEntropyAction] {
        guard let deadline, now >= deadline else { return [] }
        return fail("nothing from the peer for \(now - lastHeard) ms")
    }

    private mutating func nextRequest() -> [AntiEntropyAction] {
        guard !batches.isEmpty else { return [] }
        awaitingRequest = true
        return [.request(batches.removeFirst())]
    }

    private mutating func transfer() -> [AntiEntropyAction] {
        phase = .transferring
        remote = []
        let contexts = difference?.buckets.map(\.context) ?? []
        return [.transferState(contexts: contexts)]
    }

    private mutating func fail(_ reason: String) -> [AntiEntropyAction] {
        finish(.failed(reason))
    }

    private mutating func finish(_ outcome: AntiEntropyReport.Outcome) -> [AntiEntropyAction] {
        guard phase != .finished else { return [] }
        phase = .finished
        report.outcome = outcome
        return [.finish(report)]
    }
}
