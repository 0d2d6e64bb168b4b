import NIOCore
import TernCore
import TernSnapshot
import TernWire

/// Starts a receiver from another member's state (`tern-recv --bootstrap-from`): the store holds live
/// messages (`ReplicaStore.beginBootstrap`) while a `StateTransferClient` on the store's own event
/// loop applies the peer's records; the end applies what was held. The verdict names the peer; on a
/// timeout or failure the receiver goes on with what it has (DESIGN.md §1).
public enum BootstrapTransfer {
    /// Runs the transfer; the future completes with the verdict (it never fails).
    public static func run(
        store: ReplicaStore, from peer: Endpoint, identity: ReplicationIdentity, limits: FrameLimits, timeout: Int64,
        queueLimits: ReplicationQueueLimits
    ) -> EventLoopFuture<BootstrapVerdict> {
        let verdict = store.beginBootstrap(from: peer, timeout: timeout, limits: queueLimits)
        store.loop.execute {
            // The machine judges silence; the client's own limit is a little longer so the verdict
            // says "timed out" rather than "failed".
            let (client, result) = StateTransferClient.run(
                from: peer, request: StateRequest(), identity: identity, limits: limits, timeout: timeout + 1000,
                on: store.loop, sink: StoreTransferSink(store: store))
            result.whenComplete { outcome in
                switch outcome {
                case .success(let transfer): store.transferEnded(announcedCount: transfer.count)
                case .failure(let error): store.transferFailed("\(error)")
                }
            }
            let bound = NIOLoopBound(client, eventLoop: store.loop)
            verdict.whenComplete { _ in bound.value.cancel(TransferOver()) }
        }
        return verdict
    }
}

/// Applies transferred records to the store (on its loop).
private final class StoreTransferSink: StateTransferSink {
    private let store: ReplicaStore

    init(store: ReplicaStore) {
        self.store = store
    }

    func begin(_ header: SnapshotHeader) throws {}

    func receive(_ records: [StoreRecord], framed: ByteBuffer) throws {
        guard store.transferRecords(records) else { throw TransferOver() }
    }
}

/// The bootstrap ended (timed out, say) while the transfer was still running.
private struct TransferOver: Error {}
