import Logging
import NIOCore
import NIOPosix
import TernCore
import TernWire

#if canImport(Glibc)
    import Glibc
#endif

/// The shell around the membership machine: the receiving socket, the senders, the timers and the
/// Tomcat acceptor, all confined to one event loop. It feeds datagrams and ticks to
/// `MembershipTable`, sends what `HeartbeatAnnouncer` returns, and yields notices.
final class MembershipRuntime: @unchecked Sendable {
    let loop: EventLoop
    let configuration: MembershipServiceConfiguration
    let logger: Logger
    let now: @Sendable () -> UnixMillis
    let continuation: AsyncStream<MembershipNotice>.Continuation
    /// Succeeds when the runtime has stopped (after leaving) or failed to start.
    let stopped: EventLoopPromise<Void>

    var table: MembershipTable
    var admission: HeartbeatAdmission
    /// The configuration's keys, prepared once.
    let heartbeatKeys: HeartbeatKeys?
    var announcer: HeartbeatAnnouncer?
    var startedAt: UnixMillis = 0
    var group: SocketAddress?
    var receiver: Channel?
    var senders: [DatagramSender] = []
    var acceptor: Channel?
    var scheduledTick: (at: UnixMillis, task: Scheduled<Void>)?
    var announceTask: Scheduled<Void>?
    var stopTask: Scheduled<Void>?
    var maintenanceTask: RepeatedTask?
    var heardSinceMaintenance = false
    var stopping = false
    var tomcat: [MemberID: TribesMember] = [:]
    var sourceNames: [SocketAddress: String] = [:]
    var warnedSources: Set<String> = []
    var reportedConflicts: UInt64 = 0
    var sent: UInt64 = 0
    var undecodable: UInt64 = 0
    /// Of those, tern heartbeats over the datagram bound.
    var oversized: UInt64 = 0
    var tomcatFrames: UInt64 = 0

    init(
        configuration: MembershipServiceConfiguration, logger: Logger, now: @escaping @Sendable () -> UnixMillis,
        continuation: AsyncStream<MembershipNotice>.Continuation, loop: EventLoop
    ) {
        self.configuration = configuration
        self.logger = logger
        self.now = now
        self.continuation = continuation
        self.loop = loop
        self.stopped = loop.makePromise()
        self.table = MembershipTable(configuration: configuration.membership)
        self.heartbeatKeys = configuration.keys.map(HeartbeatKeys.init)
        self.admission = HeartbeatAdmission(
            keyed: configuration.keys != nil, domain: configuration.membership.domain,
            maxMembers: configuration.membership.maxMembers)
        self.announcer = configuration.announce.map { HeartbeatAnnouncer($0) }
    }

    // MARK: Starting and stopping

    /// Binds, joins and starts announcing; fails with a `MembershipTransportError` when it cannot.
    func start() -> EventLoopFuture<Void> {
        loop.flatSubmit {
            do {
                try self.prepare()
            } catch {
                self.abandon()
                return self.loop.makeFailedFuture(error)
            }
            return self.bindReceiver().flatMap { self.startAcceptor() }.map { self.begin() }.flatMapErrorThrowing {
                self.abandon()
                throw $0
            }
        }
    }

    /// Leaves (three `leaving` heartbeats), emits the final table, closes everything.
    func requestStop() {
        loop.execute { self.stop() }
    }

    private func prepare() throws {
        let group = try SocketAddress.resolving(configuration.group)
        guard group.isMulticast else { throw MembershipTransportError.groupNotMulticast(configuration.group) }
        self.group = group
        if let interface = configuration.interface {
            _ = try InterfaceResolver.device(interface, ipv6: group.protocol == .inet6)
        }
        if let heartbeat = configuration.announce {
            do {
                _ = try encode(heartbeat, at: 0)
            } catch {
                throw MembershipTransportError.cannotEncode("\(error)")
            }
        }
        let backoff = SendBackoff(
            initial: max(configuration.announce?.interval ?? 500, 1),
            maximum: max(8 * (configuration.announce?.interval ?? 500), 1))
        if configuration.announce != nil {
            let multicast = DatagramSender(
                to: group, loop: loop, backoff: backoff, logger: logger,
                configure: { self.configureMulticastSender($0) })
            senders.append(multicast)
            for peer in configuration.peers {
                senders.append(
                    DatagramSender(
                        to: try SocketAddress.resolving(peer), loop: loop, backoff: backoff, logger: logger,
                        configure: { $0.eventLoop.makeSucceededVoidFuture() }))
            }
            for sender in senders { sender.onRecovered = { self.rejoin(reason: "the network is back") } }
        }
    }

