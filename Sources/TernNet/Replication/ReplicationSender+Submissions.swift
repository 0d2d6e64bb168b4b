import NIOCore
import TernCore
import TernWire

/// What became of one message handed to `ReplicationSender.submit(_:then:)`.
public enum SubmissionOutcome: Sendable, Hashable {
    /// The peer acknowledged it (sync and pooled modes).
    case acknowledged
    /// It is in the async queue (async mode: the caller does not wait for the peer).
    case queued
    /// It was given up, or the peer refused it; the reason names the peer.
    case failed(String)
}

extension ReplicationSender {
    /// Hands one message to the sender and tells `done`, on the sender's loop, what became of it:
    /// acknowledged (sync, pooled: after the peer's ack), queued (async: at once), or failed. Calls
    /// from one thread keep their order (from the sender's own loop, they are enqueued at once).
    public func submit(_ message: ReplicationMessage, then done: @escaping @Sendable (SubmissionOutcome) -> Void) {
        if loop.inEventLoop {
            enqueue([message], done: done)
        } else {
            loop.execute { self.enqueue([message], done: done) }
        }
    }

    /// Opens the connections without waiting (for a sender made on its own loop, `failFast` off).
    public func open() {
        loop.preconditionInEventLoop()
        guard slots.isEmpty else { return }
        for index in 0..<configuration.connections {
            let slot = SenderSlot(sender: self, index: index)
            slots.append(slot)
            slot.connect()
        }
    }

    /// Messages submitted and not yet acknowledged or given up: waiting to be sent, or in flight.
    /// Sender loop only.
    public var unanswered: Int {
        loop.preconditionInEventLoop()
        return waitingCount + slots.reduce(0) { $0 + $1.outstanding }
    }

    /// What the sender did so far. Sender loop only.
    public var currentReport: SenderReport {
        loop.preconditionInEventLoop()
        return report
    }

    /// Gives `outgoing` up: tells its submitter, and records it in the report.
    func fail(_ outgoing: Outgoing, reason: String) {
        outgoing.done?(.failed(reason))
        if configuration.keepsHistory {
            report.failures.append(SenderFailure(message: outgoing.message, reason: reason))
        } else {
            report.failuresNotKept += 1
        }
    }

    /// The peer refused `outgoing`; one lacking the base of a change asks `onNeedsFullSession` for
    /// the whole session.
    func refused(_ outgoing: Outgoing, reason: NackReason, refusal: String) {
        fail(outgoing, reason: refusal)
        if reason == .needsFullSession, let onNeedsFullSession {
            for key in outgoing.message.keys { onNeedsFullSession(key) }
        }
    }
}
