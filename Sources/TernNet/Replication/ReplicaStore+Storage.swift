import NIOCore
import TernCore
import TernWire

extension ReplicaStore {
    /// A live message for a storage that gates them (a starting node): applied now, or held by the
    /// storage and acknowledged at once. A held message is applied whatever the start-up brings (the
    /// state transfer first, then the held messages in order), so acknowledging it early keeps a
    /// synchronous sender from waiting for a whole transfer; a delta whose base the transfer does
    /// not bring is then logged, not refused. Store loop only.
    func admit(
        _ message: ReplicationMessage, sequence: UInt64, requested: Bool, from connection: ReceiverConnection
    ) -> FrameBody? {
        // The answer record goes first: the storage may release it (and the ones before) at once.
        held.append(HeldMessage(connection: connection, sequence: sequence, requested: requested, answerLater: false))
        guard storage.admit(message, store: self) else {
            return requested ? .ack(sequence: sequence) : nil
        }
        held.removeLast()
        return apply(message, peer: connection.peer).answer(sequence: sequence, requested: requested)
    }

    /// Applies messages the storage held, in the order they arrived (the oldest held first); the
    /// storage calls this when its start-up lets them through. Store loop only.
    public func releaseHeld(_ messages: [ReplicationMessage]) {
        loop.preconditionInEventLoop()
        applyHeld(messages)
        flushObservers()
    }

    /// A change made here rather than received (a node's own write): subscribers see it as they see
    /// replicated ones. Store loop only.
    public func publishLocalChange(_ message: ReplicationMessage) {
        guard !subscribers.isEmpty else { return }
        changed.append(message)
        flushObservers()
    }
}

extension ReplicaStore {
    /// Answer records of messages held now (the storage's and a bootstrap's). Store loop only.
    var heldCount: Int { held.count }
}
