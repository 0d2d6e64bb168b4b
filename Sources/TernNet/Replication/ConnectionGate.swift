import NIOCore
import Synchronization
import TernCore

/// The first handler of a replication listener: sees each accepted connection before anything is
/// set up for it (no options, no handlers, no read buffer), admits it under the `ConnectionBounds`
/// or closes it at once and reports the bound to the store (counted, and logged rate-limited).
/// An admitted connection is released when it closes.
final class ConnectionGate: ChannelInboundHandler, Sendable {
    typealias InboundIn = Channel
    typealias InboundOut = Channel

    private let admission: Mutex<ConnectionAdmission>
    private let store: ReplicaStore

    /// A gate with `store`'s bounds, reporting to it.
    init(store: ReplicaStore) {
        self.store = store
        admission = Mutex(ConnectionAdmission(bounds: store.configuration.connectionBounds))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let accepted = unwrapInboundIn(data)
        let address = accepted.remoteAddress?.ipAddress ?? "unknown"
        if let bound = admission.withLock({ $0.admit(address) }) {
            accepted.close(promise: nil)
            let bounds = admission.withLock { $0.bounds }
            let detail =
                bound == .total
                ? "too many connections (--max-connections \(bounds.maxConnections))"
                : "too many connections from \(address) (--max-connections-per-peer \(bounds.maxConnectionsPerPeer))"
            store.connectionBoundHit(
                bound, peer: accepted.remoteAddress.map(ReceiverConnectionHandler.describe) ?? address, detail: detail)
            return
        }
        accepted.closeFuture.whenComplete { [self] _ in admission.withLock { $0.release(address) } }
        context.fireChannelRead(data)
    }

    /// Connections admitted and open now.
    var open: Int { admission.withLock { $0.total } }
}
