import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import TernCore
import TernWire
import UnixSignals

/// A complete replication receiver (tern-recv, and the receiving half of a node): event loops, the
/// store and its owner loop, the listener, an optional start-up state transfer, and a run loop that
/// ends gracefully on SIGINT or SIGTERM and calls back on SIGUSR1.
///
/// Order of use: `init`, `load` (optional), `listen`, `startBootstrap` (optional), `run`, `cut` for
/// the final snapshot, `shutdown`.
public final class ReplicationReceiver: Sendable {
    /// The store every connection applies to.
    public let store: ReplicaStore
    private let group: MultiThreadedEventLoopGroup
    private let logger: Logger
    private let server = Mutex<ReplicationServer?>(nil)

    /// Creates the event loops (`threads` of them; the store lives on the first) and a store over
    /// `storage` (an empty, unbounded `SessionStore` by default).
    public init(
        threads: Int, configuration: ReceiverConfiguration, events: ReceiverEventSink?, recorder: StreamRecorder?,
        storage: any ReplicaStorage = SessionStoreStorage(), logger: Logger
    ) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        let storeLoop = group.any()
        store = ReplicaStore(
            loop: storeLoop, configuration: configuration, events: events, recorder: recorder, storage: storage,
            logger: logger)
        self.logger = logger
    }

    /// Applies records (from `--load`) before anything is served.
    public func load(_ records: [StoreRecord]) async throws {
        try await store.load(records).get()
    }

    /// Binds the listener; returns the bound address as `HOST:PORT`.
    public func listen(on endpoint: Endpoint) async throws -> String {
        let bound = try await ReplicationServer.bind(endpoint, store: store, group: group, logger: logger)
        server.withLock { $0 = bound }
        return bound.boundDescription
    }

    /// Starts a state transfer from `peer` in the background; its verdict reaches the event sink.
    public func startBootstrap(from peer: Endpoint, timeout: Int64, queueLimits: ReplicationQueueLimits) {
        let configuration = store.configuration
        _ = BootstrapTransfer.run(
            store: store, from: peer, identity: configuration.identity, limits: configuration.limits, timeout: timeout,
            queueLimits: queueLimits)
    }

    /// Serves until SIGINT or SIGTERM (then stops accepting and closes every connection); calls
    /// `onSnapshotSignal` for each SIGUSR1 meanwhile.
    public func run(onSnapshotSignal: @escaping @Sendable () async -> Void) async throws {
        guard let server = server.withLock({ $0 }) else { return }
        let signals = SignalService(signal: .sigusr1, action: onSnapshotSignal)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: signals),
                    .init(service: server, successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "tern.lifecycle", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await group.run()
    }

    /// The store's records now.
    public func cut() async throws -> StoreCut {
        try await store.cut().get()
    }

    /// Records held now.
    public func count() async throws -> Int {
        try await store.count().get()
    }

    /// Hits of each bound of docs/LIMITS.md since start (bounds never hit are left out).
    public func limitHits() async throws -> [LimitName: Int] {
        try await store.loop.submit { self.store.limitHits.totals }.get()
    }

    /// Closes the listener and connections (if `run` did not), flushes and closes the recorder,
    /// and stops the event loops.
    public func finish() async {
        if let server = server.withLock({ $0 }) { await server.close() }
        let store = self.store
        try? await store.loop.submit { store.recorder?.close() }.get()
        try? await group.shutdownGracefully()
    }

    /// Closes the listener and connections (if `run` did not) and stops the event loops.
    public func shutdown() async {
        if let server = server.withLock({ $0 }) { await server.close() }
        try? await group.shutdownGracefully()
    }
}

/// Calls an action for each arrival of a signal, until graceful shutdown.
private struct SignalService: Service {
    let signal: UnixSignal
    let action: @Sendable () async -> Void

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: signal).cancelOnGracefulShutdown() {
            await action()
        }
    }
}
