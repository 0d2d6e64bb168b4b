import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TernCore

/// Membership as a ServiceLifecycle service: listens to the group, announces this member (unless it
/// only observes), reports what happens on `notices`, and on graceful shutdown or `stop()` leaves
/// the group (three `leaving` heartbeats) before `run()` returns.
public final class MembershipService: Service, Sendable {
    /// Events, requested tables and the final table, in order; ends after `.finished`.
    public let notices: AsyncStream<MembershipNotice>
    let runtime: MembershipRuntime

    /// A service with `configuration`; `now` is the clock (ms since the epoch, never going back).
    public init(
        configuration: MembershipServiceConfiguration, logger: Logger, now: @escaping @Sendable () -> UnixMillis,
        eventLoop: EventLoop = MultiThreadedEventLoopGroup.singleton.next()
    ) {
        let (stream, continuation) = AsyncStream.makeStream(of: MembershipNotice.self, bufferingPolicy: .unbounded)
        notices = stream
        runtime = MembershipRuntime(
            configuration: configuration, logger: logger, now: now, continuation: continuation, loop: eventLoop)
    }

    /// Binds, joins, announces; returns after leaving, on graceful shutdown, cancellation, `stop()`
    /// or the configured `stopAfter`. Throws `MembershipTransportError` when it cannot start.
    public func run() async throws {
        try await runtime.start().get()
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                try? await runtime.stopped.futureResult.get()
            } onCancel: {
                runtime.requestStop()
            }
        } onGracefulShutdown: {
            self.runtime.requestStop()
        }
    }

    /// Asks for the table now, as a `.table` notice.
    public func requestTable() {
        runtime.emitTable()
    }

    /// Leaves and stops, as on graceful shutdown.
    public func stop() {
        runtime.requestStop()
    }
}
