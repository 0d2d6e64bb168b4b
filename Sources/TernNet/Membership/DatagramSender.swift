import Logging
import NIOCore
import NIOPosix
import TernCore

#if canImport(Glibc)
    import Glibc
#endif

/// Sends datagrams to one destination (the group, or one `--peer`) from a socket of its own, so a
/// failure towards one destination touches no other, nor the receiving socket.
///
/// A send that fails (no route, interface down) closes the socket and backs off (`SendBackoff`):
/// heartbeats due meanwhile are skipped, not queued, and the next attempt opens a fresh socket with
/// freshly resolved options. Confined to its event loop.
final class DatagramSender: @unchecked Sendable {
    /// Where the datagrams go.
    let destination: SocketAddress
    /// `HOST:PORT` of the destination, for logs.
    let label: String
    private let loop: EventLoop
    private let configure: @Sendable (Channel) -> EventLoopFuture<Void>
    private let logger: Logger
    private var channel: Channel?
    private var opening: EventLoopFuture<Channel>?
    private var backoff: SendBackoff
    /// Sends that failed.
    private(set) var failures: UInt64 = 0
    /// Called on the loop when a send succeeds after failures (the network is back).
    var onRecovered: (@Sendable () -> Void)?

    /// A sender to `destination`; `configure` sets the socket's options each time one is opened.
    init(
        to destination: SocketAddress, loop: EventLoop, backoff: SendBackoff, logger: Logger,
        configure: @escaping @Sendable (Channel) -> EventLoopFuture<Void>
    ) {
        self.destination = destination
        self.label = destination.endpointText
        self.loop = loop
        self.backoff = backoff
        self.logger = logger
        self.configure = configure
    }

    /// Sends `datagram` unless backing off (`force` sends anyway: the leaving heartbeats); nil when
    /// skipped. The future always succeeds; failures are counted and logged here.
    func send(_ datagram: ByteBuffer, at now: UnixMillis, force: Bool = false) -> EventLoopFuture<Void>? {
        loop.preconditionInEventLoop()
        guard force || backoff.allowsAttempt(at: now) else { return nil }
        let destination = self.destination
        return openChannel().flatMap { channel in
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: datagram))
        }.map {
            if self.backoff.onSuccess() {
                self.logger.notice("sending to \(self.label) again")
                self.onRecovered?()
            }
        }.flatMapErrorThrowing { error in
            self.failed(error, at: now)
        }
    }

    /// Closes the socket.
    func close() {
        channel?.close(promise: nil)
        channel = nil
    }

    private func failed(_ error: Error, at now: UnixMillis) {
        failures += 1
        let first = backoff.failures == 0
        let delay = backoff.onFailure(at: now)
        channel?.close(promise: nil)
        channel = nil
        if first {
            logger.warning(
                "cannot send to \(label): \(Self.describe(error)); retrying, at most every \(backoff.maximum) ms")
        } else {
            logger.debug("send to \(label) failed again: \(Self.describe(error)); next attempt in \(delay) ms")
        }
    }

    private func openChannel() -> EventLoopFuture<Channel> {
        if let channel, channel.isActive { return loop.makeSucceededFuture(channel) }
        channel = nil
        if let opening { return opening }
        let anyAddress = destination.protocol == .inet6 ? "::" : "0.0.0.0"
        let configure = self.configure
        let future = DatagramBootstrap(group: loop)
            .bind(host: anyAddress, port: 0)
            .flatMap { channel in
                configure(channel).map { channel }.flatMapError { error in
                    channel.close(promise: nil)
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        opening = future
        future.whenComplete { result in
            self.opening = nil
            if case .success(let channel) = result { self.channel = channel }
        }
        return future
    }

    /// An error as one short phrase: `network is unreachable (errno 101)` rather than NIO's dump.
    static func describe(_ error: Error) -> String {
        if let error = error as? IOError {
            let code = error.errnoCode
            return "\(String(cString: strerror(code)).lowercased()) (errno \(code))"
        }
        return "\(error)"
    }
}