    private func begin() {
        startedAt = now()
        if let heartbeat = announcer?.onStart(at: startedAt) { announce(heartbeat) }
        scheduleAnnouncement()
        let period = TimeAmount.milliseconds(max(configuration.membership.dropTime, 1000))
        maintenanceTask = loop.scheduleRepeatedTask(initialDelay: period, delay: period) { _ in
            self.maintain()
        }
        if let stopAfter = configuration.stopAfter {
            stopTask = loop.scheduleTask(in: .milliseconds(stopAfter)) { self.stop() }
        }
        logger.debug(
            "membership started", metadata: ["group": "\(configuration.group)", "wire": "\(configuration.wire)"])
    }

    private func abandon() {
        receiver?.close(promise: nil)
        acceptor?.close(promise: nil)
        for sender in senders { sender.close() }
        continuation.finish()
        stopped.succeed(())
    }

    private func stop() {
        guard !stopping else { return }
        stopping = true
        announceTask?.cancel()
        stopTask?.cancel()
        maintenanceTask?.cancel()
        var sends: [EventLoopFuture<Void>] = []
        if var announcer {
            let leaving = announcer.onLeave(at: now())
            self.announcer = announcer
            for (heartbeat, at) in leaving {
                let delay = max(at - now(), 0)
                let promise = loop.makePromise(of: Void.self)
                sends.append(promise.futureResult)
                loop.scheduleTask(in: .milliseconds(delay)) {
                    self.announce(heartbeat, force: true).cascade(to: promise)
                }
            }
        }
        EventLoopFuture.andAllComplete(sends, on: loop).whenComplete { _ in self.finish() }
    }

    private func finish() {
        scheduledTick?.task.cancel()
        scheduledTick = nil
        continuation.yield(.finished(snapshot()))
        continuation.finish()
        for sender in senders { sender.close() }
        let closing = [receiver, acceptor].compactMap { $0?.close() }
        EventLoopFuture.andAllComplete(closing, on: loop).whenComplete { _ in self.stopped.succeed(()) }
    }

    /// The table and counters now.
    func snapshot() -> MembershipSnapshot {
        MembershipSnapshot(
            table: table, at: now(), tomcat: tomcat, sent: sent, sendFailures: senders.reduce(0) { $0 + $1.failures },
            undecodable: undecodable, oversized: oversized, rejected: admission.rejected, tomcatFrames: tomcatFrames)
    }

    /// Yields the table as a notice (SIGUSR1).
    func emitTable() {
        loop.execute { self.continuation.yield(.table(self.snapshot())) }
    }

    // MARK: Timers

    /// Makes sure `onTick` runs at `instant` at the latest.
    func scheduleTick(_ instant: UnixMillis?) {
        guard let instant, !stopping else { return }
        if let scheduled = scheduledTick, scheduled.at <= instant { return }
        scheduledTick?.task.cancel()
        let delay = max(instant - now(), 0)
        let task = loop.scheduleTask(in: .milliseconds(delay)) { self.tick() }
        scheduledTick = (instant, task)
    }

    private func tick() {
        scheduledTick = nil
        let update = table.onTick(at: now())
        for event in update.events { continuation.yield(.event(event, tomcat: tomcat[event.member])) }
        scheduleTick(update.nextTick)
    }

    private func scheduleAnnouncement() {
        guard let due = announcer?.nextSend, !stopping else { return }
        let delay = max(due - now(), 0)
        announceTask = loop.scheduleTask(in: .milliseconds(delay)) {
            if let heartbeat = self.announcer?.onTimer(at: self.now()) { self.announce(heartbeat) }
            self.scheduleAnnouncement()
        }
    }

    /// Every drop time: when nothing at all was heard meanwhile, join the group again (the interface
    /// may have come back with its memberships lost). Joining a group already joined is harmless.
    private func maintain() {
        defer { heardSinceMaintenance = false }
        guard !heardSinceMaintenance else { return }
        rejoin(reason: "nothing heard for \(configuration.membership.dropTime) ms")
    }
}
