import Logging
import NIOCore
import ServiceLifecycle
import TernCore
import TernNetMembership
import UnixSignals

extension NodeRuntime {
    /// Runs the node until SIGINT or SIGTERM: binds the receiver, then runs membership, the node and
    /// `http` as services of one group. `http` opens its port only after `waitUntilReady()`; on
    /// shutdown the group stops them in reverse order: HTTP closes first, then the node announces
    /// leaving, finishes in-flight replication, writes its snapshot and closes the receiver, and last
    /// membership leaves the group (three `leaving` heartbeats). SIGUSR1 writes the snapshot.
    ///
    /// Throws `NodeStartupError` (`--require-state` without the state), and the errors of binding or
    /// joining the group.
    public func run(http: (any Service)?) async throws {
        do {
            try await runServices(http: http)
        } catch {
            await closeEventLoops()
            throw error
        }
        await closeEventLoops()
    }

    private func runServices(http: (any Service)?) async throws {
        let server = try await ReplicationServer.bind(
            configuration.listen, store: store, group: eventLoopGroup, logger: logger)
        var advertised = configuration.listen
        if advertised.port == 0, let port = server.localAddress.port { advertised.port = UInt16(port) }
        events(.listening(address: server.boundDescription, advertised: advertised))
        var membershipConfiguration = configuration.membership
        membershipConfiguration.announce?.endpoint = advertised
        membershipConfiguration.announce?.state = .starting
        // Membership gets a thread of its own: a loop busy serving a large state transfer must not
        // delay heartbeats until peers think this node is dead (and drop what they send it).
        let membership = MembershipService(
            configuration: membershipConfiguration, logger: logger, now: configuration.wallClock,
            eventLoop: MembershipEventLoop.dedicated)
        let announced = advertised
        try await loop.submit {
            self.membership = membership
            self.server = server
            self.advertised = announced
        }.get()
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: membership),
            .init(service: SnapshotSignalService(runtime: self)),
            .init(service: NodeCoreService(runtime: self, membership: membership)),
        ]
        if let http { services.append(.init(service: http)) }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "tern.lifecycle", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await group.run()
    }

    /// Settles readiness once: true when ready, false when stopped first.
    func settleReadiness(_ result: Result<Bool, Error>) {
        guard !readinessSettled else { return }
        readinessSettled = true
        readiness.completeWith(result)
    }

    /// Shuts the node down after HTTP closed: announces leaving, finishes in-flight replication (for
    /// at most `shutdownGrace`), writes the snapshot (only of a node that was ready: a start-up cut
    /// short must not replace a good snapshot with part of the state), closes the receiver.
    func shutDown(wasReady: Bool) async {
        events(.leaving)
        let senders = (try? await loop.submit { () -> [ReplicationSender] in
            self.stopping = true
            self.stopTimers()
            self.stopAntiEntropy()
            self.abandonStartup()
            self.membership?.announce(state: .leaving)
            return self.peers.values.map(\.sender)
        }.get()) ?? []
        await finish(senders)
        if wasReady {
            do {
                try await writeSnapshot(reason: "exit")
            } catch {
                logger.error("cannot write the snapshot: \(error)")
            }
        }
        await server?.close()
        let records = (try? await loop.submit { self.storage.count }.get()) ?? 0
        events(.stopped(records: records))
    }

    /// Waits until every sender has its messages answered, or `shutdownGrace` passed; then stops them.
    private func finish(_ senders: [ReplicationSender]) async {
        guard !senders.isEmpty else { return }
        let grace = configuration.shutdownGrace
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { finishing in
                    for sender in senders { finishing.addTask { _ = await sender.finish() } }
                }
            }
            group.addTask { try? await Task.sleep(for: .milliseconds(grace)) }
            await group.next()
            // Stopping wakes `finish` callers still waiting; what is unanswered is given up.
            for sender in senders { _ = await sender.stop() }
            group.cancelAll()
        }
    }

    private func closeEventLoops() async {
        try? await eventLoopGroup.shutdownGracefully()
    }
}

/// The node between membership and HTTP in the service group: consumes membership events, drives
/// the start-up until ready, then waits for graceful shutdown and shuts the node down.
struct NodeCoreService: Service {
    let runtime: NodeRuntime
    let membership: MembershipService

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for await notice in membership.notices {
                    if case .rejected(let rejection) = notice { runtime.logger.warning("\(rejection.logLine)") }
                    guard case .event(let event, let tomcat) = notice else { continue }
                    runtime.loop.execute { runtime.onMembership(event, isTomcat: tomcat != nil) }
                }
            }
            defer { tasks.cancelAll() }
            runtime.loop.execute { runtime.beginStartup() }
            let stopEarly: @Sendable () -> Void = {
                runtime.loop.execute { runtime.settleReadiness(.success(false)) }
            }
            let ready = try await withTaskCancellationHandler {
                try await withGracefulShutdownHandler {
                    try await runtime.waitUntilReady()
                } onGracefulShutdown: {
                    stopEarly()
                }
            } onCancel: {
                stopEarly()
            }
            if ready { try? await gracefulShutdown() }
            await runtime.shutDown(wasReady: ready)
        }
    }
}

/// Writes the snapshot on each SIGUSR1, until graceful shutdown.
struct SnapshotSignalService: Service {
    let runtime: NodeRuntime

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sigusr1).cancelOnGracefulShutdown() {
            if runtime.configuration.snapshotPath == nil {
                runtime.logger.notice("SIGUSR1 received, but there is no --data-dir to write a snapshot to")
            } else {
                runtime.writeSnapshotInBackground(reason: "signal")
            }
        }
    }
}
