import NIOCore
import TernCore

/// One accepted connection as the store sees it: who is on the other end, which contexts it
/// subscribed to, and a way to hand it replies later (from the store's event loop).
final class ReceiverConnection: @unchecked Sendable {
    /// The remote address, as logs and events name the peer.
    let peer: String
    /// The connection's event loop.
    let loop: EventLoop
    /// Where replies go; emptied when the connection closes, so a late reply is dropped.
    private let handler: NIOLoopBoundBox<ReceiverConnectionHandler?>
    /// Contexts subscribed to (empty: all); nil when not a subscriber. Store loop only.
    var subscription: [String]?

    init(peer: String, handler: ReceiverConnectionHandler, loop: EventLoop) {
        self.peer = peer
        self.loop = loop
        self.handler = NIOLoopBoundBox(handler, eventLoop: loop)
    }

    /// Sends `replies` on the connection's own loop, in order.
    func deliver(_ replies: [ReceiverReply]) {
        guard !replies.isEmpty else { return }
        if loop.inEventLoop {
            handler.value?.send(replies)
        } else {
            loop.execute { [handler] in handler.value?.send(replies) }
        }
    }

    /// The connection closed: forget the handler (on the connection's loop).
    func detach() {
        handler.value = nil
    }

    /// Whether a subscriber of `contexts` wants `message`.
    static func wants(_ contexts: [String], _ message: ReplicationMessage) -> Bool {
        guard !contexts.isEmpty else { return true }
        return message.keys.contains { key in contexts.contains { $0.utf8Equals(key.context) } }
    }
}
