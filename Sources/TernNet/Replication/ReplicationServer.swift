import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import TernCore
import TernWire

#if canImport(Glibc)
    import Glibc
#endif

/// Listens for replication connections: each accepted one passes the `ConnectionGate` (connection
/// bounds) and gets the frame decoder and a `ReceiverConnectionHandler` on the shared `ReplicaStore`. A connection's failure closes only that
/// connection. As a ServiceLifecycle `Service`, it runs until graceful shutdown, then stops accepting
/// and closes every connection.
public final class ReplicationServer: Service, Sendable {
    /// The address actually bound (with the port the system chose for port 0).
    public let localAddress: SocketAddress
    private let channel: Channel
    private let connections: Mutex<[ObjectIdentifier: Channel]>
    private let logger: Logger

    private init(channel: Channel, localAddress: SocketAddress, logger: Logger) {
        self.channel = channel
        self.localAddress = localAddress
        self.logger = logger
        connections = Mutex([:])
    }

    /// Binds `endpoint` (an empty host: every IPv4 address; port 0: a free port) on `group`.
    public static func bind(
        _ endpoint: Endpoint, store: ReplicaStore, group: EventLoopGroup, logger: Logger
    ) async throws -> ReplicationServer {
        let configuration = store.configuration
        let registry = ConnectionRegistry()
        let gate = ConnectionGate(store: store)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelInitializer { channel in
                // Before the bootstrap's own accept handler: a connection over a bound gets nothing.
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(gate) }
            }
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelOption(
                .recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 65_536, maximum: 1 << 20)
            )
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 1 << 20, high: 4 << 20))
            .childChannelInitializer { channel in
                registry.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    if let keys = configuration.identity.keys {
                        try channel.pipeline.syncOperations.addHandler(SecureChannelHandler(role: .server, keys: keys))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ReceiverConnectionHandler(store: store, configuration: configuration, logger: logger))
                }
            }
        let host = endpoint.host.isEmpty ? "0.0.0.0" : endpoint.host
        let channel: Channel
        do {
            channel = try await bootstrap.bind(host: host, port: Int(endpoint.port)).get()
        } catch {
            throw ReplicationPeerError(.unavailable, peer: endpoint, "cannot listen there: \(Self.describe(error))")
        }
        guard let address = channel.localAddress else {
            try? await channel.close()
            throw ReplicationPeerError(.unavailable, peer: endpoint, "cannot listen there: no local address")
        }
        let server = ReplicationServer(channel: channel, localAddress: address, logger: logger)
        registry.server = server
        return server
    }

    /// The bound address as `HOST:PORT`.
    public var boundDescription: String {
        ReceiverConnectionHandler.describe(localAddress)
    }

    /// Runs until graceful shutdown (or cancellation), then closes the listener and every connection.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Stops accepting and closes every open connection.
    public func close() async {
        try? await channel.close()
        let open = connections.withLock { Array($0.values) }
        for connection in open { try? await connection.close() }
    }

    fileprivate func track(_ channel: Channel) {
        let key = ObjectIdentifier(channel)
        connections.withLock { $0[key] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.connections.withLock { _ = $0.removeValue(forKey: key) }
        }
    }

    /// An error's text for a user: `address already in use`, not an enum dump.
    static func describe(_ error: Error) -> String {
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode))
        }
        return "\(error)"
    }
}

/// Hands accepted channels to the server once it exists (the bootstrap is made before it is).
private final class ConnectionRegistry: Sendable {
    private let state = Mutex<(server: ReplicationServer?, early: [Channel])>((nil, []))

    var server: ReplicationServer? {
        get { state.withLock { $0.server } }
        set {
            let early = state.withLock { state in
                state.server = newValue
                defer { state.early = [] }
                return state.early
            }
            for channel in early { newValue?.track(channel) }
        }
    }

    func add(_ channel: Channel) {
        let server = state.withLock { state in
            if state.server == nil { state.early.append(channel) }
            return state.server
        }
        server?.track(channel)
    }
}
