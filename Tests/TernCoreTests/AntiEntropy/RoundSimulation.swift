import TernCore
import TernTestKit
import Testing

/// Runs anti-entropy rounds between two stores in memory: the initiator's `AntiEntropyRound`, and
/// the answering side as a receiver answers (`answer(to:limits:)`, `records(for:)`), each frame
/// delivered at once. What a round moves is exactly what the network shell would move.
enum RoundSimulation {
    /// One round started by `initiator` with `responder`; returns its report and the actions seen.
    @discardableResult
    static func round(
        _ initiator: inout SessionStore, with responder: inout SessionStore, limits: AntiEntropyLimits = .default,
        wallTime: UnixMillis = 0, entriesPerDelivery: Int = 7
    ) -> (report: AntiEntropyReport, actions: [AntiEntropyAction]) {
        var round = AntiEntropyRound(limits: limits, now: 0)
        var seen: [AntiEntropyAction] = []
        var pending = round.onConnected(digests: initiator.digest.contextDigests(), now: 0)
        while !pending.isEmpty {
            let action = pending.removeFirst()
            seen.append(action)
            switch action {
            case .sendDigest(let digests):
                let (difference, entries) = responder.answer(to: digests, limits: limits)
                pending += round.onDifference(difference, now: 1)
                // Entries arrive in several frames.
                var start = 0
                while start < entries.count {
                    let end = min(start + entriesPerDelivery, entries.count)
                    pending += round.onEntries(Array(entries[start..<end]), now: 2)
                    start = end
                }
            case .collectLocalEntries(let buckets):
                let local = initiator.digestEntries(in: buckets, limit: limits.maxEntries)
                pending += round.onLocalEntries(local, now: 3, wallTime: wallTime)
            case .push(let keys):
                for key in keys { if let record = initiator[key] { responder.apply(record) } }
                pending += round.onPushConfirmed(now: 4)
            case .request(let keys):
                let records = responder.records(for: keys)
                for record in records { initiator.apply(record) }
                round.onRecords(records.count, now: 5)
                pending += round.onRequestAnswered(now: 5)
            case .transferState(let contexts):
                let records = responder.sortedRecords().filter { record in
                    contexts.contains { $0.utf8Equals(record.key.context) }
                }
                for record in records { initiator.apply(record) }
                round.onRecords(records.count, now: 6)
                pending += round.onTransferEnded(failure: nil, now: 6)
            case .finish(let report):
                return (report, seen)
            }
        }
        Issue.record("the round ended without a finish action: \(seen)")
        return (AntiEntropyReport(outcome: .failed("no finish")), seen)
    }
}
